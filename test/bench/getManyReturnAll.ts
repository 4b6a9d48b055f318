/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line benchmark prints */
/**
 * Get Many with Return All over 10,000 records in the fake Nexudus, through n8n-core's real request
 * path, at Nexudus's real limits: for WebHook (its own operation code) and for Customer (a
 * catalogue-driven resource, whose list rows the fake serves partial, as Nexudus does). Prints the
 * number of list requests next to the floor, ceil(10000 / 1000) = 10 pages of 1,000, and the time
 * next to its floor, the pacing alone: 9 gaps of Nexudus's 100 ms between requests.
 */
import { NEXUDUS_RATE_LIMITS } from '../../nodes/shared/pacing';
import { FakeNexudus } from '../fake-nexudus/server';
import { executeNode, newCredential } from '../harness/n8n';

const RECORDS = 10_000;
const RUNS = 3;

interface ReturnAllCase {
	name: string;
	resource: string;
	/** The list path whose requests are counted. */
	listPath: string;
	seed(fake: FakeNexudus, locationId: number): void;
}

const CASES: ReturnAllCase[] = [
	{
		name: 'Get Many, Return All: WebHooks',
		resource: 'webHook',
		listPath: '/api/sys/webhooks',
		seed: (fake, locationId) => fake.seedWebHooks(RECORDS, locationId),
	},
	{
		name: 'Get Many, Return All: Customers (a non-WebHook resource)',
		resource: 'customer',
		listPath: '/api/spaces/coworkers',
		seed: (fake, locationId) => fake.seed('Coworker', RECORDS, locationId),
	},
];

async function benchCase(benchmark: ReturnAllCase): Promise<void> {
	const fake = await FakeNexudus.start();
	try {
		const location = fake.addBusiness('Benchmark Space');
		benchmark.seed(fake, location.Id);
		const credential = newCredential(fake.url);
		const parameters = { resource: benchmark.resource, operation: 'getAll', returnAll: true };
		const floor = Math.ceil(RECORDS / 1000);

		for (let run = 1; run <= RUNS; run++) {
			fake.requests.length = 0;
			const started = process.hrtime.bigint();
			const items = await executeNode({ type: 'nexudus', credential, parameters });
			const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
			const listRequests = fake.requests.filter((request) => request.path === benchmark.listPath);
			process.stdout.write(
				`${JSON.stringify({
					case: benchmark.name,
					run,
					records: items.length,
					requests: listRequests.length,
					floor,
					tokenRequests: fake.requests.length - listRequests.length,
					totalMs: Math.round(milliseconds),
					floorMs: (floor - 1) * NEXUDUS_RATE_LIMITS.minIntervalMs,
					msPer1000Records: Math.round((milliseconds / items.length) * 1000 * 10) / 10,
				})}\n`,
			);
			if (items.length !== RECORDS)
				throw new Error(`${benchmark.name}: expected ${RECORDS} records, got ${items.length}`);
		}
	} finally {
		await fake.stop();
	}
}

export async function benchGetManyReturnAll(): Promise<void> {
	for (const benchmark of CASES) await benchCase(benchmark);
}
