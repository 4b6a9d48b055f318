/**
 * End to end: what a real n8n hands the node when Nexudus throttles (409 with Retry-After, 429
 * with "Wait N seconds" in its text), what its cancel button does to a wait, a Max Wait of 0,
 * and a Nexudus user with two-factor authentication. n8n 1.x drops the headers and a text body
 * from the errors it hands a node, so the node asks n8n for whole answers on both lines.
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

test('a 409 is waited out for its Retry-After, on n8n 1.x too (it drops the header from its errors)', async () => {
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
	// Not the minute a 409 without its header would have to wait for room in the window.
	expect(waited).toBeGreaterThanOrEqual(1000);
	expect(waited).toBeLessThan(5000);
	await env.deactivate(workflowId);
}, 180000);

test('a 429 saying "Wait N seconds" (no Retry-After) is waited out for what it says', async () => {
	const account = await FakeNexudus.start({
		email: SANDBOX_EMAIL,
		password: SANDBOX_LOGIN,
		// One request per 3 s: the second Get is answered 429 "Wait 2.9 seconds" in plain text.
		throttle: {
			minIntervalMs: 0,
			perMinute: 1,
			windowMs: 3000,
			retryAfterHeader: false,
			answer: 429,
		},
	});
	try {
		account.addBusiness('Throttling Space');
		const credentialId = await credentialFor(account);
		const { workflowId } = await startTwoGets(account, 'e2e-throttled-429', credentialId);
		await env.waitUntil('both Gets answered', () => sysRequests(account).length >= 3, 60000);
		const [execution] = await env.waitForExecutions(workflowId, 1);
		expect(execution.status).toBe('success');
		expect(sysRequests(account).map((request) => request.status)).toEqual([200, 429, 200]);
		const [, throttled, retry] = sysRequests(account);
		const waited = retry.at - throttled.at;
		expect(waited).toBeGreaterThanOrEqual(2500);
		expect(waited).toBeLessThan(6000);
		await env.deactivate(workflowId);
	} finally {
		await account.stop();
	}
}, 180000);

test('with a Max Wait of 0, Create → Update → Delete and a trigger activation go through', async () => {
	const account = await FakeNexudus.start({
		email: SANDBOX_EMAIL,
		password: SANDBOX_LOGIN,
		throttle: { perMinute: 1e6, writesPerMinute: 1e6 }, // Nexudus's 100 ms spacing only
	});
	try {
		const location = account.addBusiness('Unhurried Space');
		const credentialId = await credentialFor(account, { maxRateLimitWait: 0 });
		const crud = await env.importWorkflow('nexudus-crud.json', {
			CREDENTIAL_ID: credentialId,
			LOCATION_ID: String(location.Id),
		});
		await env.activate(crud);
		const response = await fetch(`${env.url}webhook/e2e-crud`, { method: 'POST' });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual([expect.objectContaining({ deleted: true })]);
		const [execution] = await env.waitForExecutions(crud, 1);
		expect(execution.status).toBe('success');

		const trigger = await env.importWorkflow('coworker-created-trigger.json', {
			CREDENTIAL_ID: credentialId,
			LOCATION_ID: String(location.Id),
			LOCATION_NAME: location.Name,
			WEBHOOK_ID: 'e2e-unhurried',
			ON_STOP: 'delete',
		});
		await env.activate(trigger);
		expect([...account.webhooks.values()].filter((hook) => hook.Active)).toHaveLength(1);
		expect(sysRequests(account).every((request) => request.status < 400)).toBe(true);
		await env.deactivate(trigger);
		await env.deactivate(crud);
	} finally {
		await account.stop();
	}
}, 180000);

describe('a Nexudus user with two-factor authentication', () => {
	const KEY = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP';
	/** The key of another authenticator app. */
	const ANOTHER_APP = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
	let account: FakeNexudus;

	beforeAll(async () => {
		account = await FakeNexudus.start({
			email: SANDBOX_EMAIL,
			password: SANDBOX_LOGIN,
			twoFactorSecret: KEY,
		});
		account.addBusiness('Guarded Space');
	});

	afterAll(async () => {
		await account?.stop();
	});

	const tokenRequests = () => account.requests.filter((request) => request.path === '/api/token');

	test('the credential test passes with the Authenticator Secret and says what is wrong without it', async () => {
		const data = { apiUrl: account.url, email: SANDBOX_EMAIL, password: SANDBOX_LOGIN };
		const credentialId = await credentialFor(account, { totpSecret: KEY });
		const test = async (fields: Record<string, unknown>) =>
			(
				await env.rest('POST', '/rest/credentials/test', {
					credentials: {
						id: credentialId,
						name: 'Nexudus sandbox',
						type: 'nexudusApi',
						data: { ...data, ...fields },
					},
				})
			).data as Record<string, unknown>;
		expect(await test({ totpSecret: KEY })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await test({ totpSecret: '' })).toEqual({
			status: 'Error',
			message:
				"Nexudus login failed: this Nexudus user has two-factor authentication: set the credential's Authenticator Secret to the key of the user's authenticator app",
		});
		const wrong = await test({ totpSecret: ANOTHER_APP });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Nexudus login failed: Nexudus refused the two-factor code/);
		expect(JSON.stringify(wrong)).not.toContain(ANOTHER_APP);
		expect(tokenRequests().map((request) => request.status)).toEqual([200, 400, 400]);
	});

	test('a workflow runs with it, and after Nexudus answers 401 logs in again with a fresh code', async () => {
		account.reset();
		const credentialId = await credentialFor(account, { totpSecret: KEY });
		const { workflowId } = await startTwoGets(account, 'e2e-two-factor', credentialId);
		const [first] = await env.waitForExecutions(workflowId, 1);
		expect(first.status).toBe('success');

		account.expireTokens();
		const again = await fetch(`${env.url}webhook/e2e-two-factor`, { method: 'POST' });
		expect(again.status).toBe(200);
		const executions = await env.waitForExecutions(workflowId, 2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		const logins = tokenRequests();
		expect(logins.map((request) => request.status)).toEqual([200, 200]);
		expect(
			logins.every((login) => /^\d{6}$/.test(String((login.body as Record<string, unknown>).totp))),
		).toBe(true);
		// n8n 2.x refreshes on the first 401; n8n 1.x hands it back, and n8n refreshes on the second.
		const unauthorized = sysRequests(account).filter((request) => request.status === 401);
		expect(unauthorized).toHaveLength(env.n8nMajor === 1 ? 2 : 1);
		await env.deactivate(workflowId);
	}, 120000);
});

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
