import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { NexudusApi } from '../../credentials/NexudusApi.credentials';
import { parseAuthenticatorSecret, totpCode } from '../../nodes/shared/totp';
import { MAX_RATE_LIMIT_WAIT_SECONDS } from '../../nodes/shared/transport';
import { ALL_ROLES, FakeNexudus } from '../fake-nexudus/server';
import { executeNode, newCredential, prepareNode } from '../harness/n8n';

/**
 * Replays what n8n does when a credential is saved: a fresh login (preAuthentication), then the
 * credential's test request, then its rules on the answer, all over real HTTP with n8n-core's
 * request helper.
 */
async function testCredential(fields: ICredentialDataDecryptedObject): Promise<string> {
	const credentialType = new NexudusApi();
	const { node, workflow, additionalData } = prepareNode({
		type: 'nexudus',
		parameters: {},
		credential: newCredential(String(fields.apiUrl)),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[]] },
		{ node, data: { main: [[]] }, source: null },
		[],
	);
	const helper: IHttpRequestHelper = { helpers: { httpRequest: context.helpers.httpRequest } };
	let token: string;
	try {
		({ accessToken: token } = (await credentialType.preAuthentication.call(helper, fields)) as {
			accessToken: string;
		});
	} catch (error) {
		return `Error: ${(error as Error).message}`;
	}

	const test = credentialType.test as ICredentialTestRequest;
	const request: IHttpRequestOptions = {
		method: test.request.method,
		url: `${String(fields.apiUrl).replace(/\/+$/, '')}${test.request.url}`,
		qs: test.request.qs,
		headers: { Authorization: `Bearer ${token}` },
		json: true,
	};
	expect(test.request.baseURL).toBe('={{$credentials.apiUrl}}');
	try {
		await context.helpers.httpRequest(request);
		return 'OK';
	} catch (error) {
		const status = (error as { response?: { status?: number } }).response?.status;
		const rule = test.rules?.find(
			(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
		);
		return `Error: ${rule ? (rule.properties as { message: string }).message : status}`;
	}
}

let fake: FakeNexudus;
const fields = () => ({
	apiUrl: `${fake.url}/`,
	email: 'admin@example.com',
	password: 'correct-horse',
	accessToken: '',
});

beforeAll(async () => {
	fake = await FakeNexudus.start();
});

afterAll(async () => {
	await fake.stop();
});

afterEach(() => {
	fake.setApiAccess(true);
	fake.setRoles([...ALL_ROLES]);
});

test('Max Wait for Rate Limit is bounded in the form as in the code (one day)', () => {
	const field = new NexudusApi().properties.find(
		(property) => property.name === 'maxRateLimitWait',
	);
	expect(field?.typeOptions).toEqual({ minValue: 0, maxValue: MAX_RATE_LIMIT_WAIT_SECONDS });
	expect(MAX_RATE_LIMIT_WAIT_SECONDS * 1000).toBeLessThan(2 ** 31 - 1);
});

test('the Authenticator Secret is an optional password field', () => {
	const field = new NexudusApi().properties.find((property) => property.name === 'totpSecret');
	expect(field).toMatchObject({ type: 'string', default: '', typeOptions: { password: true } });
	expect(field?.required).toBeFalsy();
});

test('the right login with API access and the WebHook-List role passes', async () => {
	expect(await testCredential(fields())).toBe('OK');
	const listed = fake.requests.find((request) => request.path === '/api/sys/webhooks');
	expect(listed?.query).toEqual({ size: '1' });
});

test('a wrong password says the login failed', async () => {
	expect(await testCredential({ ...fields(), password: 'wrong' })).toBe(
		'Error: Nexudus login failed: the email or password is incorrect',
	);
});

test('a user without API access is told to switch it on', async () => {
	fake.setApiAccess(false);
	expect(await testCredential(fields())).toMatch(/^Error: .*switch on "API access"/);
});

test('a user without the WebHook roles is told which roles to give', async () => {
	fake.setRoles(['WebHook-Read']);
	expect(await testCredential(fields())).toMatch(
		/^Error: The Nexudus user lacks the WebHook roles/,
	);
});

test('a wrong API URL says the API could not be reached', async () => {
	expect(await testCredential({ ...fields(), apiUrl: 'http://127.0.0.1:1' })).toBe(
		'Error: Nexudus login failed: could not reach http://127.0.0.1:1/api/token (the connection was refused). Check the API URL.',
	);
});

describe('a Nexudus user with two-factor authentication', () => {
	/** An authenticator key as an app shows it, and the same key in another form. */
	const KEY = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP';
	const ANOTHER_APP = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
	const tokenRequests = () => fake.requests.filter((request) => request.path === '/api/token');

	beforeEach(() => {
		fake.reset();
		fake.setTwoFactorSecret(KEY);
	});

	afterEach(() => fake.setTwoFactorSecret(null));

	test('logs in with the code of the moment computed from the Authenticator Secret', async () => {
		expect(await testCredential({ ...fields(), totpSecret: KEY })).toBe('OK');
		const [login] = tokenRequests();
		expect(login.status).toBe(200);
		const sent = (login.body as Record<string, string>).totp;
		const key = parseAuthenticatorSecret(KEY);
		// Computed just before it arrived (a step may have begun in between).
		expect([totpCode(key, login.at), totpCode(key, login.at - 1000)]).toContain(sent);
		expect(sent).toMatch(/^\d{6}$/);
	});

	test('without an Authenticator Secret says the user needs one', async () => {
		expect(await testCredential(fields())).toBe(
			"Error: Nexudus login failed: this Nexudus user has two-factor authentication: set the credential's Authenticator Secret to the key of the user's authenticator app",
		);
		expect(tokenRequests()[0].body).not.toHaveProperty('totp');
	});

	test('with the key of another authenticator says the code was refused', async () => {
		const outcome = await testCredential({ ...fields(), totpSecret: ANOTHER_APP });
		expect(outcome).toBe(
			"Error: Nexudus login failed: Nexudus refused the two-factor code. Check the credential's Authenticator Secret (the key of this user's authenticator app) and that the n8n server's clock is right",
		);
		expect(outcome).not.toContain(ANOTHER_APP);
	});

	test('a secret that is no authenticator key is named, never shown, and nothing is sent', async () => {
		const outcome = await testCredential({ ...fields(), totpSecret: '492817' });
		expect(outcome).toBe(
			"Error: Nexudus login failed: the credential's Authenticator Secret cannot be used: it is not a base32 key: only the letters A to Z and the digits 2 to 7 may appear",
		);
		expect(tokenRequests()).toHaveLength(0);
	});

	test('a user without two-factor authentication ignores a code sent anyway', async () => {
		fake.setTwoFactorSecret(null);
		expect(await testCredential({ ...fields(), totpSecret: KEY })).toBe('OK');
	});

	test('a node runs with it, and logs in again with a fresh code when Nexudus answers 401', async () => {
		fake.addBusiness('Downtown Hub');
		const credential = newCredential(fake.url, { totpSecret: KEY });
		const list = { resource: 'webHook', operation: 'getAll', returnAll: true };
		await executeNode({ type: 'nexudus', parameters: list, credential });
		fake.expireTokens();
		await executeNode({ type: 'nexudus', parameters: list, credential });
		expect(tokenRequests().map((request) => request.status)).toEqual([200, 200]);
		expect(credential.preAuthenticationCalls).toBe(2);
		const webhookLists = fake.requests.filter((request) => request.path === '/api/sys/webhooks');
		expect(webhookLists.map((request) => request.status)).toEqual([200, 401, 200]);
	});

	test("a node's error names the Authenticator Secret and never holds it", async () => {
		const credential = newCredential(fake.url, { totpSecret: ANOTHER_APP });
		const error = await executeNode({
			type: 'nexudus',
			parameters: { resource: 'webHook', operation: 'getAll', returnAll: true },
			credential,
		}).then(
			() => undefined,
			(failure: Error & { description?: string }) => failure,
		);
		expect(error?.message).toMatch(/^Nexudus login failed: Nexudus refused the two-factor code/);
		expect(error?.description).toMatch(/Authenticator Secret/);
		const shown = JSON.stringify({ ...error, message: error?.message, stack: error?.stack });
		expect(shown).not.toContain(ANOTHER_APP);
		expect(JSON.stringify(fake.requests)).not.toContain(ANOTHER_APP);
	});

	test('the fake takes the code of the step before or after (clocks a little apart), not two away', async () => {
		const key = parseAuthenticatorSecret(KEY);
		const login = async (offsetSteps: number) => {
			const form = new URLSearchParams({
				grant_type: 'password',
				username: 'admin@example.com',
				password: 'correct-horse',
				totp: totpCode(key, Date.now() + offsetSteps * 30_000),
			});
			const answer = await fetch(`${fake.url}/api/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: form.toString(),
			});
			return [answer.status, ((await answer.json()) as { error?: string }).error];
		};
		expect(await login(-1)).toEqual([200, undefined]);
		expect(await login(1)).toEqual([200, undefined]);
		expect(await login(-2)).toEqual([400, 'invalid_grant']);
		expect(await login(3)).toEqual([400, 'invalid_grant']);
	});
});
