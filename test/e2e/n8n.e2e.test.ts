/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the suite drives a real n8n from outside */
/**
 * End to end: a real n8n (the version the project pins) with this package linked as a community
 * node, the fake Nexudus on loopback, and checks made only through n8n's REST APIs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { sleep } from 'n8n-workflow';

import { ensureRuntime } from '../../scripts/n8n-runtime';
import {
	activateWorkflow,
	freePort,
	portInUse,
	request,
	setupOwner,
	startN8n,
} from '../../scripts/n8n-server';
import type { FakeWebHook } from '../fake-nexudus/server';
import { ALL_ROLES, FakeNexudus } from '../fake-nexudus/server';

type N8n = Awaited<ReturnType<typeof startN8n>>;
type Json = Record<string, unknown>;

const SECRET = 'e2e-hook-secret';
const SANDBOX_LOGIN = 'sandbox-Pa55word'; // the fake Nexudus's made-up admin password

let fake: FakeNexudus;
let n8n: N8n | undefined;
let port: number;
let userFolder: string;
let auth: { cookie: string; apiKey: string };
let credentialId: string;
let locationId: number;

async function startServer() {
	n8n = await startN8n({ port, userFolder, logLevel: 'debug', log: () => undefined });
	if (auth) auth.cookie = (await setupOwner(n8n.url)).cookie;
}

const api = async (method: string, path: string, body?: unknown, expect = [200]) =>
	(await request(n8n!.url, method, path, { apiKey: auth.apiKey, body, expect })).json as Json;

const rest = async (method: string, path: string, body?: unknown) =>
	(await request(n8n!.url, method, path, { cookie: auth.cookie, body })).json as Json;

function workflowFromFile(file: string, values: Record<string, string>): Json {
	let text = readFileSync(join(__dirname, 'workflows', file), 'utf8');
	for (const [key, value] of Object.entries(values)) text = text.split(`__${key}__`).join(value);
	return JSON.parse(text) as Json;
}

async function importWorkflow(file: string, values: Record<string, string> = {}) {
	const workflow = workflowFromFile(file, {
		LOCATION_ID: String(locationId),
		CREDENTIAL_ID: credentialId,
		...values,
	});
	return String((await api('POST', '/api/v1/workflows', workflow)).id);
}

interface Execution {
	id: string;
	status: string;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data: { main: Array<Array<{ json: Json }>> } }>>;
		};
	};
}

async function executions(workflowId: string): Promise<Execution[]> {
	const answer = await api(
		'GET',
		`/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=100`,
	);
	return answer.data as Execution[];
}

/** Waits until the workflow has `count` finished executions (and checks no more arrive). */
async function waitForExecutions(workflowId: string, count: number): Promise<Execution[]> {
	const deadline = Date.now() + 20000;
	let found: Execution[] = [];
	while (Date.now() < deadline) {
		found = (await executions(workflowId)).filter((execution) => execution.status !== 'running');
		if (found.length >= count) break;
		await sleep(250);
	}
	await sleep(500);
	found = await executions(workflowId);
	expect(found).toHaveLength(count);
	return found;
}

const outputOf = (execution: Execution, node: string) =>
	execution.data!.resultData.runData[node][0].data.main[0].map((item) => item.json);

const hooksAt = (urlPrefix: string) =>
	[...fake.webhooks.values()].filter((hook: FakeWebHook) => hook.URL.startsWith(urlPrefix));

beforeAll(async () => {
	await ensureRuntime({ log: (message: string) => process.stdout.write(`${message}\n`) });
	fake = await FakeNexudus.start({ email: 'admin@sandbox.test', password: SANDBOX_LOGIN });
	locationId = fake.addBusiness('Downtown Hub').Id;
	fake.addBusiness('Riverside Loft');
	port = await freePort();
	userFolder = mkdtempSync(join(tmpdir(), 'nexudus-e2e-'));
	await startServer();
	auth = await setupOwner(n8n!.url);
}, 900000);

afterAll(async () => {
	try {
		if (n8n) await n8n.stop();
		expect(await portInUse(port)).toBe(false);
	} finally {
		await fake?.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}
});

describe('n8n loads the package', () => {
	test('both nodes and the credential load without errors', async () => {
		const log = n8n!.readLog();
		expect(log).not.toMatch(/Failed to load package|error.*n8n-nodes-nexudus/i);
		expect(log).toMatch(/Loaded all credentials and nodes/);
		const types = (await request(n8n!.url, 'GET', '/types/nodes.json', { cookie: auth.cookie }))
			.json as Array<{
			name: string;
		}>;
		const ours = types
			.map((type) => type.name)
			.filter((name) => name.startsWith('n8n-nodes-nexudus.'));
		expect(ours).toEqual(
			expect.arrayContaining(['n8n-nodes-nexudus.nexudus', 'n8n-nodes-nexudus.nexudusTrigger']),
		);
		const credentials = (
			await request(n8n!.url, 'GET', '/types/credentials.json', { cookie: auth.cookie })
		).json as Array<{ name: string }>;
		expect(credentials.map((credential) => credential.name)).toContain('nexudusApi');
	});

	test('the credential test passes against the sandbox and names a wrong password', async () => {
		const data = {
			apiUrl: fake.url,
			email: 'admin@sandbox.test',
			password: SANDBOX_LOGIN,
			webhookSecret: SECRET,
		};
		const created = await api('POST', '/api/v1/credentials', {
			name: 'Nexudus sandbox',
			type: 'nexudusApi',
			data,
		});
		credentialId = String(created.id);

		const test = async (password: string) =>
			(
				await rest('POST', '/rest/credentials/test', {
					credentials: {
						id: credentialId,
						name: 'Nexudus sandbox',
						type: 'nexudusApi',
						data: { ...data, password },
					},
				})
			).data as Json;
		expect(await test(SANDBOX_LOGIN)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrong = await test('wrong-password');
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toBe('Nexudus login failed: the email or password is incorrect');

		fake.setApiAccess(false);
		try {
			expect(await test(SANDBOX_LOGIN)).toEqual({
				status: 'Error',
				message: expect.stringMatching(/switch on "API access"/),
			});
		} finally {
			fake.setApiAccess(true);
		}
		fake.setRoles(['WebHook-Read']);
		try {
			expect(await test(SANDBOX_LOGIN)).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^The Nexudus user lacks the WebHook roles/),
			});
		} finally {
			fake.setRoles([...ALL_ROLES]);
		}
	});
});

describe('the Nexudus node in a workflow', () => {
	test('Create → Get → Update → Get Many → Delete runs and each step shows what Nexudus holds', async () => {
		const workflowId = await importWorkflow('nexudus-crud.json');
		await activateWorkflow(n8n!.url, auth, workflowId);
		const response = await fetch(`${n8n!.url}webhook/e2e-crud`, { method: 'POST' });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual([expect.objectContaining({ deleted: true })]);

		const [execution] = await waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		const [created] = outputOf(execution, 'Create');
		expect(created).toMatchObject({
			BusinessId: locationId,
			Name: 'E2E hook',
			Action: 3,
			URL: 'https://hooks.example.invalid/e2e',
			Description: 'Made by the end-to-end suite',
			Active: true,
		});
		expect(outputOf(execution, 'Get')).toEqual([created]);
		const [updated] = outputOf(execution, 'Update');
		expect(updated).toMatchObject({
			...created,
			Name: 'E2E hook renamed',
			ToStringText: 'E2E hook renamed',
			UpdatedOn: expect.any(String),
		});
		const listed = outputOf(execution, 'Get Many');
		expect(listed).toHaveLength(1);
		const row = { ...updated };
		delete row.Description; // list rows leave it out
		expect(listed[0]).toEqual(row);
		expect(outputOf(execution, 'Delete')).toEqual([{ Id: created.Id, deleted: true }]);
		expect(fake.webhooks.has(created.Id as number)).toBe(false);
		await api('POST', `/api/v1/workflows/${workflowId}/deactivate`);
	});
});

describe('the Nexudus Trigger in a workflow', () => {
	let workflowId: string;
	const webhookId = 'e2e-coworker-created';
	const nodeUrl = () => `${n8n!.url}webhook/${webhookId}/webhook`;
	const member = { Id: 7001, FullName: 'Ada Lovelace', Email: 'ada@example.com' };

	test('activation registers exactly one active record pointing at the production URL', async () => {
		workflowId = await importWorkflow('coworker-created-trigger.json', {
			WEBHOOK_ID: webhookId,
			ON_STOP: 'deactivate',
		});
		await activateWorkflow(n8n!.url, auth, workflowId);
		const records = hooksAt(nodeUrl());
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({
			Action: 3,
			BusinessId: locationId,
			Active: true,
			URL: `${nodeUrl()}?action=3`,
		});
		expect(records[0].Name).toBe(
			`n8n: E2E: new coworker in Nexudus (#${workflowId}) – Coworker Created`,
		);
	});

	test('a signed event runs the workflow once with the record', async () => {
		const [delivery] = await fake.fire(3, locationId, [member], { secret: SECRET });
		expect(delivery.status).toBe(200);
		const [execution] = await waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Nexudus Trigger')).toEqual([
			{ ...member, event: 'Coworker Created', eventAction: 3, eventType: 'CoworkerCreate' },
		]);
		expect(outputOf(execution, 'Shape member')).toEqual([
			{ member: 'Ada Lovelace', email: 'ada@example.com', event: 'Coworker Created' },
		]);
	});

	test('a delivery with a bad signature starts no execution', async () => {
		const [delivery] = await fake.fire(3, locationId, [member], { secret: 'not-the-secret' });
		expect(delivery.status).toBe(401);
		await waitForExecutions(workflowId, 1);
	});

	test('deactivating switches the record off; activating again reuses it', async () => {
		const [record] = hooksAt(nodeUrl());
		await api('POST', `/api/v1/workflows/${workflowId}/deactivate`);
		await sleep(500);
		expect(fake.webhooks.get(record.Id)).toMatchObject({
			Active: false,
			Name: record.Name,
			URL: record.URL,
		});

		await activateWorkflow(n8n!.url, auth, workflowId);
		expect(hooksAt(nodeUrl()).map((hook) => [hook.Id, hook.Active])).toEqual([[record.Id, true]]);
	});

	test('after an n8n restart there is still one record and the next event runs once', async () => {
		const before = hooksAt(nodeUrl()).map((hook) => hook.Id);
		await n8n!.stop();
		expect(await portInUse(port)).toBe(false);
		await startServer();
		await sleep(2000);
		expect(hooksAt(nodeUrl()).map((hook) => [hook.Id, hook.Active])).toEqual([[before[0], true]]);

		const [delivery] = await fake.fire(3, locationId, [member], { secret: SECRET });
		expect(delivery.status).toBe(200);
		const all = await waitForExecutions(workflowId, 2);
		expect(all.every((execution) => execution.status === 'success')).toBe(true);
	});

	test('with On Workflow Stop set to Delete, deactivating removes the record', async () => {
		await api('POST', `/api/v1/workflows/${workflowId}/deactivate`);
		const deleting = await importWorkflow('coworker-created-trigger.json', {
			WEBHOOK_ID: 'e2e-coworker-created-delete',
			ON_STOP: 'delete',
		});
		const url = `${n8n!.url}webhook/e2e-coworker-created-delete/webhook`;
		await activateWorkflow(n8n!.url, auth, deleting);
		expect(hooksAt(url).filter((hook) => hook.Active)).toHaveLength(1);
		await api('POST', `/api/v1/workflows/${deleting}/deactivate`);
		await sleep(500);
		expect(hooksAt(url)).toHaveLength(0);
	});
});
