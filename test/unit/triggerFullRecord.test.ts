import { randomUUID } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';

import { findEntity } from '../../nodes/shared/catalogue';
import { EVENT_RECORDS } from '../../nodes/NexudusTrigger/eventRecords';
import {
	FULL_RECORD_DEADLINE_MS,
	MAX_RECORDS_READ,
	readablePathOf,
} from '../../nodes/NexudusTrigger/fullRecord';
import { setRateLimits } from '../../nodes/shared/pacing';
import { NEXUDUS_EVENTS } from '../../nodes/shared/events';
import { ALL_ROLES, FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { newCredential, TriggerHarness } from '../harness/n8n';
import { WebhookServer } from '../harness/webhookServer';

const COWORKER_CREATED = 3;
const BOOKING_DELETED = 8;
const BOOKING_CREATED = 6;
const BLOG_POST_CREATED = 4;
const ACCESS_CONTROL_UPDATED = 61;

const DELIVERABLE_EVENTS = NEXUDUS_EVENTS.filter((event) => event.apiName !== 'None');

describe('which record each event delivers', () => {
	test.each(DELIVERABLE_EVENTS.map((event) => [event.apiName, event] as const))(
		'%s is mapped to a record type of the catalogue, or said to have none',
		(_name, event) => {
			const mapped = EVENT_RECORDS[event.apiName];
			expect(mapped).toBeDefined();
			if (mapped.entity === undefined) {
				expect(readablePathOf(event)).toBeUndefined();
				return;
			}
			const entity = findEntity(mapped.entity);
			expect(entity?.verbs).toContain('get');
			expect(readablePathOf(event)).toBe(entity?.path);
			expect(mapped.deleted).toBe(/Delete(d)?$/.test(event.apiName));
		},
	);

	test('the mapping names no event that does not exist', () => {
		const known = new Set(DELIVERABLE_EVENTS.map((event) => event.apiName));
		expect(Object.keys(EVENT_RECORDS).filter((name) => !known.has(name))).toEqual([]);
	});

	test('the event numbers used below are the ones Nexudus documents', () => {
		const byValue = (value: number) => NEXUDUS_EVENTS.find((event) => event.value === value);
		expect(byValue(COWORKER_CREATED)?.apiName).toBe('CoworkerCreate');
		expect(byValue(BOOKING_DELETED)?.apiName).toBe('BookingDelete');
		expect(byValue(ACCESS_CONTROL_UPDATED)?.apiName).toBe('AccessControlUpdate');
	});
});

describe('Output: Full Record from Nexudus', () => {
	let fake: FakeNexudus;
	let n8n: WebhookServer;
	let credential: StoredCredential;
	let locationId: number;
	let hooks = 0;

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
		if (fake.businesses.length === 0) fake.addBusiness('Downtown Hub');
		locationId = fake.businesses[0].Id;
		credential = newCredential(fake.url);
		n8n.executions.length = 0;
	});

	async function activeTrigger(events: number[], options: INodeParameters) {
		const webhookId = `full-record-${++hooks}`;
		const trigger = new TriggerHarness({
			type: 'nexudusTrigger',
			typeVersion: 2,
			parameters: {
				location: { __rl: true, mode: 'list', value: String(locationId) },
				events,
				options,
			},
			credential,
			webhookId,
			webhookBaseUrl: n8n.baseUrl,
			workflowId: 'wf-7',
			workflowName: 'Full records',
		});
		n8n.route(webhookId, trigger);
		await trigger.activate();
		fake.requests.length = 0;
		return trigger;
	}

	const recordReads = () =>
		fake.requests.filter(
			(request) => request.method === 'GET' && request.path.startsWith('/api/spaces/'),
		);

	test('a delivered record is replaced by the whole record Nexudus holds', async () => {
		const [stored] = fake.seed('Coworker', [
			{ FullName: 'Ada Lovelace', Email: 'ada@example.com' },
		]);
		await activeTrigger([COWORKER_CREATED], { output: 'fullRecord' });

		// what a partial serialisation might send: only the Id and UniqueId are used
		await fake.fire(COWORKER_CREATED, locationId, [
			{ Id: stored.Id, UniqueId: stored.UniqueId, FullName: 'Mallory' },
		]);

		expect(n8n.executions).toHaveLength(1);
		const [item] = n8n.executions[0].items;
		expect(item.json).toMatchObject({
			Id: stored.Id,
			FullName: 'Ada Lovelace',
			Email: 'ada@example.com',
			event: 'Coworker Created',
			eventAction: COWORKER_CREATED,
			recordSource: 'nexudus',
		});
		expect(Object.keys(item.json).length).toBeGreaterThan(20);
		expect(recordReads().map((request) => request.path)).toEqual([
			`/api/spaces/coworkers/${stored.Id}`,
		]);
	});

	test('a record Nexudus does not have comes out as delivered and says so', async () => {
		await activeTrigger([COWORKER_CREATED], { output: 'fullRecord' });
		const [stored] = fake.seed('Coworker', 1);
		const invented = { Id: 999999, UniqueId: randomUUID(), FullName: 'Invented' };
		await fake.fire(COWORKER_CREATED, locationId, [
			invented,
			{},
			{ Id: stored.Id, FullName: 'Guessed' },
			{ Id: stored.Id, UniqueId: randomUUID(), FullName: 'Forged' },
		]);

		expect(n8n.executions[0].items.map((item) => item.json)).toEqual([
			expect.objectContaining({ ...invented, recordSource: 'delivery: not found in Nexudus' }),
			expect.objectContaining({ recordSource: 'delivery: no Id' }),
			expect.objectContaining({ FullName: 'Guessed', recordSource: 'delivery: no UniqueId' }),
			expect.objectContaining({
				FullName: 'Forged',
				recordSource: 'delivery: does not match Nexudus',
			}),
		]);
		// nothing read for a record without Id or UniqueId
		expect(recordReads()).toHaveLength(2);
	});

	test('delete events and events without a readable record type are not read again', async () => {
		await activeTrigger([BOOKING_DELETED, ACCESS_CONTROL_UPDATED], { output: 'fullRecord' });
		await fake.fire(BOOKING_DELETED, locationId, { Id: 77, ResourceName: 'Room A' });
		await fake.fire(ACCESS_CONTROL_UPDATED, locationId, { Id: 5 });

		expect(n8n.executions.map((execution) => execution.items[0].json.recordSource)).toEqual([
			'delivery: deleted event',
			'delivery: event has no readable record type',
		]);
		expect(fake.requests.filter((request) => request.method === 'GET')).toEqual([]);
	});

	test('when Nexudus cannot be read, the delivery is refused so Nexudus sends it again', async () => {
		const [stored] = fake.seed('Coworker', 1);
		await activeTrigger([COWORKER_CREATED], { output: 'fullRecord' });
		fake.setOutage(503, ['GET']);

		const delivered = { Id: stored.Id, UniqueId: stored.UniqueId };
		const [refused] = await fake.fire(COWORKER_CREATED, locationId, delivered);
		expect(refused.status).toBe(503);
		expect(n8n.executions).toHaveLength(0);

		fake.setOutage(null);
		const [accepted] = await fake.fire(COWORKER_CREATED, locationId, delivered);
		expect(accepted.status).toBe(200);
		expect(n8n.executions[0].items[0].json).toMatchObject({
			Id: stored.Id,
			recordSource: 'nexudus',
		});
	});

	test('a read Nexudus refuses for good is answered 200 with the record as delivered, marked', async () => {
		const [stored] = fake.seed('Coworker', 1);
		const delivered = { Id: stored.Id, UniqueId: stored.UniqueId, FullName: 'As sent' };
		await activeTrigger([COWORKER_CREATED, BLOG_POST_CREATED], { output: 'fullRecord' });

		fake.setRoles(ALL_ROLES.filter((role) => role !== 'Coworker-Read'));
		const [forbidden] = await fake.fire(COWORKER_CREATED, locationId, delivered);
		fake.setRoles([...ALL_ROLES]);
		fake.setApiAccess(false);
		const [unauthorised] = await fake.fire(COWORKER_CREATED, locationId, delivered);
		fake.setApiAccess(true);
		// the fake serves no BlogPost path: Nexudus's "No HTTP resource was found…"
		const [noPath] = await fake.fire(BLOG_POST_CREATED, locationId, {
			Id: 5,
			UniqueId: randomUUID(),
		});

		expect([forbidden, unauthorised, noPath].map((result) => result.status)).toEqual([
			200, 200, 200,
		]);
		expect(n8n.executions.map((execution) => execution.items[0].json.recordSource)).toEqual([
			'delivery: not readable (403)',
			'delivery: not readable (401)',
			'delivery: not readable (404)',
		]);
		expect(n8n.executions[0].items[0].json).toMatchObject(delivered);
	});

	test('throttled or failing reads are answered 503 within the deadline, not after Max Wait', async () => {
		const [stored] = fake.seed('Coworker', 1);
		await activeTrigger([COWORKER_CREATED], { output: 'fullRecord' });
		// Nexudus asks for a wait of up to a minute; the credential's Max Wait (120 s) would allow it
		fake.setThrottle({ perMinute: 1 });
		try {
			const started = performance.now();
			const [refused] = await fake.fire(COWORKER_CREATED, locationId, {
				Id: stored.Id,
				UniqueId: stored.UniqueId,
			});
			expect(refused.status).toBe(503);
			expect(performance.now() - started).toBeLessThan(FULL_RECORD_DEADLINE_MS + 1000);
			expect(n8n.executions).toHaveLength(0);
		} finally {
			fake.setThrottle(false);
			// forget the minute's hold the pacer took from Nexudus's answer
			setRateLimits({ minIntervalMs: 100 / 60, windowMs: 60_000 / 60 });
		}
	});

	test(`one delivery reads at most ${MAX_RECORDS_READ} records; the rest are marked`, async () => {
		const stored = fake.seed('Coworker', MAX_RECORDS_READ + 2);
		await activeTrigger([COWORKER_CREATED], { output: 'fullRecord' });
		const delivered = [
			...stored.map(({ Id, UniqueId }) => ({ Id, UniqueId })),
			...Array.from({ length: 988 }, (_, index) => ({ Id: index + 1, UniqueId: randomUUID() })),
		];
		await fake.fire(COWORKER_CREATED, locationId, delivered);
		const sources = n8n.executions[0].items.map((item) => item.json.recordSource);
		expect(sources).toHaveLength(1000);
		expect(sources.slice(0, MAX_RECORDS_READ)).toEqual(Array(MAX_RECORDS_READ).fill('nexudus'));
		expect(new Set(sources.slice(MAX_RECORDS_READ))).toEqual(
			new Set([`delivery: not read (more than ${MAX_RECORDS_READ} records)`]),
		);
		expect(recordReads()).toHaveLength(MAX_RECORDS_READ);
	});

	test('activation checks the read role of every chosen event with a readable record type', async () => {
		fake.setRoles(ALL_ROLES.filter((role) => role !== 'Booking-Read'));
		try {
			const failure = await activeTrigger([COWORKER_CREATED, BOOKING_CREATED], {
				output: 'fullRecord',
			}).then(
				() => undefined,
				(error: Error & { description?: string }) => error,
			);
			expect(failure?.message).toBe(
				'Output Full Record From Nexudus: the Nexudus user cannot read Booking records, which Booking Created delivers (403, role Booking-Read missing)',
			);
			expect(failure?.description).toMatch(/Booking-Read role, or set Output to As Delivered/);
			expect(fake.webhooks.size).toBe(0);
			// As Delivered needs no read role
			await activeTrigger([BOOKING_CREATED], {});
			expect(fake.webhooks.size).toBe(1);
		} finally {
			fake.setRoles([...ALL_ROLES]);
		}
	});

	test('As Delivered (the default) reads nothing and adds no recordSource', async () => {
		const [stored] = fake.seed('Coworker', 1);
		await activeTrigger([COWORKER_CREATED], {});
		await fake.fire(COWORKER_CREATED, locationId, { Id: stored.Id, FullName: 'As sent' });

		expect(n8n.executions[0].items[0].json).toEqual({
			Id: stored.Id,
			FullName: 'As sent',
			event: 'Coworker Created',
			eventAction: COWORKER_CREATED,
			eventType: 'CoworkerCreate',
			locationId,
		});
		expect(fake.requests.filter((request) => request.method === 'GET')).toEqual([]);
	});
});
