/**
 * End to end: what a real n8n hands the node when Nexudus throttles, and what its cancel button
 * does to a wait. n8n 2.x passes 409's Retry-After on; n8n 1.x drops it, so there the node waits
 * until Nexudus's one-minute window has room.
 */
import { sleep } from 'n8n-workflow';

import { FakeNexudus } from '../fake-nexudus/server';
import { E2eEnvironment, SANDBOX_EMAIL, SANDBOX_LOGIN } from './environment';

let env: E2eEnvironment;

beforeAll(async () => {
	env = await E2eEnvironment.start();
}, 900000);

afterAll(async () => {
	await env?.stop();
});

/** A credential for `fake`; each fake is its own API URL, so its own pace in n8n. */
async function credentialFor(fake: FakeNexudus, fields: Record<string, unknown> = {}) {
	return await env.createCredential({
		apiUrl: fake.url,
		email: SANDBOX_EMAIL,
		password: SANDBOX_LOGIN,
		...fields,
	});
}

async function startTwoGets(fake: FakeNexudus, path: string, credentialId: string) {
	const hook = fake.addWebHook({
		BusinessId: fake.businesses[0].Id,
		Name: 'Throttled',
		Action: 3,
		URL: 'https://hooks.example.invalid/throttled',
	});
	const workflowId = await env.importWorkflow('nexudus-two-gets.json', {
		PATH: path,
		HOOK_ID: String(hook.Id),
		CREDENTIAL_ID: credentialId,
	});
	await env.activate(workflowId);
	const response = await fetch(`${env.url}webhook/${path}`, { method: 'POST' });
	expect(response.status).toBe(200);
	return { workflowId, hook };
}

/** The editor's execution list (the public API does not list running executions). */
async function runningExecutionId(workflowId: string): Promise<string> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await env.rest('GET', `/rest/executions?filter=${filter}`);
	const list = ((answer.data ?? answer) as { results: Array<{ id: string; status: string }> })
		.results;
	const running = list.filter((execution) => execution.status === 'running');
	expect(running).toHaveLength(1);
	return running[0].id;
}

const sysRequests = (fake: FakeNexudus) =>
	fake.requests.filter((request) => request.path.startsWith('/api/sys/'));

test('a 409 is waited out: for its Retry-After on n8n 2.x, for room in the window on 1.x', async () => {
	await credentialFor(env.fake);
	env.fake.failNext(1, 409); // answered with Retry-After: 1
	const { workflowId, hook } = await startTwoGets(env.fake, 'e2e-throttled', env.credentialId);

	await env.waitUntil('both Gets answered', () => sysRequests(env.fake).length >= 3, 90000);
	const [execution] = await env.waitForExecutions(workflowId, 1);
	expect(execution.status).toBe('success');
	const [throttled, retry] = sysRequests(env.fake);
	expect(sysRequests(env.fake).map((request) => [request.path, request.status])).toEqual([
		[`/api/sys/webhooks/${hook.Id}`, 409],
		[`/api/sys/webhooks/${hook.Id}`, 200],
		[`/api/sys/webhooks/${hook.Id}`, 200],
	]);
	const waited = retry.at - throttled.at;
	if (env.n8nMajor >= 2) {
		expect(waited).toBeGreaterThanOrEqual(1000);
		expect(waited).toBeLessThan(5000);
	} else {
		// The 409'd request is the only one in the window: room comes a minute after it.
		expect(waited).toBeGreaterThanOrEqual(59000);
	}
	await env.deactivate(workflowId);
}, 180000);

test('cancelling an execution ends its wait at once: the next workflow does not queue behind it', async () => {
	const account = await FakeNexudus.start({ email: SANDBOX_EMAIL, password: SANDBOX_LOGIN });
	try {
		const location = account.addBusiness('Second Account Space');
		account.seedWebHooks(61, location.Id);
		const credentialId = await credentialFor(account);
		const deleteAll = await env.importWorkflow('nexudus-delete-all.json', {
			PATH: 'e2e-delete-all',
			CREDENTIAL_ID: credentialId,
		});
		await env.activate(deleteAll);
		await fetch(`${env.url}webhook/e2e-delete-all`, { method: 'POST' });
		const deletes = () => sysRequests(account).filter((request) => request.method === 'DELETE');

		// 60 deletes fill Nexudus's 60-writes-a-minute window: the 61st waits about a minute.
		await env.waitUntil('60 deletes were sent', () => deletes().length === 60, 60000);
		await sleep(1000);
		expect(deletes()).toHaveLength(60);
		await env.rest('POST', `/rest/executions/${await runningExecutionId(deleteAll)}/stop`);
		const [cancelled] = await env.waitForExecutions(deleteAll, 1);
		expect(cancelled.status).toBe('canceled');

		// A wait that went on would keep its turn, and these reads would queue behind it.
		const asked = Date.now();
		const { workflowId } = await startTwoGets(account, 'e2e-after-cancel', credentialId);
		await env.waitUntil('both Gets answered', () => sysRequests(account).length === 63, 10000);
		expect(Date.now() - asked).toBeLessThan(10000);
		const [execution] = await env.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(deletes()).toHaveLength(60);
		await env.deactivate(workflowId);
		await env.deactivate(deleteAll);
	} finally {
		await account.stop();
	}
}, 180000);
