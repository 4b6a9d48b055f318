#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshots`: builds the package, starts what the end-to-end suites start (the fake
 * Nexudus as the sandbox, a real n8n with this package, a "Nexudus sandbox" credential) and
 * takes the README's pictures in Debian's Chromium:
 *
 *   docs/images/trigger-parameters.png  the Nexudus Trigger with a location and events chosen
 *   docs/images/get-many-filters.png    the Nexudus node's Get Many, with its Filters open
 *   docs/images/resource-list.png       the Nexudus node's Resource list, open
 *   docs/images/booking-create.png      the Nexudus node's Booking → Create form, with a product
 *   docs/images/demo-workflow.png       the example "Welcome new Nexudus members" after an event
 *
 * Options: --skip-build, --out <folder> (default docs/images). CHROMIUM_PATH overrides
 * /usr/bin/chromium.
 */

const fs = require('fs');
const path = require('path');

const { PROJECT_ROOT } = require('./n8n-runtime');
const { buildPackage } = require('./start');

require('ts-node').register({
	transpileOnly: true,
	project: path.join(PROJECT_ROOT, 'tsconfig.json'),
	compilerOptions: { module: 'commonjs' },
});
// The shared end-to-end environment and browser helpers are TypeScript.
const { E2eEnvironment, SANDBOX_EMAIL, SANDBOX_LOGIN } = require('../test/e2e/environment');
const { Editor, launchBrowser, signIn } = require('../test/e2e/browser');

const WELCOME = path.join(PROJECT_ROOT, 'examples', 'welcome-new-member.json');
const MEMBER = { Id: 4821, FullName: 'Ada Lovelace', Email: 'ada@example.com' };

function opt(name) {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A screenshot of the whole window, checked for size. */
async function shoot(page, file) {
	await page.mouse.move(0, 0); // no hover highlight or tooltip in the picture
	await sleep(300); // let transitions (dropdowns closing, panels opening) finish
	await page.screenshot({ path: file });
	const kb = Math.round(fs.statSync(file).size / 1024);
	console.log(`[screenshots] ${path.relative(PROJECT_ROOT, file)} (${kb} KB)`);
	if (kb > 300) console.warn(`[screenshots] warning: ${path.basename(file)} is over 300 KB`);
}

/** The trigger's parameters: credential, Location "Downtown Hub", two events, an option. */
async function triggerParameters(editor, out) {
	await editor.newWorkflow();
	await editor.searchFirstStep('nexudus');
	await editor.nodePanelItem('Nexudus').click();
	await editor.addFromNodePanel('On new Nexudus event');
	await editor.openResourceList('location');
	await editor.chooseFromResourceList('Downtown Hub');
	await editor.chooseOptions('events', ['Coworker Created', 'Invoice Paid']);
	await editor.addToCollection('Options', ['On Workflow Stop']);
	await shoot(editor.page, path.join(out, 'trigger-parameters.png'));
	await editor.closeNdv();
}

/** The Nexudus node's Get Many after the trigger, with four filters set. */
async function getManyFilters(editor, out) {
	await editor.searchNextStep('Nexudus Trigger', 'nexudus');
	await editor.nodePanelItem('Nexudus').click();
	await editor.addFromNodePanel('Get many webhooks');
	await editor.addToCollection('Filters', ['Location Name or ID', 'Event', 'Active', 'Name']);
	await editor.chooseOptions('locationId', ['Downtown Hub']);
	await editor.chooseOptions('event', ['Coworker Created']);
	const name = editor.parameter('name').locator('input');
	await name.fill('n8n:');
	await name.blur();
	await editor.collection('Filters').scrollIntoViewIfNeeded();
	await shoot(editor.page, path.join(out, 'get-many-filters.png'));
	await editor.closeNdv();
}

/** A second Nexudus node: its Resource list open, then the Booking → Create form. */
async function bookingCreate(env, editor, out) {
	// n8n 2.x names a node added from an action after the action.
	await editor.searchNextStep('Get many webhooks', 'nexudus');
	await editor.nodePanelItem('Nexudus').click();
	await editor.addFromNodePanel('Create a booking');
	await editor.select('resource').open();
	await shoot(editor.page, path.join(out, 'resource-list.png'));
	await editor.select('resource').close();

	await editor.openResourceList('ResourceId');
	await editor.chooseFromResourceList('Meeting Room');
	for (const [name, value] of [
		['FromTime', '2026-03-02 09:00:00'],
		['ToTime', '2026-03-02 10:30:00'],
	]) {
		const input = editor.parameter(name).locator('input').first();
		await input.fill(value);
		await input.press('Enter');
	}
	await editor.chooseOptions('WhichBookingsToUpdate', ['Update This Booking Only']);
	await editor.addToCollection('Additional Fields', ['Customer', 'Notes']);
	await editor.openResourceList('CoworkerId');
	await editor.chooseFromResourceList('Ada Lovelace');
	const notes = editor.parameter('Notes').locator('input, textarea').first();
	await notes.fill('Board meeting, projector needed');
	await notes.blur();
	// Last: n8n drops a fixed collection still empty when another parameter changes.
	await editor.addToCollection('Additional Fields', ['Booking Products']);
	await editor.ndv
		.getByTestId('fixed-collection-BookingProducts')
		.getByTestId('fixed-collection-add')
		.click();
	const productId = editor.parameter('ProductId').locator('input').first();
	await productId.fill(String(env.demoRecord('Product').Id));
	await productId.blur();
	const quantity = editor.parameter('Quantity').locator('input').first();
	await quantity.fill('2');
	await quantity.blur();
	await editor.ndv.getByTestId('fixed-collection-BookingProducts').scrollIntoViewIfNeeded();
	await shoot(editor.page, path.join(out, 'booking-create.png'));
	await editor.closeNdv();
}

/** The example workflow, active on the sandbox, after a "Coworker Created" event. */
async function demoWorkflow(env, editor, out) {
	const workflow = JSON.parse(fs.readFileSync(WELCOME, 'utf8'));
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-nexudus.nexudusTrigger');
	trigger.parameters.location = {
		__rl: true,
		mode: 'list',
		value: String(env.locationId),
		cachedResultName: 'Downtown Hub',
	};
	trigger.credentials.nexudusApi = { id: env.credentialId, name: 'Nexudus sandbox' };
	const workflowId = String((await env.api('POST', '/api/v1/workflows', workflow)).id);
	await env.activate(workflowId);

	const deliveries = await env.fake.fire(3, env.locationId, [MEMBER]);
	if (deliveries.length !== 1 || deliveries[0].status !== 200) {
		throw new Error(`the sandbox event was not delivered: ${JSON.stringify(deliveries)}`);
	}
	let execution;
	for (const deadline = Date.now() + 20000; !execution && Date.now() < deadline; await sleep(250)) {
		execution = (await env.executions(workflowId)).find((run) => run.status === 'success');
	}
	if (!execution) throw new Error('the example workflow did not run after the sandbox event');

	await editor.openExecution(workflowId, execution.id);
	await editor.dismissChecklist();
	await editor.page.getByTestId('logs-overview-header').click();
	await editor.page.getByTestId('log-details').getByText('Welcome to the space, Ada!').waitFor();
	await editor.page.getByTestId('zoom-to-fit').click();
	await shoot(editor.page, path.join(out, 'demo-workflow.png'));
}

async function main() {
	const out = path.resolve(opt('--out') || path.join(PROJECT_ROOT, 'docs', 'images'));
	if (!process.argv.includes('--skip-build')) buildPackage();
	fs.mkdirSync(out, { recursive: true });

	const env = await E2eEnvironment.start();
	let browser;
	try {
		await env.createCredential({ apiUrl: env.fake.url, email: SANDBOX_EMAIL, password: SANDBOX_LOGIN });
		env.fake.seedEntities(); // records for the pickers
		browser = await launchBrowser({ width: 1440, height: 900 });
		await signIn(browser.context, env.url, env.auth.cookie);
		const editor = new Editor(browser.page, env.url);
		await triggerParameters(editor, out);
		await getManyFilters(editor, out);
		await bookingCreate(env, editor, out);
		await demoWorkflow(env, editor, out);
	} finally {
		if (browser) await browser.close();
		await env.stop();
	}
}

main().catch((error) => {
	console.error(`[screenshots] ${error.stack || error.message}`);
	process.exit(1);
});
