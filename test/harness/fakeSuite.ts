import { FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from './n8n';
import { newCredential } from './n8n';

export interface FakeSuite {
	fake: FakeNexudus;
	/** A fresh credential for the fake before each test. */
	credential: StoredCredential;
	locationId: number;
}

/**
 * One fake Nexudus with one location for a whole test file, reset (and unthrottled) before each
 * test. Read the fields inside tests: they are set in beforeAll / beforeEach.
 */
export function useFakeNexudus(): FakeSuite {
	const suite = {} as FakeSuite;
	beforeAll(async () => {
		suite.fake = await FakeNexudus.start();
		suite.locationId = suite.fake.addBusiness('Downtown Hub').Id;
	});
	afterAll(async () => {
		await suite.fake.stop();
	});
	beforeEach(() => {
		suite.fake.reset();
		suite.fake.setThrottle(false);
		suite.credential = newCredential(suite.fake.url);
	});
	return suite;
}
