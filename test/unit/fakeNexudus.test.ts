import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { createHmac } from 'crypto';

import { WebhookReceiver } from '../fake-nexudus/receiver';
import {
	ALL_ROLES,
	FakeNexudus,
	FIRST_BUSINESS_ID,
	FIRST_WEBHOOK_ID,
	type FakeNexudusOptions,
	type FakeWebHook,
	type FakeWebHookListRow,
	type PagedResult,
	type ValidationError,
} from '../fake-nexudus/server';

const EMAIL = 'admin@example.com';
const PASSWORD = 'correct-horse';
const DENIED = { Message: 'Authorization has been denied for this request.' };
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface TokenAnswer {
	access_token: string;
	token_type: string;
	expires_in: number;
}
interface ValidationAnswer {
	Message: string;
	Value: null;
	Errors: ValidationError[];
	WasSuccessful: boolean;
}
type WebHookPage = PagedResult<FakeWebHookListRow>;

const sleep = (ms: number) =>
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- tests need real time to pass
	new Promise<void>((resolve) => setTimeout(resolve, ms));

function requestToken(fake: FakeNexudus, form: Record<string, string>): Promise<AxiosResponse> {
	return axios.post(`${fake.url}/api/token`, new URLSearchParams(form).toString(), {
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		validateStatus: () => true,
	});
}

async function login(fake: FakeNexudus, email = EMAIL, password = PASSWORD): Promise<string> {
	const answer = await requestToken(fake, { grant_type: 'password', username: email, password });
	expect(answer.status).toBe(200);
	return (answer.data as TokenAnswer).access_token;
}

/** An axios instance on the fake that never throws on HTTP status. */
function client(fake: FakeNexudus, token?: string): AxiosInstance {
	return axios.create({
		baseURL: fake.url,
		validateStatus: () => true,
		headers: token ? { Authorization: `Bearer ${token}` } : {},
	});
}

async function apiClient(fake: FakeNexudus): Promise<AxiosInstance> {
	return client(fake, await login(fake));
}

const validHook = (overrides: Record<string, unknown> = {}) => ({
	BusinessId: FIRST_BUSINESS_ID,
	Name: 'New members to Slack',
	Action: 3,
	URL: 'https://hooks.example.com/slack',
	...overrides,
});

describe('FakeNexudus', () => {
	let fake: FakeNexudus;
	const startFake = async (options: FakeNexudusOptions = {}) => {
		fake = await FakeNexudus.start(options);
		fake.addBusiness('Downtown Hub');
		fake.addBusiness('Riverside Loft');
		fake.addBusiness('Harbour Works');
		return fake;
	};

	afterEach(async () => {
		await fake.stop();
	});

	describe('POST /api/token', () => {
		beforeEach(() => startFake());

		it('issues a bearer token for the right credentials and never records the password', async () => {
			expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const answer = await requestToken(fake, {
				grant_type: 'password',
				username: EMAIL,
				password: PASSWORD,
			});
			expect(answer.status).toBe(200);
			const body = answer.data as TokenAnswer;
			expect(body.token_type).toBe('bearer');
			expect(body.expires_in).toBe(604799);
			expect(body.access_token.length).toBeGreaterThanOrEqual(32);
			expect(fake.tokensIssued).toBe(1);
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/api/token', status: 200 });
			expect(fake.requests[0].body).toEqual({
				grant_type: 'password',
				username: EMAIL,
				password: '[redacted]',
			});
			expect(JSON.stringify(fake.requests)).not.toContain(PASSWORD);
		});

		it('answers 400 invalid_grant for a wrong password', async () => {
			const answer = await requestToken(fake, {
				grant_type: 'password',
				username: EMAIL,
				password: 'wrong',
			});
			expect(answer.status).toBe(400);
			expect(answer.data).toEqual({
				error: 'invalid_grant',
				error_description: 'The user name or password is incorrect.',
			});
			expect(fake.tokensIssued).toBe(0);
		});

		it.each<Record<string, string>>([
			{ username: EMAIL, password: PASSWORD },
			{ grant_type: 'client_credentials', username: EMAIL, password: PASSWORD },
		])('answers 400 unsupported_grant_type for %o', async (form) => {
			const answer = await requestToken(fake, form);
			expect(answer.status).toBe(400);
			expect(answer.data).toEqual({ error: 'unsupported_grant_type' });
		});

		it('answers 400 when the body is not form-encoded', async () => {
			const answer = await client(fake).post('/api/token', {
				grant_type: 'password',
				username: EMAIL,
				password: PASSWORD,
			});
			expect(answer.status).toBe(400);
			expect((answer.data as { error: string }).error).toBe('invalid_request');
			expect(fake.tokensIssued).toBe(0);
		});

		it('rejects tokens after expireTokens() and accepts newly issued ones', async () => {
			const api = await apiClient(fake);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
			fake.expireTokens();
			const rejected = await api.get('/api/sys/webhooks');
			expect(rejected.status).toBe(401);
			expect(rejected.data).toEqual(DENIED);
			expect((await (await apiClient(fake)).get('/api/sys/webhooks')).status).toBe(200);
			expect(fake.tokensIssued).toBe(2);
		});
	});

	it('expires tokens after tokenTtlSeconds', async () => {
		await startFake({ tokenTtlSeconds: 1 });
		const answer = await requestToken(fake, {
			grant_type: 'password',
			username: EMAIL,
			password: PASSWORD,
		});
		expect((answer.data as TokenAnswer).expires_in).toBe(1);
		const api = client(fake, (answer.data as TokenAnswer).access_token);
		expect((await api.get('/api/sys/webhooks')).status).toBe(200);
		await sleep(1100);
		expect((await api.get('/api/sys/webhooks')).status).toBe(401);
	});

	describe('authentication and roles', () => {
		beforeEach(() => startFake());

		it.each([
			['no Authorization header', {}],
			['an unknown token', { Authorization: 'Bearer not-a-token' }],
			[
				'Basic credentials',
				{ Authorization: `Basic ${Buffer.from(`${EMAIL}:${PASSWORD}`).toString('base64')}` },
			],
		])('answers 401 with %s', async (_label, headers) => {
			const answer = await client(fake).get('/api/sys/webhooks', { headers });
			expect(answer.status).toBe(401);
			expect(answer.data).toEqual(DENIED);
		});

		it('answers 401 on every /api/sys call when the user has no API access', async () => {
			fake.setApiAccess(false);
			const api = await apiClient(fake);
			expect((await api.get('/api/sys/webhooks')).status).toBe(401);
			expect((await api.get('/api/sys/businesses')).data).toEqual(DENIED);
			fake.setApiAccess(true);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
		});

		it.each([
			['GET', '/api/sys/webhooks', 'WebHook-List'],
			['GET', `/api/sys/webhooks/${FIRST_WEBHOOK_ID}`, 'WebHook-Read'],
			['POST', '/api/sys/webhooks', 'WebHook-Create'],
			['PUT', '/api/sys/webhooks', 'WebHook-Edit'],
			['DELETE', `/api/sys/webhooks/${FIRST_WEBHOOK_ID}`, 'WebHook-Delete'],
			['GET', '/api/sys/businesses', 'Business-List'],
		])('%s %s needs the %s role (403 naming it)', async (method, url, role) => {
			fake.setRoles(ALL_ROLES.filter((r) => r !== role));
			const api = await apiClient(fake);
			const answer = await api.request({ method, url, data: validHook({ Id: FIRST_WEBHOOK_ID }) });
			expect(answer.status).toBe(403);
			expect(answer.data).toEqual({ Message: `You do not have the required role: ${role}` });
			fake.setRoles([role]);
			expect(
				(await api.request({ method, url, data: validHook({ Id: FIRST_WEBHOOK_ID }) })).status,
			).not.toBe(403);
		});

		it('answers 404 JSON for unknown paths', async () => {
			const api = await apiClient(fake);
			for (const answer of [
				await api.get('/api/sys/coworkers'),
				await api.patch('/api/sys/webhooks', {}),
				await api.get('/nope'),
			]) {
				expect(answer.status).toBe(404);
				expect(typeof (answer.data as { Message: string }).Message).toBe('string');
			}
		});
	});

	describe('webhook CRUD', () => {
		beforeEach(() => startFake());

		it('creates, reads, lists, replaces and deletes a webhook', async () => {
			const api = await apiClient(fake);
			const created = await api.post('/api/sys/webhooks', validHook({ Description: 'Say hello' }));
			expect(created.status).toBe(200);
			expect(created.data).toEqual({
				Status: 200,
				Message: 'WebHook was successfully created.',
				Value: { Id: FIRST_WEBHOOK_ID },
				OpenInDialog: false,
				OpenInWindow: false,
				RedirectURL: null,
				JavaScript: null,
				UpdatedOn: expect.stringMatching(ISO_SECONDS),
				UpdatedBy: EMAIL,
				Errors: null,
				WasSuccessful: true,
			});
			const id = FIRST_WEBHOOK_ID;

			const one = await api.get(`/api/sys/webhooks/${id}`);
			expect(one.status).toBe(200);
			expect(one.data).toEqual({
				BusinessId: FIRST_BUSINESS_ID,
				Name: 'New members to Slack',
				Action: 3,
				Description: 'Say hello',
				URL: 'https://hooks.example.com/slack',
				Active: false, // the API defaults to inactive
				LastError: null,
				ErrorCount: 0,
				LastTrigger: null,
				Id: id,
				UniqueId: expect.stringMatching(UUID),
				CreatedOn: expect.stringMatching(ISO_SECONDS),
				UpdatedOn: expect.stringMatching(ISO_SECONDS),
				UpdatedBy: EMAIL,
				IsNew: false,
				SystemId: null,
				ToStringText: 'New members to Slack',
				LocalizationDetails: null,
				CustomFields: null,
			});
			const { CreatedOn, UniqueId } = one.data as FakeWebHook;

			const list = (await api.get('/api/sys/webhooks')).data as WebHookPage;
			expect(list.TotalItems).toBe(1);
			expect(list.Records[0]).toMatchObject({
				Id: id,
				Name: 'New members to Slack',
				Active: false,
			});
			expect(list.Records[0]).not.toHaveProperty('Description');

			fake.webhooks.get(id)!.ErrorCount = 4;
			const updated = await api.put('/api/sys/webhooks', {
				Id: id,
				BusinessId: FIRST_BUSINESS_ID + 1,
				Name: 'Renamed',
				Action: 21,
				URL: 'https://hooks.example.com/renamed',
				Active: true,
			});
			expect(updated.status).toBe(200);
			expect(updated.data).toMatchObject({
				Message: 'WebHook was successfully updated.',
				Value: { Id: id },
				WasSuccessful: true,
			});
			expect(fake.webhooks.get(id)).toMatchObject({
				BusinessId: FIRST_BUSINESS_ID + 1,
				Name: 'Renamed',
				Action: 21,
				Description: null, // missing from the PUT body: replaced with null
				URL: 'https://hooks.example.com/renamed',
				Active: true,
				ErrorCount: 0, // re-activating resets the error count
				CreatedOn,
				UniqueId,
				ToStringText: 'Renamed',
			});

			await api.put('/api/sys/webhooks', validHook({ Id: id, Description: 'kept?' }));
			expect(fake.webhooks.get(id)).toMatchObject({ Active: false, Description: 'kept?' }); // Active omitted => false

			const deleted = await api.delete(`/api/sys/webhooks/${id}`);
			expect(deleted.status).toBe(200);
			expect(deleted.data).toEqual({
				Status: 200,
				Message: 'WebHook was successfully deleted.',
				Value: { Id: id },
				WasSuccessful: true,
				Errors: null,
			});
			for (const answer of [
				await api.get(`/api/sys/webhooks/${id}`),
				await api.delete(`/api/sys/webhooks/${id}`),
			]) {
				expect(answer.status).toBe(404);
				expect(answer.data).toEqual({ Message: 'WebHook not found' });
			}
		});

		it('gives increasing ids and answers 404 for unknown or non-integer ids', async () => {
			const api = await apiClient(fake);
			await api.post('/api/sys/webhooks', validHook());
			await api.post('/api/sys/webhooks', validHook());
			expect([...fake.webhooks.keys()]).toEqual([FIRST_WEBHOOK_ID, FIRST_WEBHOOK_ID + 1]);
			for (const id of ['123', 'abc', '1.5']) {
				expect((await api.get(`/api/sys/webhooks/${id}`)).status).toBe(404);
			}
			const missing = await api.put('/api/sys/webhooks', validHook({ Id: 42 }));
			expect(missing.status).toBe(404);
			expect(missing.data).toEqual({ Message: 'WebHook not found' });
		});

		it('ignores unknown properties', async () => {
			const api = await apiClient(fake);
			const answer = await api.post('/api/sys/webhooks', validHook({ Foo: 'bar', Active: true }));
			expect(answer.status).toBe(200);
			expect(fake.webhooks.get(FIRST_WEBHOOK_ID)).not.toHaveProperty('Foo');
			expect(fake.webhooks.get(FIRST_WEBHOOK_ID)?.Active).toBe(true);
		});
	});

	describe('validation', () => {
		beforeEach(() => startFake());

		it('lists every missing required field, in the documented envelope', async () => {
			const api = await apiClient(fake);
			const answer = await api.post('/api/sys/webhooks', { Name: '   ' });
			expect(answer.status).toBe(400);
			expect(answer.data).toEqual({
				Message: [
					'BusinessId: is a required field',
					'Name: is a required field',
					'Action: is a required field',
					'URL: is a required field',
				].join('\n'),
				Value: null,
				Errors: [
					{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'BusinessId' },
					{ AttemptedValue: '   ', Message: 'is a required field', PropertyName: 'Name' },
					{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'Action' },
					{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'URL' },
				],
				WasSuccessful: false,
			});
			expect(fake.webhooks.size).toBe(0);
		});

		it.each([
			['BusinessId', 'an unknown location', 999, 'is not a valid location'],
			['BusinessId', 'a string', '1001', 'is not a valid location'],
			['Name', '256 characters', 'x'.repeat(256), 'cannot be longer than 255 characters'],
			['Name', 'a number', 12, 'is not a valid value'],
			['Action', '0', 0, 'is not a valid value'],
			['Action', '91', 91, 'is not a valid value'],
			['Action', '2.5', 2.5, 'is not a valid value'],
			['URL', 'an ftp URL', 'ftp://files.example.com/x', 'is not a valid URL'],
			['URL', 'a relative URL', '/relative/path', 'is not a valid URL'],
			['Description', 'a number', 5, 'is not a valid value'],
			['Active', 'a string', 'yes', 'is not a valid value'],
		])('rejects %s = %s: %s', async (property, _label, value, message) => {
			const api = await apiClient(fake);
			for (const answer of [
				await api.post('/api/sys/webhooks', validHook({ [property]: value })),
				await api.put(
					'/api/sys/webhooks',
					validHook({ [property]: value, Id: fake.addWebHook(validHook()).Id }),
				),
			]) {
				expect(answer.status).toBe(400);
				const body = answer.data as ValidationAnswer;
				expect(body.Errors).toEqual([
					{ AttemptedValue: value, Message: message, PropertyName: property },
				]);
				expect(body.Message).toBe(`${property}: ${message}`);
				expect(body.WasSuccessful).toBe(false);
			}
		});

		it('accepts a 255-character name and Action 1..90', async () => {
			const api = await apiClient(fake);
			expect(
				(await api.post('/api/sys/webhooks', validHook({ Name: 'x'.repeat(255), Action: 1 })))
					.status,
			).toBe(200);
			expect((await api.post('/api/sys/webhooks', validHook({ Action: 90 }))).status).toBe(200);
		});

		it('requires Id on PUT', async () => {
			const api = await apiClient(fake);
			const answer = await api.put('/api/sys/webhooks', validHook());
			expect(answer.status).toBe(400);
			expect((answer.data as ValidationAnswer).Errors).toEqual([
				{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'Id' },
			]);
		});

		it('rejects bodies that are not a JSON object', async () => {
			const api = await apiClient(fake);
			const plain = await api.post('/api/sys/webhooks', 'Name=x', {
				headers: { 'Content-Type': 'text/plain' },
			});
			expect(plain.status).toBe(415);
			const broken = await api.post('/api/sys/webhooks', '{"Name":', {
				headers: { 'Content-Type': 'application/json' },
			});
			expect(broken.status).toBe(400);
			const array = await api.post('/api/sys/webhooks', [validHook()]);
			expect(array.status).toBe(400);
			expect(fake.webhooks.size).toBe(0);
		});
	});

	describe('GET /api/sys/webhooks paging and sorting', () => {
		beforeEach(() => startFake());

		it('pages 2,350 records with size 1000 in 3 pages', async () => {
			fake.seedWebHooks(2350);
			const api = await apiClient(fake);
			const pages: WebHookPage[] = [];
			for (const page of [1, 2, 3]) {
				pages.push(
					(await api.get('/api/sys/webhooks', { params: { page, size: 1000 } }))
						.data as WebHookPage,
				);
			}
			expect(pages.map((p) => [p.CurrentPage, p.FirstItem, p.LastItem, p.Records.length])).toEqual([
				[1, 1, 1000, 1000],
				[2, 1001, 2000, 1000],
				[3, 2001, 2350, 350],
			]);
			expect(pages.map((p) => p.HasNextPage)).toEqual([true, true, false]);
			expect(pages.map((p) => p.HasPreviousPage)).toEqual([false, true, true]);
			for (const p of pages)
				expect(p).toMatchObject({ TotalItems: 2350, TotalPages: 3, CurrentPageSize: 1000 });
			const ids = pages.flatMap((p) => p.Records.map((r) => r.Id));
			expect(new Set(ids).size).toBe(2350);
			expect(pages.every((p) => p.Records.every((r) => !('Description' in r)))).toBe(true);
		});

		it('uses defaults, clamps size to 1000 and answers empty pages past the end', async () => {
			fake.seedWebHooks(1200);
			const api = await apiClient(fake);
			const first = (await api.get('/api/sys/webhooks')).data as WebHookPage;
			expect(first).toMatchObject({
				CurrentPage: 1,
				CurrentPageSize: 25,
				CurrentOrderField: 'Id',
				CurrentSortDirection: 0,
				FirstItem: 1,
				LastItem: 25,
				TotalItems: 1200,
				TotalPages: 48,
				HasNextPage: true,
				HasPreviousPage: false,
			});
			const big = (await api.get('/api/sys/webhooks', { params: { size: 5000 } }))
				.data as WebHookPage;
			expect(big.CurrentPageSize).toBe(1000);
			expect(big.Records).toHaveLength(1000);
			const past = (await api.get('/api/sys/webhooks', { params: { page: 9, size: 1000 } }))
				.data as WebHookPage;
			expect(past).toMatchObject({
				Records: [],
				HasNextPage: false,
				HasPreviousPage: true,
				TotalItems: 1200,
			});
		});

		it('sorts by any property, case-insensitively, in both directions', async () => {
			fake.seedWebHooks(60);
			const api = await apiClient(fake);
			const fetchPage = async (params: Record<string, string | number>) =>
				(await api.get('/api/sys/webhooks', { params: { size: 1000, ...params } }))
					.data as WebHookPage;

			const ascending = await fetchPage({ orderBy: 'name', dir: 0 });
			expect(ascending.CurrentOrderField).toBe('Name');
			const names = ascending.Records.map((r) => r.Name.toLowerCase());
			expect(names).toEqual([...names].sort());
			const descending = await fetchPage({ orderBy: 'Name', dir: 1 });
			expect(descending.CurrentSortDirection).toBe(1);
			expect(descending.Records.map((r) => r.Id)).toEqual(
				ascending.Records.map((r) => r.Id).reverse(),
			);

			const byErrors = await fetchPage({ orderBy: 'ErrorCount', dir: 1 });
			const counts = byErrors.Records.map((r) => r.ErrorCount);
			expect(counts).toEqual([...counts].sort((a, b) => b - a));
			expect(counts[0]).toBeGreaterThan(counts[counts.length - 1]);

			const byId = await fetchPage({ dir: 1 });
			expect(byId.Records[0].Id).toBeGreaterThan(byId.Records[1].Id);
			expect((await fetchPage({ orderBy: 'NoSuchField' })).CurrentOrderField).toBe('Id');
		});
	});

	describe('GET /api/sys/webhooks filters', () => {
		const b1 = FIRST_BUSINESS_ID;
		const b2 = FIRST_BUSINESS_ID + 1;

		beforeEach(async () => {
			await startFake();
			fake.addWebHook({
				BusinessId: b1,
				Name: 'Slack members',
				Action: 3,
				Description: 'Welcome posts',
				URL: 'https://hooks.slack.example/a',
				Active: true,
				LastTrigger: '2025-03-01T10:15:30Z',
				CreatedOn: '2025-01-01T08:00:00Z',
				UpdatedOn: '2025-02-01T08:00:00Z',
			});
			fake.addWebHook({
				BusinessId: b1,
				Name: 'Invoice sync',
				Action: 21,
				Description: 'To accounting',
				URL: 'https://erp.example.com/hook',
				Active: false,
				ErrorCount: 10,
				LastError: 'HTTP 500: boom',
				LastTrigger: '2025-03-02T11:00:00Z',
				CreatedOn: '2025-01-15T12:30:00Z',
				UpdatedOn: '2025-02-15T12:30:00Z',
			});
			fake.addWebHook({
				BusinessId: b2,
				Name: 'Booking SLACK alerts',
				Action: 6,
				URL: 'http://intranet.local/slack',
				Active: true,
				ErrorCount: 2,
				LastError: 'Network error: connect ECONNREFUSED',
				CreatedOn: '2025-02-01T00:00:00Z',
				UpdatedOn: '2025-02-01T00:00:00Z',
			});
		});

		it.each([
			[{ WebHook_Business: b1 }, ['Slack members', 'Invoice sync']],
			[{ WebHook_Name: 'slack' }, ['Slack members', 'Booking SLACK alerts']],
			[{ WebHook_Action: 21 }, ['Invoice sync']],
			[{ WebHook_Description: 'ACCOUNT' }, ['Invoice sync']],
			[{ WebHook_URL: 'Slack' }, ['Slack members', 'Booking SLACK alerts']],
			[{ WebHook_Active: 'true' }, ['Slack members', 'Booking SLACK alerts']],
			[{ WebHook_Active: 'false' }, ['Invoice sync']],
			[{ WebHook_LastError: 'econnrefused' }, ['Booking SLACK alerts']],
			[{ WebHook_ErrorCount: 10 }, ['Invoice sync']],
			[{ WebHook_LastTrigger: '2025-03-01T10:15' }, ['Slack members']],
			[{ from_WebHook_ErrorCount: 2 }, ['Invoice sync', 'Booking SLACK alerts']],
			[{ to_WebHook_ErrorCount: 2 }, ['Slack members', 'Booking SLACK alerts']],
			[{ from_WebHook_ErrorCount: 1, to_WebHook_ErrorCount: 5 }, ['Booking SLACK alerts']],
			[{ from_WebHook_LastTrigger: '2025-03-01T10:16' }, ['Invoice sync']],
			[{ to_WebHook_LastTrigger: '2025-03-01T10:15' }, ['Slack members']],
			[{ from_WebHook_CreatedOn: '2025-01-15T12:30' }, ['Invoice sync', 'Booking SLACK alerts']],
			[{ to_WebHook_CreatedOn: '2025-01-15T12:30' }, ['Slack members', 'Invoice sync']],
			[
				{ from_WebHook_UpdatedOn: '2025-02-01T00:00', to_WebHook_UpdatedOn: '2025-02-01T08:00' },
				['Slack members', 'Booking SLACK alerts'],
			],
			[{ WebHook_Business: b1, WebHook_Active: 'true' }, ['Slack members']],
			[{ WebHook_Name: 'nothing like this' }, []],
			[
				{ unknownParameter: 'x', WebHook_Name: '' },
				['Slack members', 'Invoice sync', 'Booking SLACK alerts'],
			],
		])('%o', async (params, expected) => {
			const api = await apiClient(fake);
			const answer = await api.get('/api/sys/webhooks', { params });
			expect(answer.status).toBe(200);
			const page = answer.data as WebHookPage;
			expect(page.Records.map((r) => r.Name)).toEqual(expected);
			expect(page.TotalItems).toBe(expected.length);
		});

		it.each([
			['from_WebHook_CreatedOn', '2025-03-01'],
			['to_WebHook_UpdatedOn', '2025-03-01T10:15:00'],
			['from_WebHook_LastTrigger', '2025-13-01T10:15'],
			['WebHook_LastTrigger', '01/03/2025 10:15'],
			['to_WebHook_CreatedOn', '2025-03-01T10:15Z'],
		])('answers 400 naming %s for the bad date %p', async (parameter, value) => {
			const api = await apiClient(fake);
			const answer = await api.get('/api/sys/webhooks', { params: { [parameter]: value } });
			expect(answer.status).toBe(400);
			const body = answer.data as ValidationAnswer;
			expect(body.WasSuccessful).toBe(false);
			expect(body.Errors).toEqual([
				{
					AttemptedValue: value,
					Message: expect.stringContaining('YYYY-MM-DDTHH:mm'),
					PropertyName: parameter,
				},
			]);
			expect(body.Message).toMatch(new RegExp(`^${parameter}: `));
		});

		it('answers 400 for non-integer and non-boolean filter values', async () => {
			const api = await apiClient(fake);
			for (const [parameter, value] of [
				['WebHook_Action', 'abc'],
				['from_WebHook_ErrorCount', '1.5'],
				['WebHook_Active', 'yes'],
			]) {
				const answer = await api.get('/api/sys/webhooks', { params: { [parameter]: value } });
				expect(answer.status).toBe(400);
				expect((answer.data as ValidationAnswer).Errors[0].PropertyName).toBe(parameter);
			}
		});
	});

	describe('GET /api/sys/businesses', () => {
		beforeEach(() => startFake());

		it('lists, filters and sorts businesses in the paged envelope', async () => {
			const api = await apiClient(fake);
			const all = (await api.get('/api/sys/businesses')).data as PagedResult<{
				Id: number;
				Name: string;
			}>;
			expect(all).toMatchObject({ TotalItems: 3, CurrentPage: 1, HasNextPage: false });
			expect(all.Records.map((b) => [b.Id, b.Name])).toEqual([
				[FIRST_BUSINESS_ID, 'Downtown Hub'],
				[FIRST_BUSINESS_ID + 1, 'Riverside Loft'],
				[FIRST_BUSINESS_ID + 2, 'Harbour Works'],
			]);
			const loft = (await api.get('/api/sys/businesses', { params: { Business_Name: 'LOFT' } }))
				.data as typeof all;
			expect(loft.Records.map((b) => b.Name)).toEqual(['Riverside Loft']);
			const sorted = (
				await api.get('/api/sys/businesses', { params: { orderBy: 'Name', dir: 1, size: 2 } })
			).data as typeof all;
			expect(sorted.Records.map((b) => b.Name)).toEqual(['Riverside Loft', 'Harbour Works']);
			expect(sorted).toMatchObject({ TotalPages: 2, HasNextPage: true });
		});
	});

	describe('throttling', () => {
		beforeEach(() => startFake());

		it('answers 409 with Retry-After when requests come faster than minIntervalMs', async () => {
			fake.setThrottle(true);
			const api = await apiClient(fake);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
			const throttled = await api.get('/api/sys/webhooks');
			expect(throttled.status).toBe(409);
			expect(throttled.headers['retry-after']).toBe('1');
			expect(throttled.data).toEqual({
				Message: 'Too many requests. Please retry after 1 seconds.',
			});
			expect(fake.requests[fake.requests.length - 1]).toMatchObject({
				path: '/api/sys/webhooks',
				status: 409,
			});
			await sleep(120);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
		});

		it('limits requests per minute', async () => {
			fake.setThrottle({ minIntervalMs: 0, perMinute: 3 });
			const api = await apiClient(fake);
			for (let i = 0; i < 3; i++) expect((await api.get('/api/sys/webhooks')).status).toBe(200);
			const throttled = await api.get('/api/sys/webhooks');
			expect(throttled.status).toBe(409);
			const retryAfter = Number(throttled.headers['retry-after']);
			expect(retryAfter).toBeGreaterThanOrEqual(59);
			expect(retryAfter).toBeLessThanOrEqual(60);
		});

		it('limits writes per minute separately and does not execute throttled writes', async () => {
			fake.setThrottle({ minIntervalMs: 0, perMinute: 100, writesPerMinute: 2 });
			const api = await apiClient(fake);
			expect((await api.post('/api/sys/webhooks', validHook())).status).toBe(200);
			expect((await api.post('/api/sys/webhooks', validHook())).status).toBe(200);
			expect((await api.post('/api/sys/webhooks', validHook())).status).toBe(409);
			expect((await api.delete(`/api/sys/webhooks/${FIRST_WEBHOOK_ID}`)).status).toBe(409);
			expect(fake.webhooks.size).toBe(2);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
			expect(fake.requests.filter((r) => r.status === 409)).toHaveLength(2);
		});

		it('never throttles the token endpoint', async () => {
			fake.setThrottle({ minIntervalMs: 10_000 });
			await login(fake);
			await login(fake);
			expect(fake.tokensIssued).toBe(2);
		});
	});

	describe('failures', () => {
		beforeEach(() => startFake());

		it('failNext answers the given status for the next /api/sys requests only', async () => {
			const api = await apiClient(fake);
			fake.failNext(2);
			for (let i = 0; i < 2; i++) {
				const answer = await api.get('/api/sys/webhooks');
				expect(answer.status).toBe(503);
				expect(typeof (answer.data as { Message: string }).Message).toBe('string');
			}
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
			fake.failNext(1, 500);
			await login(fake); // the token endpoint is not affected
			expect((await api.get('/api/sys/businesses')).status).toBe(500);
			expect((await api.get('/api/sys/businesses')).status).toBe(200);
		});

		it('setDown drops connections without an answer', async () => {
			const api = await apiClient(fake);
			fake.setDown(true);
			await expect(api.get('/api/sys/webhooks')).rejects.toMatchObject({
				code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE/),
			});
			expect(fake.requests[fake.requests.length - 1]).toMatchObject({
				path: '/api/sys/webhooks',
				status: 0,
			});
			fake.setDown(false);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
		});
	});

	describe('fire (deliveries)', () => {
		let receiver: WebhookReceiver;
		const b1 = FIRST_BUSINESS_ID;

		beforeEach(async () => {
			receiver = await WebhookReceiver.start();
		});
		afterEach(() => receiver.stop());

		it('POSTs the records as a signed JSON array to matching active webhooks only', async () => {
			await startFake();
			const target = fake.addWebHook({
				BusinessId: b1,
				Action: 3,
				Name: 'target',
				URL: `${receiver.url}/members?x=1`,
			});
			fake.addWebHook({
				BusinessId: b1,
				Action: 3,
				Name: 'inactive',
				URL: `${receiver.url}/inactive`,
				Active: false,
			});
			fake.addWebHook({
				BusinessId: b1,
				Action: 21,
				Name: 'other action',
				URL: `${receiver.url}/other`,
			});
			fake.addWebHook({
				BusinessId: b1 + 1,
				Action: 3,
				Name: 'other location',
				URL: `${receiver.url}/elsewhere`,
			});

			const results = await fake.fire(
				3,
				b1,
				{ Id: 7, FullName: 'Ada Lovelace' },
				{ secret: 's3cret' },
			);
			expect(results).toEqual([{ webHookId: target.Id, url: target.URL, status: 200, body: 'ok' }]);
			expect(receiver.received).toHaveLength(1);
			const [delivery] = receiver.received;
			expect(delivery.method).toBe('POST');
			expect(delivery.path).toBe('/members?x=1');
			expect(delivery.headers['content-type']).toBe('application/json');
			expect(delivery.rawBody).toBe('[{"Id":7,"FullName":"Ada Lovelace"}]');
			const expected = createHmac('sha256', 's3cret')
				.update(delivery.rawBody)
				.digest('hex')
				.toUpperCase();
			expect(delivery.headers['x-nexudus-hook-signature']).toBe(expected);
			expect(fake.webhooks.get(target.Id)).toMatchObject({
				ErrorCount: 0,
				LastError: null,
				LastTrigger: expect.stringMatching(ISO_SECONDS),
			});
		});

		it('signs with the constructor secret by default and sends arrays unchanged', async () => {
			await startFake({ webhookSecret: 'from-options' });
			fake.addWebHook({ BusinessId: b1, Action: 6, Name: 'bookings', URL: receiver.url });
			await fake.fire(6, b1, [{ Id: 1 }, { Id: 2 }]);
			const [delivery] = receiver.received;
			expect(JSON.parse(delivery.rawBody)).toEqual([{ Id: 1 }, { Id: 2 }]);
			const expected = createHmac('sha256', 'from-options')
				.update(delivery.rawBody)
				.digest('hex')
				.toUpperCase();
			expect(delivery.headers['x-nexudus-hook-signature']).toBe(expected);
		});

		it('sends no signature without a secret', async () => {
			await startFake();
			fake.addWebHook({ BusinessId: b1, Action: 6, Name: 'bookings', URL: receiver.url });
			await fake.fire(6, b1, { Id: 1 });
			expect(receiver.received[0].headers).not.toHaveProperty('x-nexudus-hook-signature');
		});

		it('counts failures, resets them on success and disables a webhook after 10 consecutive failures', async () => {
			await startFake();
			const hook = fake.addWebHook({ BusinessId: b1, Action: 3, Name: 'flaky', URL: receiver.url });
			receiver.respondWith(500, 'boom');
			for (let i = 0; i < 3; i++) await fake.fire(3, b1, { Id: i });
			expect(hook).toMatchObject({ ErrorCount: 3, LastError: 'HTTP 500: boom', Active: true });
			receiver.respondWith(204);
			await fake.fire(3, b1, { Id: 99 });
			expect(hook).toMatchObject({ ErrorCount: 0, LastError: null, Active: true });

			receiver.respondWith(500, 'x'.repeat(500));
			for (let i = 1; i <= 10; i++) {
				const [result] = await fake.fire(3, b1, { Id: i });
				expect(result.status).toBe(500);
				expect(hook.ErrorCount).toBe(i);
				expect(hook.Active).toBe(i < 10);
			}
			expect(hook.LastError).toBe(`HTTP 500: ${'x'.repeat(200)}`);
			expect(await fake.fire(3, b1, { Id: 11 })).toEqual([]);
			expect(receiver.received).toHaveLength(14);
		});

		it('reports network failures with status 0', async () => {
			await startFake();
			const closed = await WebhookReceiver.start();
			await closed.stop();
			const hook = fake.addWebHook({
				BusinessId: b1,
				Action: 3,
				Name: 'gone',
				URL: `${closed.url}/hook`,
			});
			const [result] = await fake.fire(3, b1, { Id: 1 });
			expect(result).toMatchObject({
				webHookId: hook.Id,
				status: 0,
				body: '',
				error: expect.stringContaining('ECONNREFUSED'),
			});
			expect(hook.ErrorCount).toBe(1);
			expect(hook.LastError).toMatch(/^Network error: /);
		});
	});

	describe('control endpoints', () => {
		beforeEach(() => startFake());

		it('fires, reports state, and changes behaviour without being recorded or throttled', async () => {
			const receiver = await WebhookReceiver.start();
			try {
				fake.setThrottle({ minIntervalMs: 60_000 });
				const control = client(fake);
				const hook = fake.addWebHook({
					BusinessId: FIRST_BUSINESS_ID,
					Action: 3,
					Name: 'hook',
					URL: receiver.url,
					Description: 'full',
				});

				const fired = await control.post('/__control/fire', {
					action: 3,
					businessId: FIRST_BUSINESS_ID,
					records: { Id: 5 },
					secret: 'abc',
				});
				expect(fired.status).toBe(200);
				expect(fired.data).toEqual([
					{ webHookId: hook.Id, url: receiver.url, status: 200, body: 'ok' },
				]);
				expect(receiver.received[0].headers['x-nexudus-hook-signature']).toBe(
					createHmac('sha256', 'abc').update('[{"Id":5}]').digest('hex').toUpperCase(),
				);
				expect((await control.post('/__control/fire', { action: 'x' })).status).toBe(400);

				const state = (await control.get('/__control/state')).data as {
					businesses: unknown[];
					webhooks: FakeWebHook[];
					tokensIssued: number;
					requestCount: number;
				};
				expect(state.businesses).toHaveLength(3);
				expect(state.webhooks).toEqual([
					expect.objectContaining({ Id: hook.Id, Description: 'full' }),
				]);
				expect(state).toMatchObject({ tokensIssued: 0, requestCount: 0 });
				expect(fake.requests).toHaveLength(0);

				expect((await control.post('/__control/disable', { id: hook.Id })).status).toBe(200);
				expect(hook).toMatchObject({ Active: false, ErrorCount: 10 });
				expect((await control.post('/__control/disable', { id: 1 })).status).toBe(404);
			} finally {
				await receiver.stop();
			}
		});

		it('expires tokens, fails requests, toggles settings, deletes behind the API and resets', async () => {
			const control = client(fake);
			const api = await apiClient(fake);
			const hook = fake.addWebHook({
				BusinessId: FIRST_BUSINESS_ID,
				Action: 3,
				Name: 'hook',
				URL: 'https://example.com/h',
			});

			await control.post('/__control/fail-next', { count: 1, status: 502 });
			expect((await api.get('/api/sys/webhooks')).status).toBe(502);

			await control.post('/__control/settings', { roles: ['WebHook-List'] });
			expect((await api.get(`/api/sys/webhooks/${hook.Id}`)).status).toBe(403);
			await control.post('/__control/settings', { roles: [...ALL_ROLES] });

			await control.post('/__control/settings', { down: true });
			await expect(api.get('/api/sys/webhooks')).rejects.toBeDefined();
			await control.post('/__control/settings', { down: false });

			expect((await control.delete(`/__control/webhooks/${hook.Id}`)).status).toBe(200);
			expect((await api.get(`/api/sys/webhooks/${hook.Id}`)).status).toBe(404);
			expect((await control.delete(`/__control/webhooks/${hook.Id}`)).status).toBe(404);

			await control.post('/__control/expire-tokens');
			expect((await api.get('/api/sys/webhooks')).status).toBe(401);

			fake.seedWebHooks(5);
			await control.post('/__control/reset');
			expect(fake.webhooks.size).toBe(0);
			expect(fake.requests).toHaveLength(0);
			expect(fake.tokensIssued).toBe(0);
			expect(fake.businesses).toHaveLength(3);
			expect((await control.get('/__control/nope')).status).toBe(404);
		});

		it('an outage answers every request, the token included, until it is ended; setOutage can pick methods', async () => {
			const control = client(fake);
			const api = await apiClient(fake);
			await control.post('/__control/settings', { outage: 503 });
			const during = [
				await api.get('/api/sys/webhooks'),
				await api.delete('/api/sys/webhooks/1'),
				await requestToken(fake, { grant_type: 'password', username: EMAIL, password: PASSWORD }),
			];
			expect(during.map((answer) => answer.status)).toEqual([503, 503, 503]);
			expect(during[0].data).toMatchObject({ Message: 'Simulated outage (HTTP 503).' });
			await control.post('/__control/settings', { outage: null });
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);

			fake.setOutage(502, ['delete']);
			expect((await api.delete('/api/sys/webhooks/1')).status).toBe(502);
			expect((await api.get('/api/sys/webhooks')).status).toBe(200);
			fake.reset();
			expect((await api.delete('/api/sys/webhooks/1')).status).toBe(404);
		});
	});
});
