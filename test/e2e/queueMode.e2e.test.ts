/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the suite drives a real n8n from outside */
/**
 * End to end in n8n's queue mode (n8n 2.x): Postgres and Redis as real servers on loopback ports
 * (scripts/queue-services.js installs Debian's packages when missing), one main, one worker and
 * one webhook processor, all with EXECUTIONS_MODE=queue and one encryption key. The main
 * registers the trigger's records at the webhook processor's URL; the webhook processor checks
 * signatures, reads Full Records and queues a job per delivery, answering once it is queued; the
 * worker runs the executions. Each process paces its own requests and caches its own secret.
 */
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { sleep } from 'n8n-workflow';

import { freePort, startN8n } from '../../scripts/n8n-server';
import { queueModeEnv, startQueueServices } from '../../scripts/queue-services';
import { postDelivery } from '../fake-nexudus/delivery';
import type { Json } from './environment';
import { E2eEnvironment, outputOf } from './environment';

const SECRET = 'queue-hook-secret';
const TRIGGER = 'n8n-nodes-nexudus.nexudusTrigger';

type N8n = Awaited<ReturnType<typeof startN8n>>;
type Services = Awaited<ReturnType<typeof startQueueServices>>;

let services: Services;
let env: E2eEnvironment;
let worker: N8n;
let webhook: N8n;
const folders: string[] = [];
const queueMode = process.env.E2E_N8N_VERSION?.startsWith('1.') !== true;

/** Another n8n process of the cluster: its own user folder, the same database and queue. */
async function startProcess(command: 'worker' | 'webhook', port: number, extra: Json) {
	const userFolder = mkdtempSync(join(tmpdir(), `nexudus-${command}-`));
	folders.push(userFolder);
	return await startN8n({
		command,
		args: command === 'worker' ? ['--concurrency=2'] : [],
		port,
		userFolder,
		logLevel: 'debug',
		env: extra as Record<string, string | undefined>,
		runtime: env.runtime,
		log: () => undefined,
	});
}

const describeQueue = queueMode ? describe : describe.skip;

beforeAll(async () => {
	if (!queueMode) return;
	services = await startQueueServices({ log: (message) => process.stdout.write(`${message}\n`) });
	const webhookPort = await freePort();
	const cluster = queueModeEnv(services, randomBytes(24).toString('hex'));
	const webhookBase = `http://127.0.0.1:${webhookPort}/`;
	// The main registers webhooks at the webhook processor's URL and serves none itself.
	env = await E2eEnvironment.start({
		env: { ...cluster, N8N_WEBHOOK_URL: webhookBase, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
	});
	worker = await startProcess('worker', await freePort(), cluster);
	webhook = await startProcess('webhook', webhookPort, {
		...cluster,
		N8N_WEBHOOK_URL: webhookBase,
	});
	await env.createSandboxCredential(SECRET);
}, 900000);

afterAll(async () => {
	await webhook?.stop().catch(() => undefined);
	await worker?.stop().catch(() => undefined);
	await env?.stop();
	await services?.stop();
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function triggerWorkflow(name: string, webhookId: string, events: number[], options: Json = {}) {
	return {
		name,
		nodes: [
			{
				id: 'trigger',
				name: 'Nexudus Trigger',
				type: TRIGGER,
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: {
					location: { __rl: true, mode: 'id', value: String(env.locationId) },
					events,
					options,
				},
				credentials: { nexudusApi: { id: env.credentialId, name: 'Nexudus sandbox' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** Every execution of the workflow n8n holds (up to 250), with data. */
async function allExecutions(workflowId: string) {
	const answer = await env.api(
		'GET',
		`/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=250`,
	);
	return answer.data as Array<{ id: string; status: string; data?: unknown }>;
}

async function waitForFinished(workflowId: string, count: number, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	let finished: Awaited<ReturnType<typeof allExecutions>> = [];
	while (Date.now() < deadline) {
		finished = (await allExecutions(workflowId)).filter(
			(execution) => !['running', 'new', 'waiting'].includes(execution.status),
		);
		if (finished.length >= count) break;
		await sleep(1000);
	}
	await sleep(1500);
	const all = await allExecutions(workflowId);
	expect(all).toHaveLength(count);
	return all;
}

describeQueue('queue mode: one main, one worker, one webhook processor', () => {
	const webhookUrl = (webhookId: string) => `${webhook.url}webhook/${webhookId}/webhook`;
	let workflowId: string;

	test('activation on the main registers one record per event at the webhook processor’s URL', async () => {
		workflowId = await env.createWorkflow(
			triggerWorkflow('Queue: members and invoices', 'queue-members', [3, 21]),
		);
		await env.activate(workflowId);
		const records = env.hooksAt(webhookUrl('queue-members'));
		expect(records.map((record) => [record.Action, record.URL, record.Active])).toEqual([
			[3, `${webhookUrl('queue-members')}?action=3`, true],
			[21, `${webhookUrl('queue-members')}?action=21`, true],
		]);
		expect(env.hooksAt(env.url)).toEqual([]);
	});

	test('100 signed deliveries, 20 at a time, start exactly 100 executions, run by the worker', async () => {
		const url = `${webhookUrl('queue-members')}?action=3`;
		const answers: number[] = [];
		for (let batch = 0; batch < 5; batch++) {
			const sent = await Promise.all(
				Array.from({ length: 20 }, (_, index) => {
					const member = { Id: 10000 + batch * 20 + index, FullName: `Member ${batch}-${index}` };
					return postDelivery(url, JSON.stringify([member]), SECRET);
				}),
			);
			answers.push(...sent.map((answer) => answer.status));
		}
		expect(answers).toEqual(Array(100).fill(200));

		const executions = await waitForFinished(workflowId, 100);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		const delivered = executions.map(
			(execution) => outputOf(execution as never, 'Nexudus Trigger')[0].Id as number,
		);
		expect(new Set(delivered)).toEqual(
			new Set(Array.from({ length: 100 }, (_, index) => 10000 + index)),
		);
		// the worker ran each one; neither the main nor the webhook processor ran any
		const workerLog = worker.readLog();
		for (const execution of executions) {
			expect(workerLog).toContain(`Worker started execution ${execution.id} `);
		}
		expect(env.n8n.readLog()).not.toMatch(/Worker started execution/);
		expect(webhook.readLog()).not.toMatch(/Worker started execution/);
	}, 300000);

	test('the webhook processor checks the signature: a wrong one is refused there and logged', async () => {
		const url = `${webhookUrl('queue-members')}?action=3`;
		const body = JSON.stringify([{ Id: 1, FullName: 'Mallory' }]);
		const refused = await postDelivery(url, body, 'not-the-secret');
		expect(refused.status).toBe(401);
		const unsigned = await postDelivery(url, body, undefined);
		expect(unsigned.status).toBe(401);
		expect(webhook.readLog()).toContain(
			"Nexudus Trigger: refused a delivery whose x-nexudus-hook-signature header does not match the credential's Webhook Secret",
		);
		expect(env.n8n.readLog()).not.toMatch(/refused a delivery/);
		await waitForFinished(workflowId, 100, 3000);
	});

	test('Full Record output reads the record in the webhook processor', async () => {
		const [stored] = env.fake.seed('Coworker', [
			{ FullName: 'Ada Lovelace', Email: 'ada@example.com' },
		]);
		const fullId = await env.createWorkflow(
			triggerWorkflow('Queue: full members', 'queue-full', [3], { output: 'fullRecord' }),
		);
		await env.activate(fullId);
		const url = `${webhookUrl('queue-full')}?action=3`;
		const delivered = { Id: stored.Id, UniqueId: stored.UniqueId, FullName: 'Partial' };
		const answer = await postDelivery(url, JSON.stringify([delivered]), SECRET);
		expect(answer.status).toBe(200);
		const [execution] = await waitForFinished(fullId, 1);
		expect(execution.status).toBe('success');
		expect(outputOf(execution as never, 'Nexudus Trigger')).toEqual([
			{
				...env.fake.entities.find('Coworker', stored.Id),
				event: 'Coworker Created',
				eventAction: 3,
				eventType: 'CoworkerCreate',
				locationId: env.locationId,
				recordSource: 'nexudus',
			},
		]);
		const reads = env.fake.requests.filter(
			(request) =>
				request.method === 'GET' && request.path === `/api/spaces/coworkers/${stored.Id}`,
		);
		expect(reads).toHaveLength(1);
		await env.deactivate(fullId);
	});

	test('deactivation on the main switches the records off', async () => {
		await env.deactivate(workflowId);
		await env.waitUntil('the records are switched off', () =>
			env.hooksAt(webhookUrl('queue-members')).every((record) => !record.Active),
		);
		expect(env.hooksAt(webhookUrl('queue-members'))).toHaveLength(2);
	});

	test('200 updates in two executions running on the worker at once: no failed item, 409s waited out', async () => {
		// A live customer record holds its country and time zone; a PUT without them is refused.
		env.fake.seed('Country', 3);
		env.fake.seed('SimpleTimeZone', 3);
		const customers = env.fake.seed('Coworker', 200, env.locationId);
		const bulkId = await env.createWorkflow({
			name: 'Queue: update 100 customers',
			nodes: [
				{
					id: 'bulk-start',
					name: 'Start',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'queue-bulk',
					parameters: {
						httpMethod: 'POST',
						path: 'queue-bulk',
						responseMode: 'onReceived',
						options: {},
					},
				},
				{
					id: 'bulk-items',
					name: 'One item per customer',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
					parameters: {
						jsCode: 'return $json.body.ids.map((Id) => ({ json: { Id } }));',
					},
				},
				{
					id: 'bulk-update',
					name: 'Update customer',
					type: 'n8n-nodes-nexudus.nexudus',
					typeVersion: 1,
					position: [440, 0],
					parameters: {
						resource: 'customer',
						operation: 'update',
						recordId: '={{ $json.Id }}',
						updateFields: { CompanyName: 'Queue Ltd' },
					},
					credentials: { nexudusApi: { id: env.credentialId, name: 'Nexudus sandbox' } },
				},
			],
			connections: {
				Start: { main: [[{ node: 'One item per customer', type: 'main', index: 0 }]] },
				'One item per customer': { main: [[{ node: 'Update customer', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		await env.activate(bulkId);
		// Nexudus's limits, and another client of the same Nexudus account (the fake counts its
		// requests before it looks at their token): the worker gets 409s and must wait them out
		env.fake.setThrottle(true);
		const before = env.fake.requests.length;
		const startedBefore = (worker.readLog().match(/Worker started execution/g) ?? []).length;
		// another client of the account: 10 requests, one every 2 seconds. Nexudus counts them in
		// the worker's window, which the worker's pace fills, so the worker meets 409s
		let competing = true;
		const competitor = (async () => {
			for (let sent = 0; competing && sent < 10; sent++) {
				await sleep(2000);
				await fetch(`${env.fake.url}/api/sys/webhooks?competitor=1`).catch(() => undefined);
			}
		})();
		try {
			const halves = [customers.slice(0, 100), customers.slice(100)];
			const started = await Promise.all(
				halves.map((half) =>
					fetch(`${webhook.url}webhook/queue-bulk`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ ids: half.map((customer) => customer.Id) }),
					}),
				),
			);
			expect(started.map((response) => response.status)).toEqual([200, 200]);
			const executions = await waitForFinished(bulkId, 2, 840000);
			competing = false;
			const failure = (execution: (typeof executions)[number]) =>
				(execution.data as { resultData?: { error?: { message?: string } } } | undefined)
					?.resultData?.error?.message;
			expect(executions.map((execution) => [execution.status, failure(execution)])).toEqual([
				['success', undefined],
				['success', undefined],
			]);
			for (const execution of executions) {
				const updated = outputOf(execution as never, 'Update customer');
				expect(updated).toHaveLength(100);
				expect(updated.every((customer) => customer.CompanyName === 'Queue Ltd')).toBe(true);
			}
			for (const customer of customers) {
				expect(env.fake.entities.find('Coworker', customer.Id)).toMatchObject({
					CompanyName: 'Queue Ltd',
				});
			}
			// both ran on the worker at once: the second started before the first finished
			const log = worker.readLog();
			expect((log.match(/Worker started execution/g) ?? []).length).toBe(startedBefore + 2);
			const [first, second] = executions
				.map((execution) => execution.id)
				.sort(
					(a, b) => log.indexOf(`started execution ${a} `) - log.indexOf(`started execution ${b} `),
				);
			expect(log.indexOf(`Worker started execution ${second} `)).toBeLessThan(
				log.indexOf(`Worker finished execution ${first} `),
			);
			// the worker's requests: some throttled (409) and retried, none failed otherwise
			const workers = env.fake.requests
				.slice(before)
				.filter((request) => request.path.startsWith('/api/spaces/coworkers'));
			const saved = workers.filter((request) => request.method === 'PUT' && request.status === 200);
			expect(saved).toHaveLength(200);
			expect(workers.some((request) => request.status === 409)).toBe(true);
			expect(workers.filter((request) => request.status >= 400 && request.status !== 409)).toEqual(
				[],
			);
		} finally {
			competing = false;
			await competitor;
			env.fake.setThrottle(false);
			await env.deactivate(bulkId);
		}
	}, 900000);
});
