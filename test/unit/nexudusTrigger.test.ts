/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code reads n8n's logger */
import type { Logger } from '@n8n/backend-common';
import { createHmac } from 'crypto';
import { dirname } from 'path';
import type { IDataObject, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import type { FakeWebHook } from '../fake-nexudus/server';
import { FakeNexudus, signPayload } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { deliveredRequest, newCredential, TEST_INSTANCE_ID, TriggerHarness } from '../harness/n8n';
import { parseEvents } from '../../nodes/shared/events';
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
	events: NodeParameterValueType,
	options: INodeParameters = {},
	location = locationId,
): INodeParameters {
	return {
		// As the editor saves a location picked from the list: with the name it showed.
		location: {
			__rl: true,
			mode: 'list',
			value: String(location),
			cachedResultName: fake.businesses.find((business) => business.Id === location)?.Name,
		},
		events,
		options,
	};
}

function newTrigger(events: NodeParameterValueType, options: INodeParameters = {}) {
	const webhookId = `hook-${++webhookCounter}`;
	const setup = {
		type: 'nexudusTrigger',
		typeVersion,
		parameters: triggerParameters(events, options),
		credential,
		webhookId,
		webhookBaseUrl: n8n.baseUrl,
		workflowId: 'wf-42',
		workflowName: 'Welcome new members',
	};
	const trigger = new TriggerHarness(setup);
	n8n.route(webhookId, trigger);
	/** The same node as seen by another n8n main instance: same URL, its own static data. */
	const otherInstance = () => new TriggerHarness({ ...setup });
	return { trigger, url: `${n8n.baseUrl}/webhook/${webhookId}/webhook`, otherInstance };
}

/** The key of the node's ids in static data: the stable path part of its URL. */
const stablePath = (nodeUrl: string) => new URL(nodeUrl).pathname;

/** Requests that change something in Nexudus (logging in changes nothing). */
const writeRequests = () =>
	fake.requests.filter((request) => request.method !== 'GET' && request.path !== '/api/token');

/** Runs `during` and answers what the trigger logged through `this.logger` at warn level. */
async function warningsDuring(during: () => Promise<unknown>): Promise<string[]> {
	// n8n-core's own Logger instance: the one its contexts hand to nodes as `this.logger`
	const fromCore = (name: string) =>
		jest.requireActual<object>(
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
/** What every item of a One Location trigger says of its location. */
const atHub = () => ({ locationId, locationName: 'Downtown Hub' });

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
			{
				...member,
				event: 'Coworker Created',
				eventAction: 3,
				eventType: 'CoworkerCreate',
				...atHub(),
			},
			{
				...second,
				event: 'Coworker Created',
				eventAction: 3,
				eventType: 'CoworkerCreate',
				...atHub(),
			},
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
				...atHub(),
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

	test('switching records off and on keeps every field, SystemId included', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		await trigger.activate();
		const [record] = recordsAt(url);
		record.SystemId = 'door-system-9';
		await trigger.deactivate();
		expect(fake.webhooks.get(record.Id)).toMatchObject({
			Active: false,
			SystemId: 'door-system-9',
		});
		trigger.forgetStaticData();
		await trigger.activate();
		expect(fake.webhooks.get(record.Id)).toMatchObject({ Active: true, SystemId: 'door-system-9' });
		const puts = fake.requests.filter((request) => request.method === 'PUT');
		expect(puts).toHaveLength(2);
		for (const put of puts) expect(put.body).toMatchObject({ SystemId: 'door-system-9' });
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
							`^Nexudus Trigger: could not deactivate WebHook record ${id} \\(.*Nexudus.+\\)\\. Its id is kept`,
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

/** Every record whose URL has this node's stable path, on any host. */
const ownRecords = (nodeUrl: string) =>
	[...fake.webhooks.values()].filter((hook) => new URL(hook.URL).pathname === stablePath(nodeUrl));

/** A record this n8n instance registered (its Description names the instance), unless `fields` say otherwise. */
const addRecord = (url: string, action: number, fields: Partial<FakeWebHook> = {}) =>
	fake.addWebHook({
		BusinessId: locationId,
		Name: 'by hand',
		Action: action,
		URL: url,
		Description: `Registered by n8n instance ${TEST_INSTANCE_ID}.`,
		...fields,
	});

describe('checkExists only reads; create makes every change and undoes them all', () => {
	test('checkExists sends no write whatever needs repair; create repairs; then checkExists says yes', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED], { onStop: 'delete' });
		const path = stablePath(url);
		addRecord(`${url}?action=3`, COWORKER_CREATED, { Active: false }); // to switch back on
		addRecord(`${url}?action=3`, COWORKER_CREATED); // duplicate
		addRecord(`https://old.example.com${path}?action=6`, BOOKING_CREATED); // old host
		addRecord(`${url}?action=21`, INVOICE_PAID, { Active: false }); // no longer chosen

		fake.requests.length = 0;
		expect(await trigger.callWebhookMethod('checkExists')).toBe(false);
		expect(writeRequests()).toEqual([]);

		await trigger.callWebhookMethod('create');
		fake.requests.length = 0;
		expect(await trigger.callWebhookMethod('checkExists')).toBe(true);
		expect(writeRequests()).toEqual([]);
		expect(ownRecords(url).map((hook) => [hook.Action, hook.Active])).toEqual([
			[COWORKER_CREATED, true],
			[BOOKING_CREATED, true],
		]);
	});

	/**
	 * A record of this node left in a location that no longer exists cannot be switched off:
	 * Nexudus refuses the PUT ("BusinessId is not a valid location"), after create has already
	 * switched one record on, created another and switched a duplicate off.
	 */
	function halfRepairableNode() {
		const node = newTrigger([COWORKER_CREATED, BOOKING_CREATED]);
		const paused = addRecord(`${node.url}?action=3`, COWORKER_CREATED, { Active: false });
		const duplicate = addRecord(`${node.url}?action=3`, COWORKER_CREATED);
		const stuck = addRecord(`${node.url}?action=21`, INVOICE_PAID, { BusinessId: 999 });
		return { ...node, paused, duplicate, stuck };
	}

	const activationError = async (trigger: TriggerHarness) => {
		let failure: Error & { description?: string } = new Error('activation did not fail');
		try {
			await trigger.activate();
		} catch (error) {
			failure = error as Error;
		}
		return failure;
	};

	test('a failure after switching on, creating and switching off undoes all three', async () => {
		const { trigger, url, paused, duplicate, stuck } = halfRepairableNode();
		const before = ownRecords(url).map(({ Id, Active }) => [Id, Active]);

		const failure = await activationError(trigger);
		expect(failure.message).toMatch(
			/^Nexudus rejected the request: BusinessId: is not a valid location\. Activation undid the 3 changes it had made in Nexudus\.$/s,
		);
		const methods = writeRequests().map((request) => request.method);
		expect(methods).toEqual(['PUT', 'POST', 'PUT', 'PUT', 'PUT', 'DELETE', 'PUT']);
		expect(ownRecords(url).map(({ Id, Active }) => [Id, Active])).toEqual(before);
		expect(before).toEqual([
			[paused.Id, false],
			[duplicate.Id, true],
			[stuck.Id, true],
		]);
		expect(trigger.staticData).toEqual({ webHookIds: {} });
	});

	test('when the undo fails too, the message names what is left and the ids are kept', async () => {
		const { trigger, url, paused, duplicate, stuck } = halfRepairableNode();
		fake.setOutage(503, ['DELETE']);
		const failure = await activationError(trigger).finally(() => fake.setOutage(null));
		const created = ownRecords(url).find((hook) => hook.Action === BOOKING_CREATED)!;
		expect(failure.message).toMatch(
			new RegExp(
				` Activation undid 2 of the 3 changes it had made in Nexudus\\. Not undone: WebHook ${created.Id} \\(created by this activation, still active\\)\\.$`,
			),
		);
		expect(ownRecords(url).map(({ Id, Active }) => [Id, Active])).toEqual([
			[paused.Id, false],
			[duplicate.Id, true],
			[stuck.Id, true],
			[created.Id, true],
		]);
		expect(trigger.staticData).toEqual({ webHookIds: { [stablePath(url)]: [created.Id] } });

		// with the stuck record gone, the next activation adopts what was left
		fake.webhooks.delete(stuck.Id);
		await trigger.activate();
		expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual([paused.Id, created.Id]);
	});
});

describe('concurrent activations', () => {
	test.each(['deactivate', 'delete'])(
		'two n8n instances activating the same trigger at once end with one active record per event (On Stop: %s)',
		async (onStop) => {
			let creations = 0;
			for (let round = 0; round < 3; round++) {
				const { trigger, url, otherInstance } = newTrigger([COWORKER_CREATED, INVOICE_PAID], {
					onStop,
				});
				const other = otherInstance();
				fake.requests.length = 0;
				await Promise.all([trigger.activate(), other.activate()]);
				creations += writeRequests().filter((request) => request.method === 'POST').length;

				const active = activeRecordsAt(url);
				expect(active.map((hook) => hook.Action)).toEqual([COWORKER_CREATED, INVOICE_PAID]);
				if (onStop === 'delete') expect(recordsAt(url)).toEqual(active);
				// the lowest Id of each event won, and both instances hold exactly those
				for (const hook of active) {
					const sameEvent = recordsAt(url).filter((record) => record.Action === hook.Action);
					expect(hook.Id).toBe(Math.min(...sameEvent.map((record) => record.Id)));
				}
				const expected = { webHookIds: { [stablePath(url)]: active.map((hook) => hook.Id) } };
				expect(trigger.staticData).toEqual(expected);
				expect(other.staticData).toEqual(expected);

				await fake.fire(COWORKER_CREATED, locationId, member);
				const started = n8n.executions.filter((execution) =>
					execution.path.startsWith(`${stablePath(url)}?`),
				);
				expect(started).toHaveLength(1);
			}
			// the race happened: both instances created records before seeing each other's
			expect(creations).toBeGreaterThan(6);
		},
		60000,
	);
});

describe('records are recognised by the stable path of the webhook URL', () => {
	test('records on an old host (WEBHOOK_URL changed, http to https) are retired; the current host is registered', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		const path = stablePath(url);
		const oldHost = addRecord(`http://n8n.old.example.com${path}?action=3`, COWORKER_CREATED);
		const https = addRecord(`https://n8n.example.com/base${path}?action=3`, COWORKER_CREATED);
		const testUrl = addRecord(
			`https://n8n.example.com${path.replace('/webhook/', '/webhook-test/')}?action=3`,
			COWORKER_CREATED,
		);
		const otherNode = addRecord(
			`https://n8n.example.com/webhook/other-node/webhook?action=3`,
			COWORKER_CREATED,
		);
		const notOurs = addRecord(`https://n8n.example.com${path}?action=3&x=1`, COWORKER_CREATED);

		expect((await trigger.activate()).existed).toBe(false);
		const current = recordsAt(url);
		expect(current.map((hook) => [hook.URL, hook.Active])).toEqual([[`${url}?action=3`, true]]);
		expect([oldHost, https].map((hook) => fake.webhooks.get(hook.Id)?.Active)).toEqual([
			false,
			false,
		]);
		// test-mode, other nodes' and foreign records are left alone
		for (const hook of [testUrl, otherNode, notOurs]) {
			expect(fake.webhooks.get(hook.Id)?.Active).toBe(true);
		}
		expect(await trigger.callWebhookMethod('checkExists')).toBe(true);
	});

	test('ids stored by an earlier version under the full URL of an old host are still found and retired', async () => {
		fake.setTextFilterMatch('equals');
		try {
			const { trigger, url } = newTrigger([COWORKER_CREATED]);
			const oldUrl = `http://n8n.old.example.com${stablePath(url)}`;
			// earlier versions named no instance: the stored id says the record is this node's
			const old = addRecord(`${oldUrl}?action=3`, COWORKER_CREATED, { Description: null });
			trigger.workflowStaticData[`node:Nexudus Under Test`] = {
				webHookIds: { [oldUrl]: { 3: old.Id } },
			};
			await trigger.activate();
			expect(fake.webhooks.get(old.Id)?.Active).toBe(false);
			expect(activeRecordsAt(url)).toHaveLength(1);
			expect(trigger.staticData).toEqual({
				webHookIds: { [stablePath(url)]: [activeRecordsAt(url)[0].Id] },
			});
		} finally {
			fake.setTextFilterMatch('contains');
		}
	});
});

describe('a second n8n holding the same workflow (same webhookId, other host, other instance)', () => {
	const STAGING = 'staging-instance-9f8e';

	function twoInstances(options: INodeParameters = {}) {
		const { trigger: production, url } = newTrigger([COWORKER_CREATED, INVOICE_PAID], options);
		const webhookId = new URL(url).pathname.split('/')[2];
		const stagingBase = 'https://staging.example.com';
		const staging = new TriggerHarness({
			type: 'nexudusTrigger',
			typeVersion,
			parameters: triggerParameters([COWORKER_CREATED, INVOICE_PAID], options),
			credential,
			webhookId,
			webhookBaseUrl: stagingBase,
			workflowId: 'wf-7',
			workflowName: 'Welcome new members',
			instanceId: STAGING,
		});
		// the production trigger of newTrigger() answers the default instance id
		return {
			production,
			staging,
			url,
			stagingUrl: `${stagingBase}/webhook/${webhookId}/webhook`,
		};
	}

	test('records name the instance that registered them', async () => {
		const { production, url } = twoInstances();
		await production.activate();
		for (const record of recordsAt(url)) {
			expect(record.Description).toContain(`on n8n instance ${TEST_INSTANCE_ID}.`);
		}
	});

	test.each(['deactivate', 'delete'])(
		'On Stop %s: the second one registers its own records and never touches the first one’s',
		async (onStop) => {
			const { production, staging, url, stagingUrl } = twoInstances({ onStop });
			await production.activate();
			const productionIds = activeRecordsAt(url).map((hook) => hook.Id);

			const warnings = await warningsDuring(() => staging.activate());
			expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual(productionIds);
			expect(activeRecordsAt(stagingUrl).map((hook) => hook.Action)).toEqual([
				COWORKER_CREATED,
				INVOICE_PAID,
			]);
			expect(warnings).toHaveLength(1);
			for (const id of productionIds)
				expect(warnings[0]).toContain(`WebHook ${id} (${url}?action=`);
			expect(warnings[0]).toContain(`n8n instance ${TEST_INSTANCE_ID}`);
			expect(await staging.callWebhookMethod('checkExists')).toBe(true);

			expect(await staging.deactivate()).toBe(true);
			expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual(productionIds);
			expect(activeRecordsAt(stagingUrl)).toEqual([]);
			expect(await production.callWebhookMethod('checkExists')).toBe(true);

			// production, activated again, leaves staging's records alone too, and names them
			const stagingIds = recordsAt(stagingUrl).map((hook) => hook.Id);
			const again = await warningsDuring(() => production.activate());
			expect(again).toHaveLength(onStop === 'delete' ? 0 : 1);
			for (const id of stagingIds)
				expect(again[0]).toContain(`WebHook ${id} (${stagingUrl}?action=`);
			expect(recordsAt(stagingUrl).map((hook) => hook.Id)).toEqual(stagingIds);
			expect(await production.deactivate()).toBe(true);
			if (onStop === 'delete') expect(recordsAt(url)).toEqual([]);
			else expect(recordsAt(url).map((hook) => hook.Active)).toEqual([false, false]);
		},
	);

	test('static data imported with the workflow (production’s ids) adopts nothing and stops nothing', async () => {
		const { production, staging, url } = twoInstances({ onStop: 'delete' });
		await production.activate();
		const productionIds = activeRecordsAt(url).map((hook) => hook.Id);
		Object.assign(
			staging.workflowStaticData,
			JSON.parse(JSON.stringify(production.workflowStaticData)),
		);

		// stopped before it ever activated: the stored ids are read first and left alone
		const warnings = await warningsDuring(() => staging.deactivate());
		expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual(productionIds);
		expect(warnings.join('\n')).toMatch(/left alone 2 records/);

		Object.assign(
			staging.workflowStaticData,
			JSON.parse(JSON.stringify(production.workflowStaticData)),
		);
		await staging.activate();
		expect(activeRecordsAt(url).map((hook) => hook.Id)).toEqual(productionIds);
		expect(Object.values(staging.staticData.webHookIds as IDataObject).flat()).not.toContain(
			productionIds[0],
		);
	});

	test('an unnamed record on another host that static data does not hold is left alone and named', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		const foreign = addRecord(
			`https://elsewhere.example.com${stablePath(url)}?action=3`,
			COWORKER_CREATED,
			{
				Description: 'made by someone',
			},
		);
		const warnings = await warningsDuring(() => trigger.activate());
		expect(fake.webhooks.get(foreign.Id)?.Active).toBe(true);
		expect(warnings).toEqual([
			expect.stringContaining(`WebHook ${foreign.Id} (${foreign.URL}, no n8n instance named)`),
		]);
		expect(activeRecordsAt(url)).toHaveLength(1);
	});

	test('an older record at the current URL is adopted and from then on names this instance', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED]);
		const older = addRecord(`${url}?action=3`, COWORKER_CREATED, {
			Description: 'Created by the Nexudus Trigger of n8n workflow X (#1).',
			SystemId: 'kept',
		});
		await trigger.activate();
		expect(fake.webhooks.get(older.Id)).toMatchObject({
			Active: true,
			SystemId: 'kept',
			Description: `Created by the Nexudus Trigger of n8n workflow X (#1). Registered by n8n instance ${TEST_INSTANCE_ID}.`,
		});
		expect(recordsAt(url)).toHaveLength(1);
	});

	test('stopping re-reads each stored id: a record moved to another URL or instance stays on', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, INVOICE_PAID]);
		await trigger.activate();
		const [moved, claimed] = recordsAt(url);
		moved.URL = 'https://crm.example.com/hooks/members';
		claimed.Description = 'Registered by n8n instance some-other-n8n.';
		const warnings = await warningsDuring(() => trigger.deactivate());
		expect(fake.webhooks.get(moved.Id)?.Active).toBe(true);
		expect(fake.webhooks.get(claimed.Id)?.Active).toBe(true);
		expect(warnings.join('\n')).toMatch(/left alone 2 records/);
		expect(trigger.staticData).toEqual({ webHookIds: {} });
	});
});

describe('On Workflow Stop = Delete', () => {
	test('records retired while reconciling (events, location, duplicates, old host) are deleted', async () => {
		const { trigger, url } = newTrigger([COWORKER_CREATED, BOOKING_CREATED], { onStop: 'delete' });
		await trigger.activate();
		const [coworker] = activeRecordsAt(url);
		const duplicate = addRecord(`${url}?action=3`, COWORKER_CREATED);
		const oldHost = addRecord(`https://old.example.com${stablePath(url)}?action=21`, INVOICE_PAID, {
			Active: false,
		});

		await trigger.activate({
			parameters: triggerParameters([COWORKER_CREATED, INVOICE_PAID], { onStop: 'delete' }),
		});
		const kept = ownRecords(url);
		expect(kept.map((hook) => [hook.Action, hook.Active])).toEqual([
			[COWORKER_CREATED, true],
			[INVOICE_PAID, true],
		]);
		expect(kept[0].Id).toBe(coworker.Id);
		expect(fake.webhooks.has(duplicate.Id)).toBe(false);
		expect(fake.webhooks.has(oldHost.Id)).toBe(false);

		const other = fake.businesses[1].Id;
		await trigger.activate({
			parameters: triggerParameters([INVOICE_PAID], { onStop: 'delete' }, other),
		});
		expect(ownRecords(url).map((hook) => [hook.Action, hook.BusinessId, hook.Active])).toEqual([
			[INVOICE_PAID, other, true],
		]);
	});
});

describe('events given by an expression', () => {
	test.each<[unknown, number[]]>([
		[3, [3]],
		['3', [3]],
		['3,21', [3, 21]],
		[' 3 , 21, ', [3, 21]],
		['CoworkerCreate', [3]],
		['coworkerinvoicepaid', [21]],
		[
			['CoworkerCreate', '21', 6, '6,3'],
			[3, 21, 6],
		],
	])('%j means the events %j', (value, actions) => {
		expect(parseEvents(value)).toEqual({ actions });
	});

	test.each<[unknown, string]>([
		['Foo', '"Foo" is not a Nexudus event'],
		[0, '0 is not a Nexudus event'],
		[91, '91 is not a Nexudus event'],
		[2.5, '2.5 is not a Nexudus event'],
		['3;21', '"3;21" is not a Nexudus event'],
		[true, 'true is not a Nexudus event'],
		[{ id: 3 }, '{"id":3} is not a Nexudus event'],
		[null, 'null is not a Nexudus event'],
		[[[3]], '[3] is not a Nexudus event'],
		['', 'choose at least one event'],
		[[], 'choose at least one event'],
	])('%j is refused: %s', (value, problem) => {
		const parsed = parseEvents(value);
		expect('problem' in parsed && parsed.problem.startsWith(problem)).toBe(true);
	});

	test('an expression giving "3,21" registers both events, and deliveries are filtered with it', async () => {
		const { trigger, url } = newTrigger('={{ "3," + "21" }}');
		await trigger.activate();
		expect(activeRecordsAt(url).map((hook) => hook.Action)).toEqual([3, 21]);
		await fake.fire(INVOICE_PAID, locationId, member);
		expect(n8n.executions.map((execution) => execution.items[0].json.eventType)).toEqual([
			'CoworkerInvoicePaid',
		]);
		const { response } = await trigger.deliver({
			...deliveredRequest(JSON.stringify([member])),
			query: { action: '6' },
		});
		expect(response.body).toEqual({
			message: 'Ignored: Booking Created is not chosen in this trigger',
		});
	});

	test('an expression giving API names in an array works', async () => {
		const { trigger, url } = newTrigger('={{ ["CoworkerCreate", "BookingCreate"] }}');
		await trigger.activate();
		expect(activeRecordsAt(url).map((hook) => hook.Action)).toEqual([3, 6]);
	});

	test('anything else is a named error at activation and at delivery, never a TypeError', async () => {
		const { trigger, url } = newTrigger('={{ { events: 3 } }}');
		await expect(trigger.activate()).rejects.toThrow(
			'Events: {"events":3} is not a Nexudus event (give a number from 1 to 90 or an API name such as CoworkerCreate)',
		);
		expect(fake.requests.filter((request) => request.path !== '/api/token')).toEqual([]);
		expect(ownRecords(url)).toEqual([]);
		await expect(
			trigger.deliver({ ...deliveredRequest(JSON.stringify([member])), query: { action: '3' } }),
		).rejects.toThrow('Events: {"events":3} is not a Nexudus event');
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
			'Could not create the WebHook record for Booking Created at location ' +
				`${locationId}: Nexudus answered HTTP 503: Simulated failure (HTTP 503). Activation undid the 1 change it had made in Nexudus.`,
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
				// the fake signs like Nexudus: the HMAC of the text with each non-ASCII character as
				// '?', not of the UTF-8 body
				const folded = body.replace(/[\u0080-\u{10FFFF}]/gu, '?');
				expect(folded).not.toBe(body);
				expect(signPayload(SECRET, body)).toBe(sign(folded));
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
							...atHub(),
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
		const eventFields = {
			event: 'Coworker Created',
			eventAction: 3,
			eventType: 'CoworkerCreate',
			...atHub(),
		};
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

	test.each([
		['no ?action=', '', 'Ignored: the URL has no ?action= naming the event'],
		['an empty ?action=', '?action=', 'Ignored: the URL has no ?action= naming the event'],
		['?action= twice', '?action=3&action=3', 'Ignored: the URL gives ?action= more than once'],
		['an unknown event', '?action=999', 'Ignored: ?action=999 is not a Nexudus event'],
		['not a number', '?action=3x', 'Ignored: ?action=3x is not a Nexudus event'],
		['an event not chosen', '?action=21', 'Ignored: Invoice Paid is not chosen in this trigger'],
	])(
		'a delivery with %s is answered 200 "Ignored" and starts nothing',
		async (_case, query, message) => {
			credential = newCredential(fake.url, { webhookSecret: SECRET });
			const { trigger, url } = newTrigger([COWORKER_CREATED]);
			await trigger.activate();
			const body = JSON.stringify([member]);
			const response = await fetch(`${url}${query}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-nexudus-hook-signature': sign(body) },
				body,
			});
			expect({ status: response.status, body: await response.json() }).toEqual({
				status: 200,
				body: { message },
			});
			expect(n8n.executions).toHaveLength(0);
		},
	);

	test.each([
		['', 'The body is empty: Nexudus sends a JSON array of records'],
		['[]', 'The body holds no records'],
		['[1, 2]', 'Every record in the body must be a JSON object'],
	])(
		'a signed delivery with the unusable body %j is answered 200 "Ignored" and logged',
		async (body, problem) => {
			credential = newCredential(fake.url, { webhookSecret: SECRET });
			const { trigger, url } = newTrigger([COWORKER_CREATED]);
			await trigger.activate();
			let answer: Awaited<ReturnType<typeof post>> | undefined;
			const warnings = await warningsDuring(async () => {
				answer = await post(url, body, { 'x-nexudus-hook-signature': sign(body) });
			});
			expect(answer).toEqual({ status: 200, body: { message: `Ignored: ${problem}` } });
			expect(warnings).toEqual([
				`Nexudus Trigger: ignored a signed Coworker Created delivery: ${problem}`,
			]);
			expect(n8n.executions).toHaveLength(0);
		},
	);

	test('a refused signature is logged, missing or wrong, first per node then once a minute', async () => {
		credential = newCredential(fake.url, { webhookSecret: SECRET });
		const first = newTrigger([COWORKER_CREATED]);
		const second = newTrigger([COWORKER_CREATED]);
		await first.trigger.activate();
		await second.trigger.activate();
		const body = JSON.stringify([member]);
		const start = performance.now();
		const clock = jest.spyOn(performance, 'now').mockReturnValue(start);
		try {
			const missing = await warningsDuring(async () => {
				expect((await post(first.url, body)).status).toBe(401);
				expect((await post(first.url, body, { 'x-nexudus-hook-signature': 'AB12' })).status).toBe(
					401,
				);
			});
			expect(missing).toHaveLength(1);
			expect(missing[0]).toMatch(
				/^Nexudus Trigger: refused a delivery without the x-nexudus-hook-signature header/,
			);

			// another node logs its own first refusal; a wrong header is told apart from a missing one
			const wrong = await warningsDuring(async () => {
				const [refused] = await fake.fire(COWORKER_CREATED, locationId, [member], {
					secret: 'not-the-secret',
				});
				expect(refused.status).toBe(401);
			});
			expect(wrong).toHaveLength(1);
			expect(wrong[0]).toMatch(/header does not match the credential's Webhook Secret/);
			expect(wrong[0]).toMatch(/shared secret of the Nexudus app that created the webhook/);

			clock.mockReturnValue(start + 59_000);
			expect(await warningsDuring(() => post(first.url, body))).toHaveLength(0);
			clock.mockReturnValue(start + 61_000);
			const later = await warningsDuring(() => post(first.url, body));
			expect(later).toHaveLength(1);
			for (const warning of [...missing, ...wrong, ...later]) {
				expect(warning).not.toContain(SECRET);
				expect(warning).not.toContain('Ada Lovelace');
			}
		} finally {
			clock.mockRestore();
		}
		expect(n8n.executions).toHaveLength(0);
	});

	test('a single record sent as an object is one item', async () => {
		const { trigger } = newTrigger([COWORKER_CREATED]);
		const { data } = await trigger.deliver({
			...deliveredRequest(JSON.stringify(member)),
			query: { action: '3' },
		});
		expect(data.workflowData?.[0].map((item) => item.json)).toEqual([
			{
				...member,
				event: 'Coworker Created',
				eventAction: 3,
				eventType: 'CoworkerCreate',
				...atHub(),
			},
		]);
	});
});
