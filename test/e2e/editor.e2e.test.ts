/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- the suite drives n8n's editor in a browser; its errors are test failures */
/**
 * End to end in n8n's editor: a real n8n (the version the project pins) with this package, the
 * fake Nexudus as the sandbox, and Debian's Chromium doing what a user does: find the nodes in
 * the node panel, add them, pick a credential, a location and events, look at the operations.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import type { Browser } from './browser';
import { Editor, eventually, imageState, launchBrowser, saveEvidence, signIn } from './browser';
import { E2eEnvironment } from './environment';

const WEBHOOK_ACTIONS = [
	'Create a webhook',
	'Delete a webhook',
	'Get a webhook',
	'Get many webhooks',
	'Update a webhook',
];

/** The Resource list, as the Nexudus node shows it (alphabetical). */
const RESOURCES = [
	'Booking',
	'Calendar Event',
	'Check-in',
	'Contract',
	'Customer',
	'Customer Note',
	'Customer Product',
	'Delivery',
	'Help Desk Message',
	'Invoice',
	'Location',
	'Other Record',
	'Plan',
	'Product',
	'Resource',
	'Team',
	'Visitor',
	'WebHook',
];

const ICON_PATH = /\/icons\/n8n-nodes-nexudus\/dist\/icons\/nexudus(\.dark)?\.svg$/;

let env: E2eEnvironment;
let browser: Browser;
let editor: Editor;
let sandboxCredentialId: string;

beforeAll(async () => {
	env = await E2eEnvironment.start();
	// A second credential first, so that choosing the sandbox one is a real choice.
	await env.createCredential(
		{ apiUrl: 'http://127.0.0.1:9', email: 'someone@staging.test', password: 'not-used' },
		'Nexudus staging',
	);
	sandboxCredentialId = await env.createSandboxCredential();
	env.fake.seedEntities(); // customers, resources, products... for the record pickers
	browser = await launchBrowser();
	await signIn(browser.context, env.url, env.auth.cookie);
	editor = new Editor(browser.page, env.url);
}, 900000);

afterAll(async () => {
	await browser?.close();
	await env?.stop();
});

/** Runs one step; on failure keeps a screenshot and the page's HTML, and names them. */
async function step(label: string, run: () => Promise<void>) {
	try {
		await run();
	} catch (error) {
		const saved = browser ? await saveEvidence(browser.page, label) : '(no browser)';
		(error as Error).message += `\n(screenshot and HTML: ${saved}.png / .html)`;
		throw error;
	}
}

describe('the Nexudus Trigger in the editor', () => {
	test('the node panel finds it under "nexudus", with the package icon', async () => {
		await step('node-panel', async () => {
			await editor.newWorkflow();
			await editor.searchFirstStep('nexudus');
			// n8n lists the node and its trigger as one entry, "Nexudus", whose details hold both.
			await eventually(async () => expect(await editor.nodePanelItemNames()).toEqual(['Nexudus']));
			const icon = await imageState(editor.nodePanelItem('Nexudus').locator('img').first());
			expect(icon.src).toMatch(ICON_PATH);
			expect(icon.naturalWidth).toBeGreaterThan(0);

			await editor.nodePanelItem('Nexudus').click();
			await eventually(async () =>
				expect(await editor.nodePanelItemNames()).toEqual(['On new Nexudus event']),
			);
			await editor.addFromNodePanel('On new Nexudus event');
			await expect(editor.ndv.getByTestId('node-title-container').innerText()).resolves.toContain(
				'Nexudus Trigger',
			);
		});
	});

	test('the credential select offers "Nexudus sandbox", which can be chosen', async () => {
		await step('credential', async () => {
			const offered = await editor.openCredentials();
			expect(offered).toEqual(
				expect.arrayContaining([
					expect.stringMatching(/^Nexudus sandbox\s+Nexudus API$/),
					expect.stringMatching(/^Nexudus staging\s+Nexudus API$/),
				]),
			);
			await editor.chooseCredential(sandboxCredentialId);
			expect(await editor.credentialShown()).toBe('Nexudus sandbox');
		});
	});

	test("the Location list shows the sandbox's locations by name", async () => {
		await step('locations', async () => {
			const locations = await editor.openResourceList('location');
			expect([...locations].sort()).toEqual(['Downtown Hub', 'Harbour Works', 'Riverside Loft']);
			await editor.chooseFromResourceList('Downtown Hub');
			expect(await editor.resourceShown('location')).toBe('Downtown Hub');
		});
	});

	test('the Events list shows readable event names', async () => {
		await step('events', async () => {
			const events = await editor.openOptions('events');
			expect(events).toEqual(
				expect.arrayContaining([
					'Coworker Created',
					'Invoice Paid',
					'Booking Created',
					'Check-In Attempt Failed',
				]),
			);
			expect(events.length).toBeGreaterThan(50);
			// Names, not Nexudus's codes or bare numbers.
			for (const event of events) expect(event).toMatch(/^[A-Z][A-Za-z-]*( [A-Za-z-]+)*$/);
			await editor.chooseOptions('events', ['Coworker Created', 'Invoice Paid']);
			expect(await editor.chosen('events')).toEqual(['Coworker Created', 'Invoice Paid']);
		});
	});

	test('on the canvas the node shows the package icon (not n8n’s fallback)', async () => {
		await step('canvas-icon', async () => {
			await editor.closeNdv();
			const node = editor.canvasNode('Nexudus Trigger');
			await expect(node.innerText()).resolves.toContain('2 events');
			const icon = await imageState(node.locator('img').first());
			expect(icon.src).toMatch(ICON_PATH);
			expect(icon.naturalWidth).toBeGreaterThan(0);
			const served = await browser.page.request.get(icon.src);
			expect(served.headers()['content-type']).toMatch(/^image\/svg\+xml/);
			const file = icon.src.endsWith('.dark.svg') ? 'nexudus.dark.svg' : 'nexudus.svg';
			expect(await served.text()).toBe(
				readFileSync(join(__dirname, '..', '..', 'dist', 'icons', file), 'utf8'),
			);
		});
	});
});

describe('the Nexudus node in the editor', () => {
	test("after the trigger, the node panel offers every resource's actions, WebHook's among them", async () => {
		await step('actions', async () => {
			await editor.searchNextStep('Nexudus Trigger', 'nexudus');
			await editor.nodePanelItem('Nexudus').click();
			const actions = await eventually(async () => {
				const names = await editor.nodePanelItemNames();
				expect(names).toEqual(expect.arrayContaining(WEBHOOK_ACTIONS));
				return names;
			});
			expect(actions).toEqual(
				expect.arrayContaining([
					'Create a booking',
					'Run a command on bookings',
					'Get many customers',
					'Create a customer note',
					'Update an invoice',
					'Get many records',
				]),
			);
			// Only the verbs the API has: customers cannot be deleted nor invoices created.
			expect(actions).not.toContain('Delete a customer');
			expect(actions).not.toContain('Create an invoice');
			await editor.addFromNodePanel('Get many webhooks');
		});
	});

	test('the node offers the WebHook operations Create, Delete, Get, Get Many, Update', async () => {
		await step('operations', async () => {
			expect(await editor.chosen('resource')).toEqual(['WebHook']);
			expect(await editor.chosen('operation')).toEqual(['Get Many']);
			const operations = await editor.openOptions('operation');
			await editor.select('operation').close();
			// n8n adds "Custom API Call" to nodes whose credential it can use for HTTP requests.
			expect(operations.filter((operation) => operation !== 'Custom API Call')).toEqual([
				'Create',
				'Delete',
				'Get',
				'Get Many',
				'Update',
			]);
			// Which credential n8n preselects differs between versions; the sandbox can be chosen.
			await editor.chooseCredential(sandboxCredentialId);
			expect(await editor.credentialShown()).toBe('Nexudus sandbox');
			const icon = await imageState(editor.ndv.locator('img').first());
			expect(icon.src).toMatch(ICON_PATH);
			expect(icon.naturalWidth).toBeGreaterThan(0);
		});
	});

	test('the Resource list offers every record type; a Customer picker lists the sandbox customers', async () => {
		await step('resources', async () => {
			const resources = await editor.openOptions('resource');
			await editor.select('resource').close();
			// n8n adds "Custom API Call" to nodes whose credential it can use for HTTP requests.
			expect(resources.filter((resource) => resource !== 'Custom API Call')).toEqual(RESOURCES);
			await editor.chooseOptions('resource', ['Customer Note']);
			await editor.chooseOptions('operation', ['Create']);
			const customers = await editor.openResourceList('CoworkerId');
			const sandbox = env.fake.entities.records('Coworker').map((record) => {
				const customer = env.fake.entities.find('Coworker', record.Id) as Record<string, unknown>;
				return `${String(customer.FullName)} (${String(customer.Email)})`;
			});
			expect(sandbox.length).toBeGreaterThan(5);
			expect([...customers].sort()).toEqual([...sandbox].sort());
			await editor.chooseFromResourceList(sandbox[1]);
			expect(await editor.resourceShown('CoworkerId')).toBe(sandbox[1]);
		});
	});
});
