/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code reads n8n's logger */
import type { Logger } from '@n8n/backend-common';
import { createHmac } from 'crypto';
import { dirname } from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeWebHook } from '../fake-nexudus/server';
import { FakeNexudus, signPayload } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { deliveredRequest, newCredential, TriggerHarness } from '../harness/n8n';
import { WebhookServer } from '../harness/webhookServer';

const COWORKER_CREATED = 3;
const BOOKING_CREATED = 6;
const INVOICE_PAID = 21;
const SECRET = 'shared-hook-secret';

let fake: FakeNexudus;
let n8n: WebhookServer;
let credential: StoredCredential;
let locationId: number;
let webhookCounter = 0;
/** The trigger version newTrigger() places; 1 unless a describe block says otherwise. */
let typeVersion = 1;

beforeAll(async () => {
	fake = await FakeNexudus.start();
	n8n = await WebhookServer.start();
});

afterAll(async () => {
	await n8n.stop();
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	if (fake.businesses.length === 0) {
		fake.addBusiness('Downtown Hub');
		fake.addBusiness('Riverside Loft');
	}
	locationId = fake.businesses[0].Id;
	credential = newCredential(fake.url);
	n8n.executions.length = 0;
});

function triggerParameters(
	events: number[],
	options: INodeParameters = {},
	location = locationId,
): INodeParameters {
	return {
		location: { __rl: true, mode: 'list', value: String(location) },
		events,
		options,
	};
}

function newTrigger(events: number[], options: INodeParameters = {}) {
	const webhookId = `hook-${++webhookCounter}`;
	const trigger = new TriggerHarness({
		type: 'nexudusTrigger',
		typeVersion,
		parameters: triggerParameters(events, options),
		credential,
		webhookId,
		webhookBaseUrl: n8n.baseUrl,
		workflowId: 'wf-42',
		workflowName: 'Welcome new members',
	});
	n8n.route(webhookId, trigger);
	return { trigger, url: `${n8n.baseUrl}/webhook/${webhookId}/webhook` };
}

/** The key of the node's ids in static data: the stable path part of its URL. */
const stablePath = (nodeUrl: string) => new URL(nodeUrl).pathname;

const writeRequests = () => fake.requests.filter((request) => request.method !== 'GET');

/** Runs `during` and answers what the trigger logged through `this.logger` at warn level. */
async function warningsDuring(during: () => Promise<unknown>): Promise<string[]> {
	// n8n-core's own Logger instance: the one its contexts hand to nodes as `this.logger`
	const fromCore = (name: string) =>
		jest.requireActual<unknown>(
			require.resolve(name, { paths: [dirname(require.resolve('n8n-core'))] }),
		);
	const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
	const { Logger: CoreLogger } = fromCore('@n8n/backend-common') as { Logger: new () => Logger };
	const warn = jest.spyOn(Container.get(CoreLogger), 'warn').mockImplementation(() => undefined);
	try {
		await during();
		return warn.mock.calls.map(([message]) => String(message));
	} finally {
		warn.mockRestore();
	}
}

const recordsAt = (nodeUrl: string) =>
	[...fake.webhooks.values()].filter((hook) => hook.URL.startsWith(`${nodeUrl}?`));

const activeRecordsAt = (nodeUrl: string) => recordsAt(nodeUrl).filter((hook) => hook.Active);

/** At most one record per URL and action, whatever happened before. */
function expectNoDuplicates(nodeUrl: string) {
	const keys = recordsAt(nodeUrl).map((hook) => `${hook.URL}|${hook.Action}|${hook.BusinessId}`);
	expect(new Set(keys).size).toBe(keys.length);
}

const member = { Id: 501, FullName: 'Ada Lovelace', Email: 'ada@example.com' };

describe('activation', () => {
	test('creates exactly one active record per event, pointing at the node URL', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, INVOICE_PAID]);
		const { existed } = await trigger.activate();
		expect(existed).toBe(false);

		const records = activeRecordsAt(url);
		expect(records.map((hook) => [hook.Action, hook.URL, hook.BusinessId])).toEqual([
			[COWORKER_CREATED, `${url}?action=3`, locationId],
			[INVOICE_PAID, `${url}?action=21`, locationId],
		]);
		expect(records[0].Name).toBe('n8n: Welcome new members (#wf-42) – Coworker Created');
		expect(records[1].Name).toBe('n8n: Welcome new members (#wf-42) – Invoice Paid');
		expect(records[0].Description).toMatch(/n8n workflow Welcome new members \(#wf-42\)/);
		expect(trigger.staticData).toEqual({
			webHookIds: { [stablePath(url)]: [records[0].Id, records[1].Id] },
		});
		expect(await trigger.callWebhookMethod('checkExists')).toBe(true);
	});

	test('a fired event starts one execution with one item per record and the event named', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
		await trigger.activate();

		const second = { Id: 502, FullName: 'Grace Hopper', Email: 'grace@example.com' };
		const results = await fake.fire(COWORKER_CREATED, locationId, [member, second]);
		expect(results.map((result) => result.status)).toEqual([200]);
		expect(n8n.executions).toHaveLength(1);
		expect(n8n.executions[0].path).toBe(`${new URL(url).pathname}?action=3`);
		expect(n8n.executions[0].items.map((item) => item.json)).toEqual([
			{ ...member, event: 'Coworker Created', eventAction: 3, eventType: 'CoworkerCreate' },
			{ ...second, event: 'Coworker Created', eventAction: 3, eventType: 'CoworkerCreate' },
		]);

		await fake.fire(BOOKING_CREATED, locationId, { Id: 9, Resource: 'Room A' });
		expect(n8n.executions).toHaveLength(2);
		expect(n8n.executions[1].items.map((item) => item.json)).toEqual([
			{
				Id: 9,
				Resource: 'Room A',
				event: 'Booking Created',
				eventAction: 6,
				eventType: 'BookingCreate',
			},
		]);

		// events of other locations or not chosen start nothing
		await fake.fire(COWORKER_CREATED, fake.businesses[1].Id, member);
		await fake.fire(INVOICE_PAID, locationId, member);
		expect(n8n.executions).toHaveLength(2);
		const delivered = activeRecordsAt(url).find((hook) => hook.Action === COWORKER_CREATED)!;
		expect(delivered.LastTrigger).not.toBeNull();
		expect(delivered.ErrorCount).toBe(0);
	});
});

describe('deactivation and reactivation', () => {
	test('deactivate keeps the records switched off; activating again reuses them', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, INVOICE_PAID]);
		await trigger.activate();
		const before = recordsAt(url).map((hook) => ({ ...hook }));

		expect(await trigger.deactivate()).toBe(true);
		const after = recordsAt(url);
		expect(after.map((hook) => hook.Active)).toEqual([false, false]);
		expect(after.map(({ Id, Name, URL, Description }) => ({ Id, Name, URL, Description }))).toEqual(
			before.map(({ Id, Name, URL, Description }) => ({ Id, Name, URL, Description })),
		);
		expect(trigger.staticData).toEqual({ webHookIds: {} });

		await fake.fire(COWORKER_CREATED, locationId, member);
		expect(n8n.executions).toHaveLength(0);

		await trigger.activate();
		expect(recordsAt(url).map((hook) => [hook.Id, hook.Active])).toEqual(
			before.map((hook) => [hook.Id, true]),
		);
		await fake.fire(COWORKER_CREATED, locationId, member);
		expect(n8n.executions).toHaveLength(1);
	});

	test('with On Workflow Stop set to Delete, the records are gone', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED], { onStop: 'delete' });
		await trigger.activate();
		expect(recordsAt(url)).toHaveLength(2);
		await trigger.deactivate();
		expect(recordsAt(url)).toHaveLength(0);
		expect(fake.requests.filter((request) => request.method === 'DELETE')).toHaveLength(2);
	});

	test('50 activate/deactivate cycles never leave more than one record per URL and action', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
		for (let cycle = 0; cycle < 50; cycle++) {
			await trigger.activate();
			expect(activeRecordsAt(url)).toHaveLength(2);
			await trigger.deactivate();
			expect(activeRecordsAt(url)).toHaveLength(0);
		}
		expect(recordsAt(url)).toHaveLength(2);
		expectNoDuplicates(url);
	}, 120000);

	test('a record already gone when the workflow stops counts as done', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
		await trigger.activate();
		fake.webhooks.delete(recordsAt(url)[0].Id);
		expect(await trigger.deactivate()).toBe(true);
		expect(trigger.staticData).toEqual({ webHookIds: {} });
		expect(activeRecordsAt(url)).toHaveLength(0);
	});

	test.each([
		['unreachable', () => fake.setDown(true)],
		['answering 503 to everything', () => fake.setOutage(503)],
	])(
		'with Nexudus %s, stopping never throws: it logs, keeps the ids, and the next activation repairs',
		async (_state, breakNexudus) => {
			const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
			await trigger.activate();
			const ids = recordsAt(url).map((hook) => hook.Id);
			breakNexudus();
			let stopped: boolean | undefined;
			const warnings = await warningsDuring(async () => {
				stopped = await trigger.deactivate();
			}).finally(() => {
				fake.setDown(false);
				fake.setOutage(null);
			});
			expect(stopped).toBe(false);
			expect(warnings).toEqual(
				ids.map((id) =>
					expect.stringMatching(
						new RegExp(
							`^Nexudus Trigger: could not deactivate WebHook record ${id}: .+ Its id is kept`,
						),
					),
				),
			);
			const logged = warnings.join('\n');
			expect(logged).not.toContain(credential.data.password as string);
			expect(logged).not.toContain(credential.data.accessToken as string);
			expect(trigger.staticData).toEqual({ webHookIds: { [stablePath(url)]: ids } });
			expect(activeRecordsAt(url)).toHaveLength(2);

			// Nexudus is back: activating again ends with exactly one active record per event
			expect((await trigger.activate()).existed).toBe(true);
			expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual(ids);
			expect(await trigger.deactivate()).toBe(true);
			expect(activeRecordsAt(url)).toHaveLength(0);
			expect(trigger.staticData).toEqual({ webHookIds: {} });
		},
	);

	test('ids kept by a failed stop are retired by the next activation when no longer chosen', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED], { onStop: 'delete' });
		await trigger.activate();
		fake.setOutage(503);
		const warnings = await warningsDuring(async () => {
			expect(await trigger.deactivate()).toBe(false);
		}).finally(() => fake.setOutage(null));
		expect(warnings).toHaveLength(2);
		await trigger.activate({
			parameters: triggerParameters([INVOICE_PAID], { onStop: 'delete' }),
		});
		expect(recordsAt(url).map((hook) => [hook.Action, hook.Active])).toEqual([
			[INVOICE_PAID, true],
		]);
	});
});

describe('recovery', () => {
	test('lost static data: the records are found by URL and adopted, no duplicate', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, INVOICE_PAID]);
		await trigger.activate();
		const ids = recordsAt(url).map((hook) => hook.Id);
		trigger.forgetStaticData();

		// checkExists cannot say yes while n8n's note of the records is missing; create adopts them
		const { existed } = await trigger.activate();
		expect(existed).toBe(false);
		expect(recordsAt(url).map((hook) => hook.Id)).toEqual(ids);
		const creations = writeRequests().filter((request) => request.path === '/api/sys/webhooks');
		expect(creations.map((request) => request.method)).toEqual(['POST', 'POST']);
		expect(trigger.staticData).toEqual({ webHookIds: { [stablePath(url)]: ids } });

		// and after a stop with the ids lost, activation switches the same records back on
		await trigger.deactivate();
		trigger.forgetStaticData();
		await trigger.activate();
		expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual(ids);
		expect(
			fake.requests.filter(
				(request) => request.method === 'POST' && request.path === '/api/sys/webhooks',
			),
		).toHaveLength(2);
	});

	test('a record deleted in Nexudus is created again', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, INVOICE_PAID]);
		await trigger.activate();
		const [gone, kept] = recordsAt(url);
		fake.webhooks.delete(gone.Id);

		const { existed } = await trigger.activate();
		expect(existed).toBe(false);
		const records = activeRecordsAt(url);
		expect(records).toHaveLength(2);
		expect(records.map((hook) => hook.Action).sort((a, b) => a - b)).toEqual([3, 21]);
		expect(records.some((hook) => hook.Id === kept.Id)).toBe(true);
		expect(records.some((hook) => hook.Id === gone.Id)).toBe(false);
	});

	test('a record Nexudus disabled after 10 failed deliveries is switched back on, whole', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await trigger.activate();
		const [record] = recordsAt(url);
		// n8n was down: Nexudus counts the failed deliveries and disables the hook at 10
		n8n.unavailable = true;
		try {
			for (let attempt = 0; attempt < 10; attempt++)
				await fake.fire(COWORKER_CREATED, locationId, member);
		} finally {
			n8n.unavailable = false;
		}
		expect(fake.webhooks.get(record.Id)).toMatchObject({ Active: false, ErrorCount: 10 });

		fake.requests.length = 0;
		expect(await trigger.callWebhookMethod('checkExists')).toBe(false);
		expect(writeRequests()).toEqual([]);
		expect(fake.webhooks.get(record.Id)?.Active).toBe(false);
		await trigger.callWebhookMethod('create');
		expect(fake.webhooks.get(record.Id)).toMatchObject({
			Active: true,
			ErrorCount: 0,
			Description: record.Description,
			Name: record.Name,
		});
		await fake.fire(COWORKER_CREATED, locationId, member);
		expect(n8n.executions).toHaveLength(1);
	});

	test('duplicates made by hand: the lowest Id is kept, the others switched off, none deleted', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		const copies: FakeWebHook[] = [0, 1, 2].map((index) =>
			fake.addWebHook({
				BusinessId: locationId,
				Name: `copy ${index}`,
				Action: COWORKER_CREATED,
				URL: `${url}?action=3`,
				Active: true,
			}),
		);
		expect((await trigger.activate()).existed).toBe(false);
		expect(activeRecordsAt(url)).toHaveLength(1);
		expect(recordsAt(url)).toHaveLength(3);
		expect(fake.requests.some((request) => request.method === 'DELETE')).toBe(false);
		expect(activeRecordsAt(url)[0].Id).toBe(copies[0].Id);
	});

	test('changing the events retires the records of events no longer chosen', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
		await trigger.activate();
		await trigger.deactivate();

		await trigger.activate({ parameters: triggerParameters([BOOKING_CREATED, INVOICE_PAID]) });
		expect(activeRecordsAt(url).map((hook) => hook.Action)).toEqual([
			BOOKING_CREATED,
			INVOICE_PAID,
		]);
		expect(recordsAt(url).find((hook) => hook.Action === COWORKER_CREATED)?.Active).toBe(false);

		// changed while active, with the old ids lost: still one active record per chosen event
		trigger.forgetStaticData();
		await trigger.activate({ parameters: triggerParameters([COWORKER_CREATED]) });
		expect(activeRecordsAt(url).map((hook) => hook.Action)).toEqual([COWORKER_CREATED]);
		expectNoDuplicates(url);
	});

	test('changing the location registers there and retires the old location', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await trigger.activate();
		const other = fake.businesses[1].Id;
		await trigger.activate({ parameters: triggerParameters([COWORKER_CREATED], {}, other) });
		expect(activeRecordsAt(url).map((hook) => hook.BusinessId)).toEqual([other]);
		expect(recordsAt(url)).toHaveLength(2);
	});
});

describe('a Nexudus whose URL filter matches whole values only', () => {
	afterEach(() => fake.setTextFilterMatch('contains'));

	test('still adopts, reactivates and retires without duplicates', async () => {
		fake.setTextFilterMatch('equals');
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
		await trigger.activate();
		await trigger.deactivate();
		await trigger.activate();
		trigger.forgetStaticData();
		expect((await trigger.activate()).existed).toBe(false);
		expect(activeRecordsAt(url)).toHaveLength(2);
		expect((await trigger.activate()).existed).toBe(true);

		await trigger.activate({ parameters: triggerParameters([BOOKING_CREATED]) });
		expect(activeRecordsAt(url).map((hook) => hook.Action)).toEqual([BOOKING_CREATED]);
		expect(recordsAt(url)).toHaveLength(2);
		expectNoDuplicates(url);
	});
});

describe('test mode', () => {
	test('"Listen for test event" registers on the test URL and cleans up; production is untouched', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await trigger.activate();
		const testUrl = url.replace('/webhook/', '/webhook-test/');

		await trigger.activate({ isTest: true });
		expect(activeRecordsAt(testUrl)).toHaveLength(1);
		expect(activeRecordsAt(url)).toHaveLength(1);

		await trigger.deactivate({ isTest: true });
		expect(activeRecordsAt(testUrl)).toHaveLength(0);
		expect(activeRecordsAt(url)).toHaveLength(1);
		expect(Object.keys(trigger.staticData.webHookIds as IDataObject)).toEqual([stablePath(url)]);
	});
});

describe('activation failures', () => {
	test('bad credentials: a clear error and nothing registered', async () => {
		credential = newCredential(fake.url, { password: 'nope' });
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await expect(trigger.activate()).rejects.toThrow(
			'Nexudus login failed: the email or password is incorrect',
		);
		expect(recordsAt(url)).toHaveLength(0);
	});

	test('unreachable API: a clear error and nothing registered', async () => {
		credential = newCredential('http://127.0.0.1:1');
		const { trigger } = newTrigger([COWORKER_CREATED]);
		await expect(trigger.activate()).rejects.toThrow(/could not reach http:\/\/127\.0\.0\.1:1/);
	});

	test('a failure half-way removes the records created before it', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED, INVOICE_PAID]);
		await trigger.callWebhookMethod('checkExists');
		fake.requests.length = 0;
		// create: the URL search and one exact search per missing event pass, the first POST
		// passes, the second POST fails
		fake.failNext(1, 503, { after: 5 });
		let failure: Error & { description?: string } = new Error('activation did not fail');
		try {
			await trigger.callWebhookMethod('create');
		} catch (error) {
			failure = error as Error;
		}
		expect(failure.message).toBe(
			'Nexudus answered HTTP 503: Simulated failure (HTTP 503). Activation undid the 1 change it had made in Nexudus.',
		);
		expect(recordsAt(url)).toHaveLength(0);
		expect(trigger.staticData).toEqual({ webHookIds: {} });

		// n8n retries activation: it then succeeds with one record per event
		await trigger.activate();
		expect(activeRecordsAt(url)).toHaveLength(3);
	});
});

// Version 2 only spares n8n an expression per delivery: deliveries behave exactly as in version 1.
describe.each([1, 2])('deliveries to version %i', (version) => {
	beforeEach(() => {
		typeVersion = version;
	});
	afterAll(() => {
		typeVersion = 1;
	});

	const sign = (body: string, secret = SECRET) =>
		createHmac('sha256', secret).update(body).digest('hex').toUpperCase();

	async function post(url: string, body: string, headers: Record<string, string> = {}) {
		const response = await fetch(`${url}?action=3`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
		});
		return { status: response.status, body: (await response.json()) as IDataObject };
	}

	test('with a secret, a correctly signed delivery runs; a wrong or missing signature is refused', async () => {
		credential = newCredential(fake.url, { webhookSecret: SECRET });
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await trigger.activate();

		const [signed] = await fake.fire(COWORKER_CREATED, locationId, [member], { secret: SECRET });
		expect(signed.status).toBe(200);
		expect(n8n.executions).toHaveLength(1);

		const [wrong] = await fake.fire(COWORKER_CREATED, locationId, [member], { secret: 'other' });
		expect(wrong.status).toBe(401);
		const body = JSON.stringify([member]);
		expect((await post(url, body)).status).toBe(401);
		expect(
			(await post(url, body, { 'x-nexudus-hook-signature': sign(body).toLowerCase() })).status,
		).toBe(200);
		expect((await post(url, body, { 'x-nexudus-hook-signature': sign(`${body} `) })).status).toBe(
			401,
		);
		expect(n8n.executions).toHaveLength(2);
	});

	describe('non-ASCII text, signed the way Nexudus signs (ASCII-folded key and body)', () => {
		const records = {
			accents: { Id: 601, FullName: 'José Müller', Notes: 'Crème brûlée, Ångström' },
			euro: { Id: 602, Name: 'Day pass', Price: '€ 25,00', Currency: '€' },
			cjk: { Id: 603, Location: '東京オフィス', City: '東京' },
			emoji: { Id: 604, FullName: 'Zoë 🚀 Smith', Bio: 'Loves ☕ and 🐈' },
		};

		test.each(Object.entries(records))(
			'%s: a delivery signed by the fake Nexudus runs the workflow with the text as sent',
			async (_kind, record) => {
				credential = newCredential(fake.url, { webhookSecret: SECRET });
				const { trigger } = newTrigger([COWORKER_CREATED]);
				await trigger.activate();
				const body = JSON.stringify([record]);
				// the fake signs like Nexudus: not the HMAC of the UTF-8 body
				expect(signPayload(SECRET, body)).not.toBe(sign(body));

				const [delivery] = await fake.fire(COWORKER_CREATED, locationId, [record], {
					secret: SECRET,
				});
				expect(delivery.status).toBe(200);
				expect(n8n.executions).toHaveLength(1);
				expect(n8n.executions[0].items).toEqual([
					{
						json: {
							...record,
							event: 'Coworker Created',
							eventAction: 3,
							eventType: 'CoworkerCreate',
						},
					},
				]);
			},
		);

		test('an emoji folded to one ? per UTF-16 unit, or a raw-body HMAC, verifies too', async () => {
			credential = newCredential(fake.url, { webhookSecret: SECRET });
			const { trigger, url } = newTrigger([COWORKER_CREATED]);
			await trigger.activate();
			const body = JSON.stringify([records.emoji]);
			const perUnit = signPayload(SECRET, body, true);
			expect(perUnit).not.toBe(signPayload(SECRET, body));
			expect((await post(url, body, { 'x-nexudus-hook-signature': perUnit })).status).toBe(200);
			expect((await post(url, body, { 'x-nexudus-hook-signature': sign(body) })).status).toBe(200);
			expect(n8n.executions).toHaveLength(2);
		});

		test('a non-ASCII secret is folded the same way as the body', async () => {
			const secret = 'clé-secrète-€';
			credential = newCredential(fake.url, { webhookSecret: secret });
			const { trigger } = newTrigger([COWORKER_CREATED]);
			await trigger.activate();
			const [delivery] = await fake.fire(COWORKER_CREATED, locationId, [records.accents], {
				secret,
			});
			expect(delivery.status).toBe(200);
			expect(n8n.executions).toHaveLength(1);
		});

		test('with a wrong secret, non-ASCII deliveries are still refused and start nothing', async () => {
			credential = newCredential(fake.url, { webhookSecret: SECRET });
			const { trigger, url } = newTrigger([COWORKER_CREATED]);
			await trigger.activate();
			for (const record of Object.values(records)) {
				const [delivery] = await fake.fire(COWORKER_CREATED, locationId, [record], {
					secret: 'not-the-secret',
				});
				expect(delivery.status).toBe(401);
			}
			const body = JSON.stringify([records.cjk]);
			const forged = signPayload('not-the-secret', body, true);
			expect((await post(url, body, { 'x-nexudus-hook-signature': forged })).status).toBe(401);
			expect(n8n.executions).toHaveLength(0);
		});
	});

	test('a body shaped like n8n items stays data: no binary, no pairedItem from a delivery', async () => {
		const { trigger } = newTrigger([COWORKER_CREATED]);
		const forged = [
			{
				json: { Id: 1, FullName: 'Mallory' },
				binary: { data: { id: 'filesystem-v2:workflows/1/executions/1/binary_data/x' } },
				pairedItem: { item: 0 },
			},
			{ Id: 2, binary: { data: { data: 'aGVsbG8=', mimeType: 'text/plain' } } },
		];
		const { data } = await trigger.deliver({
			...deliveredRequest(JSON.stringify(forged)),
			query: { action: '3' },
		});
		const eventFields = { event: 'Coworker Created', eventAction: 3, eventType: 'CoworkerCreate' };
		expect(data.workflowData?.[0]).toEqual([
			{ json: { ...forged[0], ...eventFields } },
			{ json: { ...forged[1], ...eventFields } },
		]);
		for (const item of data.workflowData![0]) {
			expect(Object.keys(item)).toEqual(['json']);
		}
	});

	test('without a secret, deliveries are accepted; Verify Signature off accepts them too', async () => {
		const open = newTrigger([COWORKER_CREATED]);
		await open.trigger.activate();
		expect((await post(open.url, JSON.stringify([member]))).status).toBe(200);

		credential = newCredential(fake.url, { webhookSecret: SECRET });
		const unverified = newTrigger([COWORKER_CREATED], { verifySignature: false });
		await unverified.trigger.activate();
		expect((await post(unverified.url, JSON.stringify([member]))).status).toBe(200);
		expect(n8n.executions).toHaveLength(2);
	});

	test.each([
		['', 'The body is empty: Nexudus sends a JSON array of records'],
		['<xml/>', 'The body is not JSON: Nexudus sends a JSON array of records'],
		['[]', 'The body holds no records'],
		['[1, 2]', 'Every record in the body must be a JSON object'],
		['"text"', 'Every record in the body must be a JSON object'],
	])('a bad body %j is answered 400 and starts nothing', async (body, message) => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await trigger.activate();
		const answer = await post(url, body);
		expect(answer).toEqual({ status: 400, body: { message } });
		expect(n8n.executions).toHaveLength(0);
	});

	test('a delivery for an event the trigger no longer listens to starts nothing', async () => {
		const { trigger } = newTrigger([COWORKER_CREATED]);
		const { response, data } = await trigger.deliver({
			...deliveredRequest(JSON.stringify([member])),
			query: { action: '21' },
		});
		expect(data).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({
			message: 'Ignored: Invoice Paid is not chosen in this trigger',
		});
	});

	test('a single record sent as an object is one item', async () => {
		const { trigger } = newTrigger([COWORKER_CREATED]);
		const { data } = await trigger.deliver({
			...deliveredRequest(JSON.stringify(member)),
			query: { action: '3' },
		});
		expect(data.workflowData?.[0].map((item) => item.json)).toEqual([
			{ ...member, event: 'Coworker Created', eventAction: 3, eventType: 'CoworkerCreate' },
		]);
	});
});
