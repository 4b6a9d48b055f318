import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { FakeWebHook } from '../fake-nexudus/server';
import { ALL_ROLES, FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { executeNode, loadOptions, newCredential } from '../harness/n8n';

let fake: FakeNexudus;
let credential: StoredCredential;
let locationId: number;

beforeAll(async () => {
	fake = await FakeNexudus.start();
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	fake.setThrottle(false);
	if (fake.businesses.length === 0) fake.addBusiness('Downtown Hub');
	locationId = fake.businesses[0].Id;
	credential = newCredential(fake.url);
});

const webHook = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'webHook',
	operation,
	...parameters,
});

const createParameters = (overrides: INodeParameters = {}): INodeParameters =>
	webHook('create', {
		location: { __rl: true, mode: 'list', value: String(locationId) },
		name: 'New members to CRM',
		event: 3,
		url: 'https://hooks.example.com/members',
		additionalFields: {},
		...overrides,
	});

async function run(
	parameters: INodeParameters,
	items?: INodeExecutionData[],
	continueOnFail = false,
) {
	return await executeNode({ type: 'nexudus', parameters, credential, continueOnFail }, items);
}

async function runFailing(parameters: INodeParameters, items?: INodeExecutionData[]) {
	let caught: unknown;
	try {
		await run(parameters, items);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(Error);
	const error = caught as Error & { description?: string; context?: IDataObject };
	expectNoSecrets(error);
	return error;
}

/** Nothing a user sees may carry the password or a token. */
function expectNoSecrets(value: unknown) {
	const seen = JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) + String(value);
	expect(seen).not.toContain('correct-horse');
	const token = credential.data.accessToken as string;
	if (token) expect(seen).not.toContain(token);
}

const sysRequests = () => fake.requests.filter((request) => request.path.startsWith('/api/sys/'));

describe('Create', () => {
	test('creates an active webhook and returns the full record as Nexudus holds it', async () => {
		const [item] = await run(
			createParameters({ additionalFields: { description: 'Sends new members to the CRM' } }),
		);
		const stored = fake.webhooks.get(item.json.Id as number)!;
		expect(stored).toMatchObject({
			BusinessId: locationId,
			Name: 'New members to CRM',
			Action: 3,
			URL: 'https://hooks.example.com/members',
			Description: 'Sends new members to the CRM',
			Active: true,
		});
		expect(item.json).toEqual(JSON.parse(JSON.stringify(stored)));
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('a location given by ID and Active switched off are sent as given', async () => {
		const [item] = await run(
			createParameters({
				location: { __rl: true, mode: 'id', value: String(locationId) },
				additionalFields: { active: false },
			}),
		);
		expect(fake.webhooks.get(item.json.Id as number)?.Active).toBe(false);
	});

	test('an event given by an expression may be its API name or a numeric string', async () => {
		const [byName] = await run(createParameters({ event: 'CoworkerInvoicePaid' }));
		const [byText] = await run(createParameters({ event: ' 6 ' }));
		expect(fake.webhooks.get(byName.json.Id as number)?.Action).toBe(21);
		expect(fake.webhooks.get(byText.json.Id as number)?.Action).toBe(6);
	});

	test.each([
		[{ url: 'not a url' }, 'URL: "not a url" is not a valid URL'],
		[{ url: 'ftp://example.com/x' }, 'URL: "ftp://example.com/x" is not a valid URL'],
		[{ name: '   ' }, 'Name: must not be empty'],
		[{ event: 95 }, 'Event: "95" is not a Nexudus event (a number from 1 to 90'],
		[{ event: 'CoworkerMade' }, 'Event: "CoworkerMade" is not a Nexudus event'],
		[
			{ location: { __rl: true, mode: 'id', value: 'downtown' } },
			'Location: "downtown" is not a Nexudus ID',
		],
	])('bad input %j is refused before any request', async (overrides, message) => {
		const error = await runFailing(createParameters(overrides as INodeParameters));
		expect(error.message).toContain(message);
		expect(sysRequests()).toHaveLength(0);
	});

	test('Nexudus validation errors keep their PropertyName and Message', async () => {
		const error = await runFailing(
			createParameters({
				name: 'x'.repeat(300),
				location: { __rl: true, mode: 'id', value: '424242' },
			}),
		);
		expect(error.message).toMatch(/^Nexudus rejected the request: /);
		expect(error.message).toMatch(/BusinessId: /);
		expect(error.message).toMatch(/Name: /);
		expect(error.description).toMatch(/BusinessId: .+\nName: .+|Name: .+\nBusinessId: .+/);
		expect((error as unknown as { httpCode: string }).httpCode).toBe('400');
	});
});

describe('Get', () => {
	test('returns the full record, Description included', async () => {
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'Bookings',
			Action: 6,
			URL: 'https://hooks.example.com/bookings',
			Description: 'Bookings to Slack',
			Active: true,
		});
		const [item] = await run(webHook('get', { webHookId: String(hook.Id) }));
		expect(item.json).toEqual(JSON.parse(JSON.stringify(hook)));
	});

	test('an unknown Id says so', async () => {
		const error = await runFailing(webHook('get', { webHookId: '999' }));
		expect(error.message).toBe('No WebHook with Id 999');
	});

	test('a non-numeric Id is rejected before any request', async () => {
		const error = await runFailing(webHook('get', { webHookId: '12a' }));
		expect(error.message).toBe('WebHook ID: "12a" is not a Nexudus ID (a positive whole number)');
		expect(sysRequests()).toHaveLength(0);
	});
});

describe('Update', () => {
	test('changing only the Name keeps Description and Active', async () => {
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'Old name',
			Action: 21,
			URL: 'https://hooks.example.com/paid',
			Description: 'Paid invoices to the ledger',
			Active: true,
		});
		const [item] = await run(
			webHook('update', { webHookId: String(hook.Id), updateFields: { name: 'New name' } }),
		);
		const stored = fake.webhooks.get(hook.Id)!;
		expect(stored).toMatchObject({
			Name: 'New name',
			Description: 'Paid invoices to the ledger',
			Active: true,
			Action: 21,
			URL: 'https://hooks.example.com/paid',
			BusinessId: locationId,
		});
		expect(item.json).toEqual(JSON.parse(JSON.stringify(stored)));
		const put = fake.requests.find((request) => request.method === 'PUT');
		expect(put?.body).toMatchObject({
			Id: hook.Id,
			Description: 'Paid invoices to the ledger',
			Active: true,
		});
	});

	test('a field the form does not show (SystemId) is sent back and kept', async () => {
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'Paid invoices',
			Action: 21,
			URL: 'https://hooks.example.com/paid',
			SystemId: 'crm-77',
		});
		await run(webHook('update', { webHookId: String(hook.Id), updateFields: { active: false } }));
		expect(fake.webhooks.get(hook.Id)).toMatchObject({ Active: false, SystemId: 'crm-77' });
		const put = fake.requests.find((request) => request.method === 'PUT');
		expect(put?.body).toMatchObject({ Id: hook.Id, SystemId: 'crm-77', Name: 'Paid invoices' });
	});

	test('every field can change, including the location and the event', async () => {
		const other = fake.addBusiness('Riverside Loft');
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'A',
			Action: 3,
			URL: 'https://a.example.com',
			Active: true,
		});
		await run(
			webHook('update', {
				webHookId: String(hook.Id),
				updateFields: {
					locationId: other.Id,
					name: 'B',
					event: 50,
					url: 'https://b.example.com/x',
					description: 'now B',
					active: false,
				},
			}),
		);
		expect(fake.webhooks.get(hook.Id)).toMatchObject({
			BusinessId: other.Id,
			Name: 'B',
			Action: 50,
			URL: 'https://b.example.com/x',
			Description: 'now B',
			Active: false,
		});
	});

	test('no field to change is an error naming the field', async () => {
		const error = await runFailing(webHook('update', { webHookId: '1', updateFields: {} }));
		expect(error.message).toBe('Update Fields: add at least one field to change');
	});

	test('an unknown Id says so and changes nothing', async () => {
		const error = await runFailing(
			webHook('update', { webHookId: '424242', updateFields: { name: 'x' } }),
		);
		expect(error.message).toBe('No WebHook with Id 424242');
		expect(fake.requests.some((request) => request.method === 'PUT')).toBe(false);
	});
});

describe('Delete', () => {
	test('deletes the record', async () => {
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'A',
			Action: 3,
			URL: 'https://a.example.com',
		});
		const [item] = await run(webHook('delete', { webHookId: String(hook.Id) }));
		expect(item.json).toEqual({ Id: hook.Id, deleted: true });
		expect(fake.webhooks.has(hook.Id)).toBe(false);
		expect(fake.requests.find((request) => request.method === 'DELETE')?.path).toBe(
			`/api/sys/webhooks/${hook.Id}`,
		);
	});

	test('an unknown Id says so', async () => {
		const error = await runFailing(webHook('delete', { webHookId: '5' }));
		expect(error.message).toBe('No WebHook with Id 5');
	});
});

describe('Get Many', () => {
	const listRequests = () =>
		fake.requests.filter((request) => request.path === '/api/sys/webhooks');

	test('Return All reads every page of 1000 and returns one item per record', async () => {
		fake.seedWebHooks(2350, locationId);
		const items = await run(webHook('getAll', { returnAll: true }));
		expect(items).toHaveLength(2350);
		expect(new Set(items.map((item) => item.json.Id)).size).toBe(2350);
		expect(listRequests().map((request) => [request.query.page, request.query.size])).toEqual([
			['1', '1000'],
			['2', '1000'],
			['3', '1000'],
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(items[0].json).not.toHaveProperty('Description');
	});

	test('finds the trigger records Nexudus switched off or that keep failing, and switches them on', async () => {
		const trigger = (id: string, action: number) =>
			`https://n8n.example.com/webhook/${id}/webhook?action=${action}`;
		const add = (URL: string, fields: Partial<FakeWebHook>) =>
			fake.addWebHook({ BusinessId: locationId, Name: URL, Action: 3, URL, ...fields });
		const disabled = add(trigger('a', 3), {
			Active: false,
			ErrorCount: 10,
			LastError: 'HTTP 500: n8n down',
			LastTrigger: '2026-11-30T08:00:00Z',
		});
		add(trigger('b', 3), { Active: false, ErrorCount: 0 }); // switched off by n8n at stop
		const failing = add(trigger('c', 21), { Active: true, ErrorCount: 3, LastError: 'HTTP 503' });
		add('https://crm.example.com/hook', { Active: false, ErrorCount: 10 }); // not the trigger's
		fake.seedWebHooks(30, locationId);

		const silent = await run(
			webHook('getAll', {
				returnAll: true,
				filters: { active: false, errorCountFrom: 10, createdByTrigger: true },
			}),
		);
		expect(silent.map((item) => item.json)).toEqual([
			expect.objectContaining({
				Id: disabled.Id,
				Active: false,
				ErrorCount: 10,
				LastError: 'HTTP 500: n8n down',
				LastTrigger: '2026-11-30T08:00:00Z',
			}),
		]);
		const stillFailing = await run(
			webHook('getAll', {
				returnAll: false,
				limit: 1,
				filters: { active: true, errorCountFrom: 1, createdByTrigger: true },
			}),
		);
		expect(stillFailing.map((item) => item.json.Id)).toEqual([failing.Id]);
		const others = await run(
			webHook('getAll', { returnAll: true, filters: { createdByTrigger: false } }),
		);
		expect(others).toHaveLength(31);

		await run(
			webHook('update', { webHookId: String(disabled.Id), updateFields: { active: true } }),
		);
		expect(fake.webhooks.get(disabled.Id)).toMatchObject({ Active: true, URL: disabled.URL });
	});

	test('Limit fetches no more pages than it needs', async () => {
		fake.seedWebHooks(2350, locationId);
		expect(await run(webHook('getAll', { returnAll: false, limit: 50 }))).toHaveLength(50);
		expect(listRequests().map((request) => request.query.size)).toEqual(['50']);

		fake.requests.length = 0;
		expect(await run(webHook('getAll', { returnAll: false, limit: 1500 }))).toHaveLength(1500);
		expect(listRequests().map((request) => request.query.page)).toEqual(['1', '2']);
	});

	test('every filter and range filter reaches the query string', async () => {
		await run(
			webHook('getAll', {
				returnAll: true,
				filters: {
					locationId,
					name: 'CRM',
					event: 21,
					description: 'ledger',
					url: 'hooks.example.com',
					active: false,
					lastError: 'timeout',
					errorCount: 3,
					lastTrigger: '2025-01-15T10:30:00',
					errorCountFrom: 1,
					errorCountTo: 9,
					lastTriggerFrom: '2025-01-01',
					lastTriggerTo: '2025-01-31T23:59:59.000Z',
					createdFrom: '2024-06-01 08:15',
					createdTo: new Date(Date.UTC(2024, 11, 31, 18, 45)).toISOString(),
					updatedFrom: '2025-02-01T00:00:00+02:00',
					updatedTo: 'March 5, 2025 14:20 UTC',
				},
				sort: { orderBy: 'Name', direction: 1 },
			}),
		);
		expect(listRequests()[0].query).toEqual({
			page: '1',
			size: '1000',
			WebHook_Business: String(locationId),
			WebHook_Name: 'CRM',
			WebHook_Action: '21',
			WebHook_Description: 'ledger',
			WebHook_URL: 'hooks.example.com',
			WebHook_Active: 'false',
			WebHook_LastError: 'timeout',
			WebHook_ErrorCount: '3',
			WebHook_LastTrigger: '2025-01-15T10:30',
			from_WebHook_ErrorCount: '1',
			to_WebHook_ErrorCount: '9',
			from_WebHook_LastTrigger: '2025-01-01T00:00',
			to_WebHook_LastTrigger: '2025-01-31T23:59',
			from_WebHook_CreatedOn: '2024-06-01T08:15',
			to_WebHook_CreatedOn: '2024-12-31T18:45',
			// UpdatedOn is kept in UTC: the offset is converted, not dropped
			from_WebHook_UpdatedOn: '2025-01-31T22:00',
			to_WebHook_UpdatedOn: '2025-03-05T14:20',
			orderBy: 'Name',
			dir: '1',
		});
	});

	test('filters select the records Nexudus matches, sorted as asked', async () => {
		const other = fake.addBusiness('Harbour Works');
		fake.addWebHook({
			BusinessId: locationId,
			Name: 'b CRM',
			Action: 3,
			URL: 'https://a.example.com/1',
			Active: true,
		});
		fake.addWebHook({
			BusinessId: locationId,
			Name: 'a CRM',
			Action: 3,
			URL: 'https://a.example.com/2',
			Active: true,
		});
		fake.addWebHook({
			BusinessId: locationId,
			Name: 'c CRM',
			Action: 3,
			URL: 'https://a.example.com/3',
			Active: false,
		});
		fake.addWebHook({
			BusinessId: other.Id,
			Name: 'd CRM',
			Action: 3,
			URL: 'https://a.example.com/4',
			Active: true,
		});
		const items = await run(
			webHook('getAll', {
				returnAll: true,
				filters: { locationId, active: true, event: 3 },
				sort: { orderBy: 'Name', direction: 0 },
			}),
		);
		expect(items.map((item) => item.json.Name)).toEqual(['a CRM', 'b CRM']);
	});

	test('a date that is not a date names the filter', async () => {
		const error = await runFailing(
			webHook('getAll', { returnAll: true, filters: { createdFrom: 'yesterday-ish' } }),
		);
		expect(error.message).toBe(
			'Created From: "yesterday-ish" is not a date (use e.g. 2025-01-31T09:30)',
		);
		expect(sysRequests()).toHaveLength(0);
	});
});

describe('Locations', () => {
	test('the location list holds every location, across pages, sorted and searchable', async () => {
		for (let index = 0; index < 1200; index++)
			fake.addBusiness(`Space ${String(index).padStart(4, '0')}`);
		const listed = (await loadOptions(
			{ type: 'nexudus', parameters: webHook('create'), credential },
			'listSearch',
			'searchLocations',
		)) as { results: Array<{ name: string; value: string }> };
		expect(listed.results).toHaveLength(fake.businesses.length);
		expect(listed.results[0].name).toBe('Downtown Hub');

		const filtered = (await loadOptions(
			{ type: 'nexudus', parameters: webHook('create'), credential },
			'listSearch',
			'searchLocations',
			'space 0042',
		)) as { results: Array<{ name: string; value: string }> };
		expect(filtered.results).toEqual([
			{
				name: 'Space 0042',
				value: String(fake.businesses.find((b) => b.Name === 'Space 0042')!.Id),
			},
		]);

		const options = (await loadOptions(
			{ type: 'nexudus', parameters: webHook('getAll'), credential },
			'loadOptions',
			'getLocations',
		)) as Array<{ name: string; value: number }>;
		expect(options).toHaveLength(fake.businesses.length);
		expect(typeof options[0].value).toBe('number');
		fake.businesses.splice(1);
	});
});

describe('Token', () => {
	test('is fetched once and reused across executions', async () => {
		await run(webHook('getAll', { returnAll: false, limit: 1 }));
		await run(webHook('getAll', { returnAll: false, limit: 1 }));
		await run(createParameters());
		expect(fake.tokensIssued).toBe(1);
		expect(credential.preAuthenticationCalls).toBe(1);
		const token = fake.requests.find((request) => request.path === '/api/token');
		expect(token?.body).toMatchObject({ grant_type: 'password', username: 'admin@example.com' });
	});

	test('is fetched again when Nexudus answers 401, and the request goes through', async () => {
		await run(webHook('getAll', { returnAll: false, limit: 1 }));
		const first = credential.data.accessToken;
		fake.expireTokens();
		const items = await run(createParameters());
		expect(items[0].json.Id).toBeDefined();
		expect(fake.tokensIssued).toBe(2);
		expect(credential.data.accessToken).not.toBe(first);
		expect(fake.webhooks.size).toBe(1);
	});

	test('is fetched again after it expires', async () => {
		const shortLived = await FakeNexudus.start({ tokenTtlSeconds: 1 });
		try {
			shortLived.addBusiness('Downtown Hub');
			credential = newCredential(shortLived.url);
			await executeNode({
				type: 'nexudus',
				credential,
				parameters: webHook('getAll', { returnAll: true }),
			});
			await sleep(1300);
			await executeNode({
				type: 'nexudus',
				credential,
				parameters: webHook('getAll', { returnAll: true }),
			});
			expect(shortLived.tokensIssued).toBe(2);
		} finally {
			await shortLived.stop();
		}
	});
});

describe('Errors', () => {
	test('a wrong password says the login failed, without the password', async () => {
		credential = newCredential(fake.url, { password: 'wrong-horse' });
		const error = await runFailing(webHook('getAll', { returnAll: true }));
		expect(error.message).toBe('Nexudus login failed: the email or password is incorrect');
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('wrong-horse');
	});

	test('an unreachable API URL says so', async () => {
		credential = newCredential('http://127.0.0.1:1');
		const error = await runFailing(webHook('getAll', { returnAll: true }));
		expect(error.message).toMatch(
			/^Nexudus login failed: could not reach http:\/\/127\.0\.0\.1:1\/api\/token \(the connection was refused\)/,
		);
	});

	test('401 without API access explains what to switch on', async () => {
		fake.setApiAccess(false);
		try {
			const error = await runFailing(webHook('getAll', { returnAll: true }));
			expect(error.message).toBe(
				'Nexudus refused the request (401): the login failed or the user has no API access',
			);
			expect(error.description).toMatch(/API access/);
		} finally {
			fake.setApiAccess(true);
		}
	});

	test('403 names the missing role', async () => {
		fake.setRoles(['WebHook-List', 'WebHook-Read']);
		try {
			const error = await runFailing(createParameters());
			expect(error.message).toMatch(/^Nexudus denied access \(403\): .*WebHook-Create/);
			expect((error as Error & { description?: string }).description).toContain(
				'WebHook-List, WebHook-Read, WebHook-Create, WebHook-Edit, WebHook-Delete',
			);
		} finally {
			fake.setRoles([...ALL_ROLES]);
		}
	});

	test('409 waits for Retry-After and goes through', async () => {
		fake.setThrottle({ minIntervalMs: 1000 });
		await run(createParameters());
		const started = Date.now();
		await run(createParameters({ name: 'second' }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(fake.requests.some((request) => request.status === 409)).toBe(true);
		expect(fake.webhooks.size).toBe(2);
	});

	test('409 that never ends fails after a bounded number of retries with a rate-limit message', async () => {
		fake.failNext(100, 409);
		const error = await runFailing(webHook('get', { webHookId: '1' }));
		expect(error.message).toBe(
			'Nexudus rate limit reached: still throttled after 20 retries (HTTP 409)',
		);
		expect(sysRequests()).toHaveLength(21);
	}, 45000);

	test('5xx on a GET is retried a bounded number of times', async () => {
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'A',
			Action: 3,
			URL: 'https://a.example.com',
		});
		fake.failNext(2, 503);
		const [item] = await run(webHook('get', { webHookId: String(hook.Id) }));
		expect(item.json.Id).toBe(hook.Id);
		expect(sysRequests()).toHaveLength(3);

		fake.requests.length = 0;
		fake.failNext(10, 502);
		const error = await runFailing(webHook('get', { webHookId: String(hook.Id) }));
		expect(error.message).toMatch(/^Nexudus answered HTTP 502/);
		expect(sysRequests()).toHaveLength(4);
	});

	test('5xx on a write is not retried', async () => {
		fake.failNext(1, 500);
		const error = await runFailing(createParameters());
		expect(error.message).toMatch(/^Nexudus answered HTTP 500/);
		expect(
			fake.requests.filter(
				(request) => request.method === 'POST' && request.path === '/api/sys/webhooks',
			),
		).toHaveLength(1);
		expect(fake.webhooks.size).toBe(0);
	});

	test('a network failure on a GET is retried, then reported', async () => {
		await run(webHook('getAll', { returnAll: false, limit: 1 }));
		fake.setDown(true);
		try {
			const error = await runFailing(webHook('getAll', { returnAll: true }));
			expect(error.message).toMatch(
				/^Could not reach Nexudus at http:\/\/127\.0\.0\.1:\d+: the connection was closed unexpectedly$/,
			);
		} finally {
			fake.setDown(false);
		}
	});

	test('HTTP 200 with WasSuccessful false is an error', async () => {
		fake.failNext(1, 200);
		const error = await runFailing(createParameters());
		expect(error.message).toMatch(/^Nexudus rejected the request: /);
	});
});

describe('Items', () => {
	const items: INodeExecutionData[] = [
		{ json: { name: 'Good one', url: 'https://hooks.example.com/ok' } },
		{ json: { name: 'Bad URL', url: 'hooks.example.com/no-scheme' } },
		{ json: { name: '', url: 'https://hooks.example.com/ok' } },
		{ json: { name: 'Good two', url: 'https://hooks.example.com/ok2' } },
	];
	const perItem = () => createParameters({ name: '={{ $json.name }}', url: '={{ $json.url }}' });

	test('with Continue On Fail, each bad item reports its own field and the others succeed', async () => {
		const output = await run(perItem(), items, true);
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json.Name).toBe('Good one');
		expect(output[1].json).toEqual({
			error:
				'URL: "hooks.example.com/no-scheme" is not a valid URL (it must start with http:// or https://)',
		});
		expect(output[2].json).toEqual({ error: 'Name: must not be empty' });
		expect(output[3].json.Name).toBe('Good two');
		expect(fake.webhooks.size).toBe(2);
	});

	test('without it, the run stops at the first bad item and says which', async () => {
		const error = await runFailing(perItem(), items);
		expect(error.message).toMatch(/^URL: /);
		expect((error as unknown as { context: IDataObject }).context.itemIndex).toBe(1);
		expect(fake.webhooks.size).toBe(1);
	});
});
