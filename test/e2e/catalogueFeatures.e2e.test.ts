/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- the suite drives a real n8n (and its editor) from outside; its errors are test failures */
/**
 * End to end in a real n8n (2.x and 1.x), issue 13 items 3-5: a workflow saved with the old
 * names Coworker_City / City still filters and writes CityName; Customer Create puts a customer
 * on a plan, in a country and time zone from Nexudus's lists; examples/mark-invoice-paid.json,
 * set up as the README says, marks the paid invoice paid with PAY_COWORKER_INVOICE_MANUAL.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INode } from 'n8n-workflow';

import { Editor, Select, eventually, launchBrowser, saveEvidence, signIn } from './browser';
import type { Execution, Json } from './environment';
import { E2eEnvironment, outputOf } from './environment';

const SECRET = 'e2e-hook-secret';
const PROVIDER_HEADER_VALUE = 'e2e-payment-provider-header';

let env: E2eEnvironment;

beforeAll(async () => {
	env = await E2eEnvironment.start();
	await env.useSandboxRecords(SECRET);
}, 900000);

afterAll(async () => {
	await env?.stop();
});

const stored = (entity: string, id: unknown) =>
	env.fake.entities.find(entity, id as number) as Json;

/** Runs an activated workflow once through its webhook; the execution, checked successful. */
async function runThroughWebhook(
	workflowId: string,
	path: string,
	init: RequestInit = { method: 'POST' },
): Promise<Execution> {
	await env.activate(workflowId);
	try {
		const response = await fetch(`${env.url}webhook/${path}`, init);
		expect(response.status).toBe(200);
		const [execution] = await env.waitForExecutions(workflowId, 1);
		expect([execution.status, execution.data?.resultData.error?.message]).toEqual([
			'success',
			undefined,
		]);
		return execution;
	} finally {
		await env.deactivate(workflowId);
	}
}

test('a workflow saved with the old filter and field names still filters and writes the real field', async () => {
	const [lisbon, porto] = env.fake.seed(
		'Coworker',
		[
			{ FullName: 'Lisbon Member', CityName: 'Lisbon' },
			{ FullName: 'Porto Member', CityName: 'Porto' },
		],
		env.locationId,
	);
	const customers = env.fake.entities.records('Coworker').length;
	expect(customers).toBeGreaterThan(2);
	const workflowId = await env.importWorkflow('saved-old-names.json');
	// n8n stores the old names as they were saved.
	const saved = (await env.api('GET', `/api/v1/workflows/${workflowId}`)).nodes as INode[];
	expect(saved.find((node) => node.name === 'Customers in Lisbon')!.parameters.filters).toEqual({
		Coworker_City: 'Lisbon',
	});

	const before = env.fake.requests.length;
	const execution = await runThroughWebhook(workflowId, 'e2e-old-names');
	// The filter still filters: one customer of all, not every customer.
	expect(outputOf(execution, 'Customers in Lisbon').map((customer) => customer.Id)).toEqual([
		lisbon.Id,
	]);
	const search = env.fake.requests
		.slice(before)
		.find((request) => request.method === 'GET' && request.path === '/api/spaces/coworkers')!;
	expect(search.query).toMatchObject({ Coworker_CityName: 'Lisbon' });
	expect(search.query).not.toHaveProperty('Coworker_City');
	// The update wrote the real field, and only to that customer.
	expect(outputOf(execution, 'Move them to Faro')).toEqual([
		expect.objectContaining({ Id: lisbon.Id, CityName: 'Faro' }),
	]);
	expect(stored('Coworker', lisbon.Id).CityName).toBe('Faro');
	expect(stored('Coworker', porto.Id).CityName).toBe('Porto');
	expect(
		env.fake.entities.records('Coworker').filter((customer) => customer.CityName === 'Faro'),
	).toHaveLength(1);
});

/** The names the Filters collection's "Add Filter" list offers. */
async function addFilterOptions(editor: Editor): Promise<string[]> {
	const add = editor.collection('Filters').getByTestId('collection-parameter-add');
	if (env.n8nMajor >= 2) {
		const select = new Select(editor.page, add);
		const names = await select.optionNames();
		await select.close();
		return names;
	}
	// 1.x: a plain Element Plus select whose options carry their own test id.
	await editor.collection('Filters').getByPlaceholder('Add Filter').click();
	const options = editor.page.getByTestId('collection-parameter-option');
	await options.first().waitFor({ state: 'attached' });
	const names = (await options.allTextContents()).map((name) => name.trim());
	await editor.page.keyboard.press('Escape');
	return names;
}

test("n8n's editor shows a saved old name as such, and never offers it for a new filter", async () => {
	const workflowId = await env.importWorkflow('saved-old-names.json');
	const browser = await launchBrowser();
	try {
		await signIn(browser.context, env.url, env.auth.cookie);
		const editor = new Editor(browser.page, env.url);
		await browser.page.goto(new URL(`workflow/${workflowId}`, env.url).href);
		// A label's text, without the Fixed / Expression switch n8n puts beside it.
		const labels = async () =>
			(await editor.ndv.getByTestId('input-label').allInnerTexts()).map((text) =>
				text.split('\n')[0].trim(),
			);
		await editor.canvasNode('Customers in Lisbon').dblclick();
		await editor.ndv.waitFor();
		// The saved filter is there, under its old name, holding its value.
		await eventually(async () => expect(await labels()).toContain('City (Former Name)'));
		const saved = editor.ndv
			.getByTestId('parameter-item')
			.filter({ has: browser.page.getByText('City (Former Name)') })
			.last();
		await expect(saved.locator('input, textarea').first().inputValue()).resolves.toBe('Lisbon');
		// "Add Filter" offers the corrected name, not the old one.
		const offered = await addFilterOptions(editor);
		expect(offered).toContain('City Name');
		expect(offered.filter((name) => name.includes('Former Name'))).toEqual([]);
		await editor.closeNdv();

		await editor.canvasNode('Move them to Faro').dblclick();
		await editor.ndv.waitFor();
		await eventually(async () => expect(await labels()).toContain('City (Former Name)'));
	} catch (error) {
		(error as Error).message +=
			`\n(screenshot and HTML: ${await saveEvidence(browser.page, 'saved-old-names')}.png / .html)`;
		throw error;
	} finally {
		await browser.close();
	}
});

test('Customer Create puts a customer on a plan, in a country and time zone Nexudus lists', async () => {
	const country = env.fake.entities.records('Country').find((c) => c.TwoDigitsCode === 'ES')!;
	const zone = env.fake.entities.records('SimpleTimeZone')[1];
	const plan = env.demoRecord('Tariff');
	const workflowId = await env.importWorkflow('customer-on-plan.json', {
		COUNTRY_ID: String(country.Id),
		TIMEZONE_ID: String(zone.Id),
		PLAN_ID: String(plan.Id),
	});
	const execution = await runThroughWebhook(workflowId, 'e2e-on-plan');
	const [created] = outputOf(execution, 'Create customer on a plan');
	expect(stored('Coworker', created.Id)).toMatchObject({
		FullName: 'E2E Planned Member',
		CountryId: country.Id,
		SimpleTimeZoneId: zone.Id,
		TariffId: plan.Id,
		BillingDay: 5,
		StartDate: '2026-12-07T00:00:00Z',
		RenewalDate: '2027-01-05T00:00:00Z',
	});
});

test("in n8n's editor, Country, Time Zone and Plan list what Nexudus serves", async () => {
	const workflowId = await env.importWorkflow('customer-on-plan.json', {
		COUNTRY_ID: '',
		TIMEZONE_ID: '',
		PLAN_ID: '',
	});
	const browser = await launchBrowser();
	try {
		await signIn(browser.context, env.url, env.auth.cookie);
		const editor = new Editor(browser.page, env.url);
		await browser.page.goto(new URL(`workflow/${workflowId}`, env.url).href);
		await editor.canvasNode('Create customer on a plan').dblclick();
		await editor.ndv.waitFor();
		// n8n 1.x keeps a closed list's items in the page, hidden: only the open list counts.
		const items = browser.page.locator('[data-test-id="rlc-item"]:visible');
		const openList = async (name: string) => {
			await browser.page.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
			await items.first().waitFor();
			return (await items.allInnerTexts()).map((text) => text.trim());
		};
		const choose = async (item: string) => {
			await items.filter({ hasText: item }).first().click();
			await items.first().waitFor({ state: 'hidden' });
		};
		const countries = await openList('CountryId');
		expect(countries).toEqual(expect.arrayContaining(['Spain (ES)', 'United Kingdom (GB)']));
		await choose('Spain (ES)');
		const zones = await openList('SimpleTimeZoneId');
		expect(zones).toEqual(
			expect.arrayContaining(['GMT Standard Time (UTC+0:00)', 'Eastern Standard Time (UTC-5:00)']),
		);
		await choose('GMT Standard Time (UTC+0:00)');
		const plans = await openList('TariffId');
		expect(plans).toContain(String(env.demoRecord('Tariff').Name));
	} catch (error) {
		(error as Error).message +=
			`\n(screenshot and HTML: ${await saveEvidence(browser.page, 'customer-pickers')}.png / .html)`;
		throw error;
	} finally {
		await browser.close();
	}
});

test('examples/mark-invoice-paid.json marks the paid invoice paid, and no other', async () => {
	const customer = env.demoRecord('Coworker');
	const [invoice, lookalike] = env.fake.seed(
		'CoworkerInvoice',
		[
			{ CoworkerId: customer.Id, InvoiceNumber: 'INV-PAY-7', Paid: false },
			// Nexudus matches text filters partially: INV-PAY-7 finds this one too.
			{ CoworkerId: customer.Id, InvoiceNumber: 'INV-PAY-77', Paid: false },
		],
		env.locationId,
	);
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '..', '..', 'examples', 'mark-invoice-paid.json'), 'utf8'),
	) as Json;
	// What the README tells the user to set up: the Nexudus credential and the provider's secret.
	const secret = await env.rest('POST', '/rest/credentials', {
		name: 'Payment provider secret',
		type: 'httpHeaderAuth',
		data: { name: 'X-Payment-Secret', value: PROVIDER_HEADER_VALUE },
	});
	for (const node of workflow.nodes as INode[]) {
		node.credentials = node.type.startsWith('n8n-nodes-nexudus.')
			? { nexudusApi: { id: env.credentialId, name: 'Nexudus sandbox' } }
			: {
					httpHeaderAuth: { id: String((secret.data as Json).id), name: 'Payment provider secret' },
				};
	}
	// As the editor imports it: n8n 1.x serves a Webhook node's path only once it has a webhookId.
	const { workflowId } = await env.createWorkflowAsImported(workflow);
	const webhook = (workflow.nodes as INode[])[0];
	const path = `${webhook.parameters.path as string}`;
	await env.activate(workflowId);
	try {
		// Without the provider's secret, nothing runs.
		const refused = await fetch(`${env.url}webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ reference: 'INV-PAY-7' }),
		});
		expect([401, 403]).toContain(refused.status);
		const response = await fetch(`${env.url}webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'X-Payment-Secret': PROVIDER_HEADER_VALUE },
			body: JSON.stringify({ reference: 'INV-PAY-7' }),
		});
		expect(response.status).toBe(200);
		const [execution] = await env.waitForExecutions(workflowId, 1);
		expect([execution.status, execution.data?.resultData.error?.message]).toEqual([
			'success',
			undefined,
		]);
	} finally {
		await env.deactivate(workflowId);
	}
	const command = env.fake.requests.find((request) =>
		request.path.endsWith('/coworkerinvoices/runcommand'),
	)!;
	expect(command.body).toEqual({
		Key: 'PAY_COWORKER_INVOICE_MANUAL',
		Ids: [invoice.Id],
		Parameters: [{ Name: 'Payment Method', Type: 'ePaymentProvider', Value: 996 }],
	});
	expect(stored('CoworkerInvoice', invoice.Id)).toMatchObject({ Paid: true });
	expect(stored('CoworkerInvoice', invoice.Id).PaidOn).toEqual(expect.any(String));
	expect(stored('CoworkerInvoice', lookalike.Id).Paid).toBe(false);
});
