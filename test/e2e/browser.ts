/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code drives a browser from outside n8n; its errors are test failures */
/**
 * Drives n8n's editor in Debian's Chromium (playwright-core, no browser download): launch,
 * sign in with the owner's cookie, and the steps a user takes with this package's nodes.
 * Shared by test/e2e/editor.e2e.test.ts and scripts/screenshots.js.
 *
 * Selectors are the `data-test-id` attributes n8n's editor sets (`page.getByTestId`), plus
 * Element Plus classes for the option lists it opens in a popper at the end of <body>.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
];

/** n8n's editor marks its elements with data-test-id (not Playwright's default data-testid). */
selectors.setTestIdAttribute('data-test-id');

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (removed again by close()). */
export async function launchBrowser({
	width = 1440,
	height = 900,
	timeoutMs = 20000,
} = {}): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`,
		);
	}
	const profile = mkdtempSync(join(tmpdir(), 'nexudus-chromium-'));
	// launchPersistentContext is how Playwright takes a --user-data-dir of our choosing.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width, height },
		deviceScaleFactor: 1,
	});
	context.setDefaultTimeout(timeoutMs);
	// Leaving a workflow with unsaved changes asks "leave the page?": yes. Other dialogs: no.
	context.on('dialog', (dialog) =>
		dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss(),
	);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		async close() {
			try {
				await context.close();
			} finally {
				rmSync(profile, { recursive: true, force: true });
			}
		},
	};
}

/** Signs the browser in as the owner by giving it the `n8n-auth=...` cookie from setupOwner. */
export async function signIn(context: BrowserContext, baseUrl: string, cookie: string) {
	const separator = cookie.indexOf('=');
	await context.addCookies([
		{
			name: cookie.slice(0, separator),
			value: cookie.slice(separator + 1),
			url: baseUrl,
		},
	]);
}

/** Waits until `check` returns without throwing (polling), then returns its value. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 15000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await check();
		} catch (error) {
			if (Date.now() > deadline) throw error;
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Saves a screenshot and the page's HTML under the system temp folder; returns the folder. */
export async function saveEvidence(page: Page, label: string): Promise<string> {
	const folder = join(tmpdir(), 'nexudus-editor-e2e');
	mkdirSync(folder, { recursive: true });
	const base = join(folder, `${Date.now()}-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
	await page.screenshot({ path: `${base}.png` }).catch(() => undefined);
	writeFileSync(`${base}.html`, await page.content().catch(() => ''));
	return base;
}

/** What an <img> shows: its src, and its natural width once loaded (0 for a broken image). */
export async function imageState(image: Locator) {
	await image.waitFor({ state: 'visible' });
	return await eventually(async () => {
		const state = await image.evaluate((element) => {
			const img = element as unknown as { complete: boolean; naturalWidth: number; src: string };
			return { complete: img.complete, naturalWidth: img.naturalWidth, src: img.src };
		});
		if (!state.complete) throw new Error(`image ${state.src} still loading`);
		return state;
	});
}

/**
 * An Element Plus select (n8n's options, multiOptions, credential and "Add ..." selects). Its
 * option list opens in a popper at the end of <body>; while open, the select's trigger names
 * that popper in aria-describedby, which ties the list to this select and no other.
 */
export class Select {
	constructor(
		readonly page: Page,
		readonly root: Locator,
	) {}

	private get trigger() {
		return this.root.locator('.select-trigger').first();
	}

	/** The open option list (call open() first). */
	async list(): Promise<Locator> {
		const id = await eventually(async () => {
			const describedBy = await this.trigger.getAttribute('aria-describedby');
			if (!describedBy) throw new Error('the select has no open option list');
			return describedBy;
		}, 5000);
		return this.page.locator(`[id="${id}"]`);
	}

	async isOpen(): Promise<boolean> {
		const id = await this.trigger.getAttribute('aria-describedby');
		return id ? await this.page.locator(`[id="${id}"]`).isVisible() : false;
	}

	/** Opens the option list (if closed) and waits for its first option. */
	async open(): Promise<Locator> {
		if (!(await this.isOpen())) await this.root.click();
		const list = await this.list();
		await list.waitFor();
		await list.locator('.el-select-dropdown__item').first().waitFor();
		return list;
	}

	/** The options' names (an option's headline, without its description). */
	async optionNames(): Promise<string[]> {
		const list = await this.open();
		return await list.locator('.el-select-dropdown__item').evaluateAll((elements) =>
			elements.map((element) => {
				const item = element as unknown as {
					querySelector(selector: string): { textContent: string | null } | null;
					textContent: string | null;
				};
				return ((item.querySelector('.option-headline') ?? item).textContent ?? '').trim();
			}),
		);
	}

	/** Clicks the option named exactly `name` (its headline, or its whole text). */
	async choose(name: string) {
		const list = await this.open();
		const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
		const items = list.locator('.el-select-dropdown__item');
		const byHeadline = items.filter({
			has: this.page.locator('.option-headline', { hasText: exact }),
		});
		const byText = items.filter({ hasText: exact });
		await byHeadline.or(byText).first().click();
	}

	/** Closes the option list (Escape) if it is open. */
	async close() {
		if (!(await this.isOpen())) return;
		const list = await this.list();
		await this.page.keyboard.press('Escape');
		await list.waitFor({ state: 'hidden' });
	}

	/** The tags a multiple select shows, or the text of a single select. */
	async shown(): Promise<string[]> {
		const tags = this.root.locator('.el-select__tags .el-tag');
		if ((await tags.count()) > 0) return (await tags.allInnerTexts()).map((tag) => tag.trim());
		return [await this.root.locator('input.el-input__inner').first().inputValue()];
	}
}

/** n8n's workflow editor, signed in, one step at a time. */
export class Editor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	get ndv() {
		return this.page.getByTestId('ndv');
	}

	canvasNode(name: string) {
		return this.page.getByTestId('canvas-node').filter({ hasText: name });
	}

	/** Opens a new, empty workflow. */
	async newWorkflow() {
		await this.page.goto(new URL('workflow/new', this.baseUrl).href);
		await this.page.getByTestId('canvas-add-button').waitFor();
	}

	/** Opens a saved workflow's execution in the Executions tab (canvas with its run data). */
	async openExecution(workflowId: string, executionId: string) {
		await this.page.goto(
			new URL(`workflow/${workflowId}/executions/${executionId}`, this.baseUrl).href,
		);
		await this.page.getByTestId(`execution-preview-details-${executionId}`).waitFor();
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	/** Closes the "Production Checklist" popover n8n shows on published workflows. */
	async dismissChecklist() {
		const close = this.page.getByTestId('suggested-actions-close');
		if (await close.isVisible()) await close.click();
	}

	/** Opens the node panel from the empty canvas and searches it. */
	async searchFirstStep(text: string) {
		await this.page.getByTestId('canvas-add-button').click();
		await this.searchNodePanel(text);
	}

	/** Opens the node panel from a node's output (+) and searches it. */
	async searchNextStep(afterNode: string, text: string) {
		await this.canvasNode(afterNode).getByTestId('canvas-handle-plus').click();
		await this.searchNodePanel(text);
	}

	private async searchNodePanel(text: string) {
		const search = this.page.getByTestId('node-creator-search-bar');
		await search.waitFor();
		await search.fill(text);
	}

	/** The node panel's entries, by name. */
	nodePanelItem(name: string | RegExp) {
		return this.page
			.getByTestId('node-creator')
			.getByTestId('item-iterator-item')
			.filter({ has: this.page.getByTestId('node-creator-item-name').getByText(name) });
	}

	async nodePanelItemNames(): Promise<string[]> {
		const names = this.page.getByTestId('node-creator').getByTestId('node-creator-item-name');
		await names.first().waitFor();
		return (await names.allTextContents()).map((name) => name.trim());
	}

	/** Clicks a node panel entry and waits for the node's details view (NDV) to open. */
	async addFromNodePanel(name: string | RegExp) {
		await this.nodePanelItem(name).click();
		await this.ndv.waitFor();
	}

	async closeNdv() {
		// 2.x: a close button (x); 1.x: "Back to canvas".
		const close = this.page.getByTestId('ndv-close-button');
		await close.or(this.page.getByTestId('back-to-canvas')).first().click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	parameter(name: string) {
		return this.page.getByTestId(`parameter-input-${name}`);
	}

	credentialSelect() {
		return new Select(this.page, this.page.getByTestId('node-credentials-select'));
	}

	/** Opens the credential select; returns its options' texts (name and credential type). */
	async openCredentials(): Promise<string[]> {
		const list = await this.credentialSelect().open();
		return await list.locator('[data-test-id^="node-credentials-select-item-"]').allInnerTexts();
	}

	async chooseCredential(id: string) {
		const list = await this.credentialSelect().open();
		await list.getByTestId(`node-credentials-select-item-${id}`).click();
		await list.waitFor({ state: 'hidden' });
	}

	async credentialShown(): Promise<string> {
		return (await this.credentialSelect().shown())[0];
	}

	/** Opens a resource locator's list (mode "From list"); returns the names it shows. */
	async openResourceList(name: string): Promise<string[]> {
		await this.page.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
		const items = this.page.getByTestId('rlc-item');
		await items.first().waitFor();
		return (await items.allInnerTexts()).map((text) => text.trim());
	}

	async chooseFromResourceList(item: string) {
		await this.page.getByTestId('rlc-item').filter({ hasText: item }).first().click();
		await this.page.getByTestId('rlc-item').first().waitFor({ state: 'hidden' });
	}

	async resourceShown(name: string): Promise<string> {
		return await this.page
			.getByTestId(`resource-locator-${name}`)
			.getByTestId('rlc-input')
			.inputValue();
	}

	/** An options or multiOptions parameter's select. */
	select(name: string) {
		return new Select(this.page, this.parameter(name));
	}

	/** Opens an options / multiOptions parameter's list; returns the option names. */
	async openOptions(name: string): Promise<string[]> {
		return await this.select(name).optionNames();
	}

	/** Picks options of a parameter (opening its list as needed) and closes the list. */
	async chooseOptions(name: string, options: string[]) {
		const select = this.select(name);
		for (const option of options) await select.choose(option);
		await select.close();
	}

	/** The tags a multiOptions parameter shows, or the text of an options parameter. */
	async chosen(name: string): Promise<string[]> {
		return await this.select(name).shown();
	}

	/** A collection parameter (Options, Filters, ...) by its label. */
	collection(label: string) {
		return this.page
			.getByTestId('parameter-item')
			.filter({ has: this.page.getByTestId('input-label').getByText(label, { exact: true }) })
			.first();
	}

	/** Adds fields to a collection through its "Add ..." select. */
	async addToCollection(label: string, fields: string[]) {
		for (const field of fields) {
			const add = new Select(
				this.page,
				this.collection(label).getByTestId('collection-parameter-add'),
			);
			await add.choose(field);
			await add.close();
			await this.collection(label)
				.getByTestId('input-label')
				.getByText(field, { exact: true })
				.waitFor();
		}
	}
}
