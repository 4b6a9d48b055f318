import type { IDataObject, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import type { FakeBusiness } from '../fake-nexudus/server';
import { FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { newCredential, TriggerHarness } from '../harness/n8n';
import { keptByN8n } from '../harness/savedParameters';
import { WebhookServer } from '../harness/webhookServer';
import { NexudusTrigger } from '../../nodes/NexudusTrigger/NexudusTrigger.node';
import { parseLocationIds } from '../../nodes/shared/locations';
import { isTriggerRecordUrl } from '../../nodes/shared/webhooks';

/**
 * One trigger for one, several or all locations (issue 17): one record per (location, event),
 * `?action=N&location=ID` for Several and All Locations; One Location stays as saved before.
 */

const COWORKER_CREATED = 3;
const BOOKING_CREATED = 6;

let fake: FakeNexudus;
let n8n: WebhookServer;
let credential: StoredCredential;
let webhookCounter = 0;
let downtown: FakeBusiness;
let riverside: FakeBusiness;
let harbour: FakeBusiness;

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
	fake.businesses.length = 0;
	downtown = fake.addBusiness('Downtown Hub');
	riverside = fake.addBusiness('Riverside Loft');
	harbour = fake.addBusiness('Harbour Works');
	credential = newCredential(fake.url);
	n8n.executions.length = 0;
});

const several = (locations: NodeParameterValueType, events: number[]): INodeParameters => ({
	locationMode: 'several',
	locations,
	events,
	options: {},
});

const all = (events: number[], options: INodeParameters = {}): INodeParameters => ({
	locationMode: 'all',
	events,
	options,
});

/** Saved before issue 17: no Listen To, the Location picker as it was. */
const savedTheOldWay = (location: number, events: number[]): INodeParameters => ({
	location: { __rl: true, mode: 'list', value: String(location), cachedResultName: 'Downtown Hub' },
	events,
	options: {},
});

function newTrigger(parameters: INodeParameters) {
	const webhookId = `locations-${++webhookCounter}`;
	const setup = {
		type: 'nexudusTrigger',
		typeVersion: 2,
		parameters,
		credential,
		webhookId,
		webhookBaseUrl: n8n.baseUrl,
		workflowId: 'wf-17',
		workflowName: 'Every site',
	};
	const trigger = new TriggerHarness(setup);
	n8n.route(webhookId, trigger);
	/** The same node as seen by another n8n main: same URL, its own static data. */
	const otherMain = () => new TriggerHarness({ ...setup });
	return { trigger, url: `${n8n.baseUrl}/webhook/${webhookId}/webhook`, otherMain };
}

const recordsAt = (nodeUrl: string) =>
	[...fake.webhooks.values()]
		.filter((hook) => hook.URL.startsWith(`${nodeUrl}?`))
		.sort((a, b) => a.Id - b.Id);
const activeAt = (nodeUrl: string) => recordsAt(nodeUrl).filter((hook) => hook.Active);
/** [location, event, URL tail] of each active record, sorted. */
const activePairs = (nodeUrl: string) =>
	activeAt(nodeUrl)
		.map((hook) => [hook.BusinessId, hook.Action, hook.URL.slice(nodeUrl.length)] as const)
		.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
/** All Locations records end in `&locations=all`, so a health check knows what they cover. */
const expected = (locations: FakeBusiness[], events: number[], mode: 'all' | 'several') =>
	locations
		.flatMap((location) =>
			events.map(
				(event) =>
					[
						location.Id,
						event,
						`?action=${event}&location=${location.Id}${mode === 'all' ? '&locations=all' : ''}`,
					] as const,
			),
		)
		.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

function expectNoDuplicates(nodeUrl: string) {
	const keys = activeAt(nodeUrl).map((hook) => `${hook.BusinessId}|${hook.Action}`);
	expect(new Set(keys).size).toBe(keys.length);
}

const member = { Id: 501, FullName: 'Ada Lovelace' };

describe('Listen To: All Locations, 3 locations × 2 events', () => {
	test('one active record per (location, event), named, at ?action=N&location=ID', async () => {
		const { trigger, url } = newTrigger(all([COWORKER_CREATED, BOOKING_CREATED]));
		expect(await trigger.activate()).toEqual({ existed: false });

		expect(activePairs(url)).toEqual(
			expected([downtown, riverside, harbour], [COWORKER_CREATED, BOOKING_CREATED], 'all'),
		);
		expect(recordsAt(url)).toHaveLength(6);
		const names = activeAt(url).map((hook) => hook.Name);
		expect(names).toContain('n8n: Every site (#wf-17) – Coworker Created – Riverside Loft');
		expect(names).toContain('n8n: Every site (#wf-17) – Booking Created – Harbour Works');
		for (const hook of recordsAt(url)) expect(isTriggerRecordUrl(hook.URL)).toBe(true);
		expect(
			(trigger.staticData.webHookIds as Record<string, number[]>)[new URL(url).pathname],
		).toEqual(recordsAt(url).map((hook) => hook.Id));
		// n8n's next activation (or a restart on 1.x) finds everything in place and writes nothing
		expect(await trigger.callWebhookMethod('checkExists')).toBe(true);
		const writes = fake.requests.length;
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(fake.requests.slice(writes).filter((request) => request.method !== 'GET')).toEqual(
			fake.requests.slice(writes).filter((request) => request.path === '/api/token'),
		);
	});

	test('each delivery carries the locationId and name of the record it came through', async () => {
		const { trigger } = newTrigger(all([COWORKER_CREATED, BOOKING_CREATED]));
		await trigger.activate();

		for (const location of [downtown, riverside, harbour]) {
			const results = await fake.fire(COWORKER_CREATED, location.Id, member);
			expect(results.map((result) => result.status)).toEqual([200]);
		}
		await fake.fire(BOOKING_CREATED, riverside.Id, { Id: 9 });
		expect(n8n.executions.map((execution) => execution.items.map((item) => item.json))).toEqual([
			[{ ...member, ...coworkerCreated, locationId: downtown.Id, locationName: 'Downtown Hub' }],
			[{ ...member, ...coworkerCreated, locationId: riverside.Id, locationName: 'Riverside Loft' }],
			[{ ...member, ...coworkerCreated, locationId: harbour.Id, locationName: 'Harbour Works' }],
			[
				{
					Id: 9,
					event: 'Booking Created',
					eventAction: 6,
					eventType: 'BookingCreate',
					locationId: riverside.Id,
					locationName: 'Riverside Loft',
				},
			],
		]);
	});

	test('deactivation switches every record off; stop never throws, even when Nexudus is down', async () => {
		const { trigger, url } = newTrigger(all([COWORKER_CREATED, BOOKING_CREATED]));
		await trigger.activate();
		expect(await trigger.deactivate()).toBe(true);
		expect(activeAt(url)).toHaveLength(0);
		expect(recordsAt(url)).toHaveLength(6);

		await trigger.activate();
		expect(activeAt(url)).toHaveLength(6);
		expect(recordsAt(url)).toHaveLength(6);
		fake.setOutage(503);
		try {
			expect(await trigger.deactivate()).toBe(false);
		} finally {
			fake.setOutage(null);
		}
		// the ids are kept: the next stop switches them off
		expect(await trigger.deactivate()).toBe(true);
		expect(activeAt(url)).toHaveLength(0);
	});

	test('a location added later is registered by the next activation; one removed is left out', async () => {
		const { trigger, url } = newTrigger(all([COWORKER_CREATED, BOOKING_CREATED]));
		await trigger.activate();
		const before = recordsAt(url).map((hook) => hook.Id);

		const lakeside = fake.addBusiness('Lakeside Studio');
		// n8n 2.x never re-checks on its own: the next activation does
		expect(await trigger.callWebhookMethod('checkExists')).toBe(false);
		await trigger.activate();
		expect(activePairs(url)).toEqual(
			expected(
				[downtown, riverside, harbour, lakeside],
				[COWORKER_CREATED, BOOKING_CREATED],
				'all',
			),
		);
		expect(
			recordsAt(url)
				.map((hook) => hook.Id)
				.slice(0, 6),
		).toEqual(before);

		// a location gone from Nexudus: its records cannot deliver and cannot be saved; the rest holds
		fake.businesses.splice(fake.businesses.indexOf(riverside), 1);
		await trigger.activate();
		expect(activePairs(url).filter(([location]) => location !== riverside.Id)).toEqual(
			expected([downtown, harbour, lakeside], [COWORKER_CREATED, BOOKING_CREATED], 'all'),
		);
		expect(await trigger.callWebhookMethod('checkExists')).toBe(true);
		expectNoDuplicates(url);
	});

	test('one location’s create failing half-way: undo leaves nothing, the error names location and event', async () => {
		const parameters = all([COWORKER_CREATED, BOOKING_CREATED]);
		// a dry run on its own node counts the requests that come before the fourth create
		const dry = newTrigger(parameters);
		fake.requests.length = 0;
		await dry.trigger.callWebhookMethod('create');
		const sys = fake.requests.filter((request) => request.path.startsWith('/api/sys'));
		const creates = sys
			.map((request, index) => ({ request, index }))
			.filter(({ request }) => request.method === 'POST');
		expect(creates).toHaveLength(6);
		fake.webhooks.clear();

		const { trigger, url } = newTrigger(parameters);
		fake.failNext(1, 503, { after: creates[3].index });
		let failure: Error = new Error('activation did not fail');
		try {
			await trigger.callWebhookMethod('create');
		} catch (error) {
			failure = error as Error;
		}
		// locations by Id, events as chosen: the fourth is Booking Created at Riverside Loft
		expect(failure.message).toBe(
			`Could not create the WebHook record for Booking Created at location "Riverside Loft" (${riverside.Id}): ` +
				'Nexudus answered HTTP 503: Simulated failure (HTTP 503). Activation undid the 3 changes it had made in Nexudus.',
		);
		expect(recordsAt(url)).toHaveLength(0);
		expect(trigger.staticData.webHookIds).toEqual({});

		// n8n retries the activation: then every pair is registered once
		await trigger.activate();
		expect(activePairs(url)).toEqual(
			expected([downtown, riverside, harbour], [COWORKER_CREATED, BOOKING_CREATED], 'all'),
		);
	});
});

describe('two activations of the same All Locations trigger at once (several n8n mains)', () => {
	test.each(['deactivate', 'delete'])(
		'end with one active record per (location, event), the lowest Id (On Stop: %s)',
		async (onStop) => {
			const parameters = all([COWORKER_CREATED, BOOKING_CREATED], { onStop });
			const { trigger, url, otherMain } = newTrigger(parameters);
			const other = otherMain();
			await Promise.all([trigger.activate(), other.activate()]);

			expect(activePairs(url)).toEqual(
				expected([downtown, riverside, harbour], [COWORKER_CREATED, BOOKING_CREATED], 'all'),
			);
			if (onStop === 'delete') expect(recordsAt(url)).toEqual(activeAt(url));
			for (const hook of activeAt(url)) {
				const same = recordsAt(url).filter((record) => record.URL === hook.URL);
				expect(hook.Id).toBe(Math.min(...same.map((record) => record.Id)));
			}
			expect(other.staticData.webHookIds).toEqual(trigger.staticData.webHookIds);
			await fake.fire(BOOKING_CREATED, harbour.Id, { Id: 3 });
			expect(n8n.executions).toHaveLength(1);
			expect(n8n.executions[0].items[0].json.locationId).toBe(harbour.Id);
		},
	);
});

describe('8 locations × 5 events at Nexudus’s limits', () => {
	test('a first activation sends 40 creates and 45 reads: under 120 a minute, so never held a minute', async () => {
		for (const name of ['Lakeside', 'Old Mill', 'Station', 'Quay', 'Market'])
			fake.addBusiness(name);
		const { trigger, url } = newTrigger(all([1, 2, 3, 6, 21]));
		fake.requests.length = 0;
		await trigger.activate();
		const count = (method: string) =>
			fake.requests.filter((request) => request.method === method && request.path !== '/api/token')
				.length;
		expect(activeAt(url)).toHaveLength(40);
		expect([count('POST'), count('GET'), count('PUT'), count('DELETE')]).toEqual([40, 45, 0, 0]);

		// the next activation finds them in place: two reads (the locations, the records)
		fake.requests.length = 0;
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(fake.requests.filter((request) => request.path !== '/api/token')).toHaveLength(2);
	});
});

const coworkerCreated = { event: 'Coworker Created', eventAction: 3, eventType: 'CoworkerCreate' };

describe('Several Locations and All Locations are told apart by the records', () => {
	test('switching between them with the same locations moves every record to the new URL', async () => {
		const every = [downtown.Id, riverside.Id, harbour.Id];
		const { trigger, url } = newTrigger(several(every, [COWORKER_CREATED]));
		await trigger.activate();
		const chosen = recordsAt(url).map((hook) => hook.Id);

		await trigger.activate({ parameters: all([COWORKER_CREATED]) });
		expect(activePairs(url)).toEqual(
			expected([downtown, riverside, harbour], [COWORKER_CREATED], 'all'),
		);
		expect(chosen.map((id) => fake.webhooks.get(id)!.Active)).toEqual([false, false, false]);
		expectNoDuplicates(url);

		// and back: the Several Locations records are switched on again, nothing new is created
		await trigger.activate({ parameters: several(every, [COWORKER_CREATED]) });
		expect(activeAt(url).map((hook) => hook.Id)).toEqual(chosen);
		expect(recordsAt(url)).toHaveLength(6);
	});
});

describe('Listen To: Several Locations', () => {
	test('from the list, by ids or by an expression', async () => {
		for (const locations of [
			[downtown.Id, harbour.Id],
			[String(downtown.Id), String(harbour.Id)],
			`={{ "${downtown.Id}," + "${harbour.Id}" }}`,
		]) {
			const { trigger, url } = newTrigger(several(locations, [COWORKER_CREATED]));
			await trigger.activate();
			expect(activePairs(url)).toEqual(
				expected([downtown, harbour], [COWORKER_CREATED], 'several'),
			);
		}
	});

	test('changing the locations reuses the kept ones, registers the new, retires the old', async () => {
		const { trigger, url } = newTrigger(several([downtown.Id, riverside.Id], [COWORKER_CREATED]));
		await trigger.activate();
		const [atDowntown, atRiverside] = recordsAt(url);

		await trigger.activate({
			parameters: several([riverside.Id, harbour.Id], [COWORKER_CREATED, BOOKING_CREATED]),
		});
		expect(activePairs(url)).toEqual(
			expected([riverside, harbour], [COWORKER_CREATED, BOOKING_CREATED], 'several'),
		);
		expect(fake.webhooks.get(atDowntown.Id)!.Active).toBe(false);
		expect(fake.webhooks.get(atRiverside.Id)!.Active).toBe(true);
		expect(recordsAt(url)).toHaveLength(5);

		// a delivery through the retired record's URL (forged, or sent before it was switched off)
		const response = await fetch(`${url}?action=3&location=${downtown.Id}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify([member]),
		});
		expect(response.status).toBe(200);
		expect(((await response.json()) as IDataObject).message).toBe(
			`Ignored: location ${downtown.Id} is not chosen in this trigger`,
		);
		expect(n8n.executions).toHaveLength(0);
	});

	test('"Listen for test event" registers each location on the test URL; production untouched', async () => {
		const { trigger, url } = newTrigger(several([downtown.Id, harbour.Id], [COWORKER_CREATED]));
		await trigger.activate();
		const testUrl = url.replace('/webhook/', '/webhook-test/');
		await trigger.activate({ isTest: true });
		expect(activePairs(testUrl)).toEqual(
			expected([downtown, harbour], [COWORKER_CREATED], 'several'),
		);
		await trigger.deactivate({ isTest: true });
		expect(activeAt(testUrl)).toHaveLength(0);
		expect(activePairs(url)).toEqual(expected([downtown, harbour], [COWORKER_CREATED], 'several'));
	});

	test('On Workflow Stop = Delete: the records of a location no longer chosen are deleted', async () => {
		const options = { onStop: 'delete' };
		const { trigger, url } = newTrigger({
			...several([downtown.Id, riverside.Id], [COWORKER_CREATED]),
			options,
		});
		await trigger.activate();
		await trigger.activate({
			parameters: { ...several([riverside.Id], [COWORKER_CREATED]), options },
		});
		expect(recordsAt(url).map((hook) => hook.BusinessId)).toEqual([riverside.Id]);
		await trigger.deactivate();
		expect(recordsAt(url)).toHaveLength(0);
	});

	test('lost static data and a duplicate made by hand: adopted, lowest Id wins, never two', async () => {
		const { trigger, url } = newTrigger(several([downtown.Id, riverside.Id], [COWORKER_CREATED]));
		await trigger.activate();
		const first = recordsAt(url);
		fake.addWebHook({
			BusinessId: riverside.Id,
			Action: COWORKER_CREATED,
			URL: `${url}?action=3&location=${riverside.Id}`,
			Name: 'copy',
		});
		trigger.forgetStaticData();
		await trigger.activate();
		expect(activeAt(url).map((hook) => hook.Id)).toEqual(first.map((hook) => hook.Id));
		expect(recordsAt(url)).toHaveLength(3);
		expectNoDuplicates(url);
	});

	test('a delivery naming no location, or one not a number, starts nothing', async () => {
		const { trigger, url } = newTrigger(several([downtown.Id], [COWORKER_CREATED]));
		await trigger.activate();
		for (const [query, message] of [
			['?action=3', 'Ignored: the URL has no &location= naming the location'],
			['?action=3&location=x', 'Ignored: &location=x is not a location ID'],
			[
				`?action=3&location=${downtown.Id}&location=${downtown.Id}`,
				'Ignored: the URL gives &location= more than once',
			],
		]) {
			const response = await fetch(`${url}${query}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify([member]),
			});
			expect([response.status, ((await response.json()) as IDataObject).message]).toEqual([
				200,
				message,
			]);
		}
		expect(n8n.executions).toHaveLength(0);
	});

	test('bad choices are named errors before anything is written', async () => {
		for (const [locations, message] of [
			[[], 'Locations: choose at least one location'],
			['12;13', 'Locations: "12;13" is not a location ID'],
			[[987654], 'Locations: Nexudus has no location with ID 987654 in this account'],
		] as const) {
			const { trigger, url } = newTrigger(several(locations as NodeParameterValueType, [3]));
			await expect(trigger.activate()).rejects.toThrow(message);
			expect(recordsAt(url)).toHaveLength(0);
		}
	});

	test.each<[unknown, number[]]>([
		[5, [5]],
		['5', [5]],
		['5, 7,5', [5, 7]],
		[
			[5, '7', '8,9'],
			[5, 7, 8, 9],
		],
	])('location ids %j mean %j', (value, ids) => {
		expect(parseLocationIds(value)).toEqual({ ids });
	});
});

describe('a workflow saved with one location, before Listen To existed', () => {
	const description = new NexudusTrigger().description;

	test('n8n keeps its Location value and it means One Location', () => {
		const saved = savedTheOldWay(1234, [COWORKER_CREATED]);
		const kept = keptByN8n(description, saved, false);
		expect(kept.location).toEqual(saved.location);
		expect(kept.locationMode).toBeUndefined();
		expect(keptByN8n(description, saved, true).locationMode).toBe('one');
	});

	test('registers ?action=N at its location exactly as before; items name the location', async () => {
		const { trigger, url } = newTrigger(savedTheOldWay(downtown.Id, [COWORKER_CREATED]));
		await trigger.activate();
		expect(activeAt(url).map((hook) => [hook.BusinessId, hook.URL, hook.Name])).toEqual([
			[downtown.Id, `${url}?action=3`, 'n8n: Every site (#wf-17) – Coworker Created'],
		]);
		expect(Object.keys(trigger.staticData)).toEqual(['webHookIds']);
		// no request for the list of locations
		expect(fake.requests.some((request) => request.path === '/api/sys/businesses')).toBe(false);

		await fake.fire(COWORKER_CREATED, downtown.Id, member);
		await fake.fire(COWORKER_CREATED, riverside.Id, member);
		expect(n8n.executions.map((execution) => execution.items.map((item) => item.json))).toEqual([
			[{ ...member, ...coworkerCreated, locationId: downtown.Id, locationName: 'Downtown Hub' }],
		]);
	});

	test('a location given by ID: items carry its id, and no name', async () => {
		const { trigger } = newTrigger({
			...savedTheOldWay(downtown.Id, [COWORKER_CREATED]),
			location: { __rl: true, mode: 'id', value: String(downtown.Id) },
		});
		await trigger.activate();
		await fake.fire(COWORKER_CREATED, downtown.Id, member);
		expect(n8n.executions.map((execution) => execution.items.map((item) => item.json))).toEqual([
			[{ ...member, ...coworkerCreated, locationId: downtown.Id }],
		]);
	});

	test('a URL naming another location (a left-over Several Locations record) starts nothing', async () => {
		const { trigger, url } = newTrigger(savedTheOldWay(downtown.Id, [COWORKER_CREATED]));
		await trigger.activate();
		const post = async (query: string) => {
			const response = await fetch(`${url}${query}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify([member]),
			});
			return [response.status, ((await response.json()) as IDataObject).message];
		};
		expect(await post(`?action=3&location=${riverside.Id}`)).toEqual([
			200,
			`Ignored: location ${riverside.Id} is not chosen in this trigger`,
		]);
		expect(n8n.executions).toHaveLength(0);
		await post(`?action=3&location=${downtown.Id}`);
		expect(n8n.executions.map((execution) => execution.items.map((item) => item.json))).toEqual([
			[{ ...member, ...coworkerCreated, locationId: downtown.Id, locationName: 'Downtown Hub' }],
		]);
	});

	test('switched to Several Locations: the old records are retired, the new carry the location', async () => {
		const { trigger, url } = newTrigger(savedTheOldWay(downtown.Id, [COWORKER_CREATED]));
		await trigger.activate();
		const [old] = recordsAt(url);
		await trigger.activate({
			parameters: several([downtown.Id, riverside.Id], [COWORKER_CREATED]),
		});
		expect(activePairs(url)).toEqual(
			expected([downtown, riverside], [COWORKER_CREATED], 'several'),
		);
		expect(fake.webhooks.get(old.Id)!.Active).toBe(false);

		// and back: the ?action=N record is switched on again, the others off
		await trigger.activate({ parameters: savedTheOldWay(downtown.Id, [COWORKER_CREATED]) });
		expect(activeAt(url).map((hook) => hook.Id)).toEqual([old.Id]);
		expect(trigger.staticData.locationNames).toBeUndefined();
	});
});
