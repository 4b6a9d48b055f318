import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { NexudusApi } from '../../credentials/NexudusApi.credentials';
import { ALL_ROLES, FakeNexudus } from '../fake-nexudus/server';
import { newCredential, prepareNode } from '../harness/n8n';

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
