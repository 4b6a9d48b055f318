import type { INodeParameters } from 'n8n-workflow';

import { findEntity } from '../../nodes/shared/catalogue';
import { EVENT_RECORDS } from '../../nodes/NexudusTrigger/eventRecords';
import { readablePathOf } from '../../nodes/NexudusTrigger/fullRecord';
import { NEXUDUS_EVENTS } from '../../nodes/shared/events';
import { FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { newCredential, TriggerHarness } from '../harness/n8n';
import { WebhookServer } from '../harness/webhookServer';

const COWORKER_CREATED = 3;
const BOOKING_DELETED = 8;
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

		// what a forger (or a partial serialisation) might send: only the Id is trusted
		await fake.fire(COWORKER_CREATED, locationId, [{ Id: stored.Id, FullName: 'Mallory' }]);

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
		await fake.fire(COWORKER_CREATED, locationId, [{ Id: 999999, FullName: 'Invented' }, {}]);

		expect(n8n.executions[0].items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				Id: 999999,
				FullName: 'Invented',
				recordSource: 'delivery: not found in Nexudus',
			}),
			expect.objectContaining({ recordSource: 'delivery: no Id' }),
		]);
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

		const [refused] = await fake.fire(COWORKER_CREATED, locationId, { Id: stored.Id });
		expect(refused.status).toBe(503);
		expect(n8n.executions).toHaveLength(0);

		fake.setOutage(null);
		const [accepted] = await fake.fire(COWORKER_CREATED, locationId, { Id: stored.Id });
		expect(accepted.status).toBe(200);
		expect(n8n.executions[0].items[0].json).toMatchObject({
			Id: stored.Id,
			recordSource: 'nexudus',
		});
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
		});
		expect(fake.requests.filter((request) => request.method === 'GET')).toEqual([]);
	});
});
