import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from './n8n';
import { executeNode, newCredential } from './n8n';

/**
 * One fake Nexudus for a test file, with a location and (optionally) its demo records, a fresh
 * credential and request log per test, and the Nexudus node run against it.
 */
export interface FakeSession {
	fake: FakeNexudus;
	credential: StoredCredential;
	locationId: number;
	run(parameters: INodeParameters): Promise<INodeExecutionData[]>;
	/** Runs the node expecting it to fail; the error it threw. */
	failure(parameters: INodeParameters): Promise<Error>;
	/** Requests the node made, the login left out. */
	apiRequests(): FakeNexudus['requests'];
}

export function useFakeNexudus(options: { demoRecords?: boolean } = {}): FakeSession {
	const session = {
		async run(parameters: INodeParameters) {
			return await executeNode({ type: 'nexudus', parameters, credential: session.credential });
		},
		async failure(parameters: INodeParameters) {
			try {
				await session.run(parameters);
			} catch (error) {
				return error as Error;
			}
			throw new Error('expected the node to fail');
		},
		apiRequests: () => session.fake.requests.filter((request) => !request.path.includes('/token')),
	} as FakeSession;

	beforeAll(async () => {
		session.fake = await FakeNexudus.start();
		session.locationId = session.fake.addBusiness('Downtown Hub').Id;
		// Customers, resources, plans, products... for the ids that required fields point at.
		if (options.demoRecords) session.fake.seedEntities();
	});

	afterAll(async () => {
		await session.fake.stop();
	});

	beforeEach(() => {
		session.fake.reset();
		session.fake.setThrottle(false);
		session.credential = newCredential(session.fake.url);
	});

	return session;
}
