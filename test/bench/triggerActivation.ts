/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line benchmark prints */
/**
 * A Nexudus Trigger on All Locations activated in an account of 8 locations with 5 events: 40
 * records, at Nexudus's real limits, against the fake answering at once and with a 250 ms round
 * trip (a distant Nexudus). Prints the requests (reads, writes, the login) and the time next to
 * its floor: Nexudus's limits (120 a minute, 60 writes a minute) with each request taking the
 * round trip and the next one sent 100 ms after its answer (the transport's spacing: the only
 * moment n8n knows a request has reached Nexudus). The second activation finds them in place.
 */
import { NEXUDUS_RATE_LIMITS } from '../../nodes/shared/pacing';
import { FakeNexudus } from '../fake-nexudus/server';
import { newCredential, TriggerHarness } from '../harness/n8n';
import { floorMs } from './updates';

const LOCATIONS = [
	'Downtown',
	'Riverside',
	'Harbour',
	'Lakeside',
	'Old Mill',
	'Station',
	'Quay',
	'Market',
];
const EVENTS = [1, 2, 3, 6, 21];

const isLogin = (request: { path: string }) => request.path === '/api/token';
/** What Nexudus counts against 60 writes a minute: the login is neither a read nor a change. */
const isWrite = (request: { method: string; path: string }) =>
	request.method !== 'GET' && !isLogin(request);

async function activationCase(latencyMs: number): Promise<void> {
	const fake = await FakeNexudus.start();
	try {
		for (const name of LOCATIONS) fake.addBusiness(name);
		fake.setLatency(latencyMs);
		const trigger = new TriggerHarness({
			type: 'nexudusTrigger',
			typeVersion: 2,
			parameters: { locationMode: 'all', events: EVENTS, options: {} },
			credential: newCredential(fake.url),
			webhookId: 'bench-all-locations',
			workflowId: 'bench',
			workflowName: 'Every site',
		});
		for (const run of ['first activation', 'again, records in place']) {
			fake.requests.length = 0;
			const started = process.hrtime.bigint();
			await trigger.activate();
			const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
			const writes = fake.requests.map(isWrite);
			const limits = {
				...NEXUDUS_RATE_LIMITS,
				minIntervalMs: NEXUDUS_RATE_LIMITS.minIntervalMs + latencyMs,
			};
			process.stdout.write(
				`${JSON.stringify({
					case: `Trigger activation, All Locations, ${LOCATIONS.length} locations × ${EVENTS.length} events`,
					run,
					latencyMs,
					requests: fake.requests.length,
					reads: fake.requests.filter((request) => request.method === 'GET').length,
					writes: writes.filter(Boolean).length,
					logins: fake.requests.filter(isLogin).length,
					activeRecords: [...fake.webhooks.values()].filter((hook) => hook.Active).length,
					totalMs: Math.round(milliseconds),
					floorMs: Math.round(floorMs(writes, limits) + latencyMs),
				})}\n`,
			);
		}
	} finally {
		await fake.stop();
	}
}

export async function benchTriggerActivation(): Promise<void> {
	for (const latencyMs of [0, 250]) await activationCase(latencyMs);
}
