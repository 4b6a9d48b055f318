/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line benchmark prints */
/**
 * Get Many with Return All over 10,000 records in the fake Nexudus, through n8n-core's real request
 * path, at Nexudus's real limits. Prints the number of requests (the floor is ceil(10000 / 1000) =
 * 10) and the time per 1,000 records.
 */
import { FakeNexudus } from '../fake-nexudus/server';
import { executeNode, newCredential } from '../harness/n8n';

const RECORDS = 10_000;
const RUNS = 3;

export async function benchGetManyReturnAll(): Promise<void> {
	const fake = await FakeNexudus.start();
	try {
		const location = fake.addBusiness('Benchmark Space');
		fake.seedWebHooks(RECORDS, location.Id);
		const credential = newCredential(fake.url);
		const parameters = { resource: 'webHook', operation: 'getAll', returnAll: true };

		for (let run = 1; run <= RUNS; run++) {
			fake.requests.length = 0;
			const started = process.hrtime.bigint();
			const items = await executeNode({ type: 'nexudus', credential, parameters });
			const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
			const listRequests = fake.requests.filter((request) => request.path === '/api/sys/webhooks');
			process.stdout.write(
				`${JSON.stringify({
					case: 'Get Many, Return All',
					run,
					records: items.length,
					requests: listRequests.length,
					floor: Math.ceil(RECORDS / 1000),
					tokenRequests: fake.requests.length - listRequests.length,
					totalMs: Math.round(milliseconds),
					msPer1000Records: Math.round((milliseconds / items.length) * 1000 * 10) / 10,
				})}\n`,
			);
			if (items.length !== RECORDS)
				throw new Error(`expected ${RECORDS} records, got ${items.length}`);
		}
	} finally {
		await fake.stop();
	}
}
