/**
 * End to end (issue 17): one Nexudus Trigger listening to all locations of the account, in a real
 * n8n (2.x, or 1.x with --n8n 1.123.x), checked through n8n's REST APIs and the fake Nexudus; and
 * the health example (examples/silent-webhook-check.json) finding what it is missing.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the suite reads the example from disk */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INode } from 'n8n-workflow';

import type { Json } from './environment';
import { E2eEnvironment, outputOf } from './environment';

const SECRET = 'e2e-hook-secret';
const webhookId = 'e2e-all-locations';

let env: E2eEnvironment;
let workflowId: string;
const nodeUrl = () => `${env.url}webhook/${webhookId}/webhook`;
const active = () =>
	env
		.hooksAt(`${nodeUrl()}?`)
		.filter((hook) => hook.Active)
		.map((hook) => [hook.BusinessId, hook.Action, hook.URL.slice(nodeUrl().length)])
		.sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
const pairs = (locations: number[]) =>
	locations.flatMap((id) =>
		[3, 6].map((action) => [id, action, `?action=${action}&location=${id}&locations=all`]),
	);

beforeAll(async () => {
	env = await E2eEnvironment.start();
	await env.createSandboxCredential(SECRET);
}, 900000);

afterAll(async () => {
	await env?.stop();
});

test('All Locations: one record per (location, event); each item names its location', async () => {
	const locations = env.fake.businesses.map((business) => business.Id);
	expect(locations).toHaveLength(3);
	workflowId = await env.importWorkflow('all-locations-trigger.json', { WEBHOOK_ID: webhookId });
	await env.activate(workflowId);
	await env.waitUntil('6 records are active', () => active().length === 6);
	expect(active()).toEqual(pairs(locations));

	for (const business of env.fake.businesses) {
		const [delivery] = await env.fake.fire(3, business.Id, [{ Id: 1, FullName: 'Ada' }], {
			secret: SECRET,
		});
		expect(delivery.status).toBe(200);
	}
	const executions = await env.waitForExecutions(workflowId, 3);
	const seen = executions
		.map((execution) => outputOf(execution, 'Nexudus Trigger'))
		.map(([item]) => [item.locationId, item.locationName, item.event]);
	expect(seen.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
		env.fake.businesses.map((business) => [business.Id, business.Name, 'Coworker Created']),
	);
});

/**
 * The health example as imported, its two schedules replaced by Webhooks of the same names so
 * the test can start each branch, and its Slack posts left out (the test reads what they get).
 */
async function importHealthCheck(): Promise<string> {
	const file = join(__dirname, '..', '..', 'examples', 'silent-webhook-check.json');
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as Json;
	const isSlack = (node: INode) => node.type === 'n8n-nodes-base.slack';
	const leftOut = new Set((workflow.nodes as INode[]).filter(isSlack).map((node) => node.name));
	const nodes = (workflow.nodes as INode[]).filter((node) => !isSlack(node));
	for (const node of nodes) {
		if (node.type === 'n8n-nodes-nexudus.nexudus') {
			node.credentials = { nexudusApi: { id: env.credentialId, name: 'Nexudus sandbox' } };
		}
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			const path = `e2e-health-${node.id}`;
			Object.assign(node, {
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: path,
				parameters: { httpMethod: 'POST', path, options: {} },
			});
		}
	}
	const connections = workflow.connections as Record<string, { main: Array<Array<Json>> }>;
	for (const [from, { main }] of Object.entries(connections)) {
		connections[from] = {
			main: main.map((targets) => targets.filter((target) => !leftOut.has(target.node as string))),
		};
	}
	const id = await env.createWorkflow({ ...workflow, nodes, connections });
	await env.activate(id);
	return id;
}

let healthCheckId: string;
let healthRuns = 0;

/** Runs one branch of the health example; the items its last node (before Slack) gave. */
async function runHealthCheck(branch: 'silent-schedule' | 'coverage-schedule', node: string) {
	await fetch(`${env.url}webhook/e2e-health-${branch}`, { method: 'POST' });
	const executions = await env.waitForExecutions(healthCheckId, ++healthRuns);
	const newest = executions.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
	expect([newest.status, newest.data?.resultData.error?.message]).toEqual(['success', undefined]);
	return newest.data!.resultData.runData[node] ? outputOf(newest, node) : [];
}

test('a location added later is registered after one deactivate/activate; stop switches all off', async () => {
	const added = env.fake.addBusiness('Lakeside Studio');
	healthCheckId = await importHealthCheck();
	expect(await runHealthCheck('coverage-schedule', 'Locations without a record')).toEqual([
		{
			workflow: expect.stringMatching(/^E2E: every location \(#.+\)$/) as unknown,
			webhookUrl: nodeUrl(),
			locationId: added.Id,
			locationName: 'Lakeside Studio',
			missingEvents: ['Coworker Created', 'Booking Created'],
			reason: 'the location was added after the workflow was activated',
		},
	]);
	await env.deactivate(workflowId);
	await env.waitUntil('every record is off', () => active().length === 0);
	await env.activate(workflowId);
	await env.waitUntil('8 records are active', () => active().length === 8);
	expect(active()).toEqual(pairs(env.fake.businesses.map((business) => business.Id)));
	expect(env.hooksAt(`${nodeUrl()}?`)).toHaveLength(8);
	expect(active().some(([location]) => location === added.Id)).toBe(true);
	expect(await runHealthCheck('coverage-schedule', 'Locations without a record')).toEqual([]);
});

test('the health example names a record switched off in Nexudus, and switches back on one Nexudus disabled', async () => {
	const [first, second] = env.hooksAt(`${nodeUrl()}?`).filter((hook) => hook.Active);
	env.fake.webhooks.set(first.Id, { ...first, Active: false });
	expect(await runHealthCheck('coverage-schedule', 'Locations without a record')).toEqual([
		expect.objectContaining({
			locationId: first.BusinessId,
			missingEvents: [first.Action === 3 ? 'Coworker Created' : 'Booking Created'],
			reason: 'records of this location were deleted or switched off in Nexudus',
		}),
	]);

	// Nexudus switches a record off after 10 failed deliveries: the hourly branch turns it back on
	env.fake.webhooks.set(second.Id, { ...second, Active: false, ErrorCount: 10, LastError: '502' });
	const switchedOn = await runHealthCheck('silent-schedule', 'Switch back on');
	expect(switchedOn.map((hook) => [hook.Id, hook.Active])).toEqual([[second.Id, true]]);
	expect(env.fake.webhooks.get(second.Id)!.Active).toBe(true);
	expect(env.fake.webhooks.get(first.Id)!.Active).toBe(false);

	await env.deactivate(healthCheckId);
	await env.deactivate(workflowId);
	await env.waitUntil('every record is off', () => active().length === 0);
});
