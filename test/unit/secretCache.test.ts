/**
 * The trigger's in-memory webhook secret: primed at activation, used for deliveries for at most
 * SECRET_TTL_MS, dropped at deactivation, read from the credential whenever this process holds
 * no fresh copy. Deliveries go through n8n-core's real WebhookContext and HookContext.
 */
import { createHmac } from 'crypto';
import type { INodeParameters, IWebhookFunctions } from 'n8n-workflow';

import { SECRET_TTL_MS, webhookSecret } from '../../nodes/NexudusTrigger/secretCache';
import { FakeNexudus } from '../fake-nexudus/server';
import type { StoredCredential } from '../harness/n8n';
import { deliveredRequest, newCredential, TriggerHarness } from '../harness/n8n';

const COWORKER_CREATED = 3;
const OLD_SECRET = 'secret-before-the-edit';
const NEW_SECRET = 'secret-after-the-edit';
const body = JSON.stringify([{ Id: 501, FullName: 'Ada Lovelace' }]);
const sign = (secret: string) =>
	createHmac('sha256', secret).update(body).digest('hex').toUpperCase();

let fake: FakeNexudus;
let credential: StoredCredential;
/** How far this test has moved the monotonic clock ahead (the one the cache measures by). */
let offset: number;
/** How far this test has moved the wall clock (Date.now). */
let wallOffset: number;
let hookCounter = 0;

beforeAll(async () => {
	fake = await FakeNexudus.start();
});

afterAll(async () => {
	await fake.stop();
});

beforeEach(() => {
	fake.reset();
	if (fake.businesses.length === 0) fake.addBusiness('Downtown Hub');
	credential = newCredential(fake.url, { webhookSecret: OLD_SECRET });
	offset = 0;
	wallOffset = 0;
	const realNow = performance.now.bind(performance);
	jest.spyOn(performance, 'now').mockImplementation(() => realNow() + offset);
	const realWallNow = Date.now.bind(Date);
	jest.spyOn(Date, 'now').mockImplementation(() => realWallNow() + wallOffset);
});

afterEach(() => {
	jest.restoreAllMocks();
});

function newTrigger(options: INodeParameters = {}, stored = credential) {
	return new TriggerHarness({
		type: 'nexudusTrigger',
		typeVersion: 2,
		parameters: {
			location: { __rl: true, mode: 'id', value: String(fake.businesses[0].Id) },
			events: [COWORKER_CREATED],
			options,
		},
		credential: stored,
		webhookId: `secret-hook-${++hookCounter}`,
	});
}

/** Delivers the body signed with `secret`; the HTTP status the trigger answered. */
async function deliverSignedWith(trigger: TriggerHarness, secret: string): Promise<number> {
	const { response, data } = await trigger.deliver({
		...deliveredRequest(body, { 'x-nexudus-hook-signature': sign(secret) }),
		query: { action: String(COWORKER_CREATED) },
	});
	if (data.noWebhookResponse) return response.statusCode;
	expect(data.workflowData?.[0]).toHaveLength(1);
	return 200;
}

/** How many times `act` read the credential. */
async function credentialReadsDuring(act: () => Promise<unknown>): Promise<number> {
	const before = credential.reads;
	await act();
	return credential.reads - before;
}

test('activation primes the secret: deliveries within the TTL do not read the credential', async () => {
	const trigger = newTrigger();
	await trigger.activate();
	const reads = await credentialReadsDuring(async () => {
		for (let i = 0; i < 5; i++) expect(await deliverSignedWith(trigger, OLD_SECRET)).toBe(200);
		expect(await deliverSignedWith(trigger, 'forged')).toBe(401);
	});
	expect(reads).toBe(0);
});

test('without activation in this process, the first delivery reads the credential, later ones do not', async () => {
	// As in n8n's queue or multi-main mode: another process activated the workflow.
	const trigger = newTrigger();
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, OLD_SECRET))).toBe(1);
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, OLD_SECRET))).toBe(0);
	expect(await deliverSignedWith(trigger, 'forged')).toBe(401);
});

test('after the TTL the secret is read again', async () => {
	const trigger = newTrigger();
	await trigger.activate();
	offset += SECRET_TTL_MS - 5000;
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, OLD_SECRET))).toBe(0);
	offset += 5000;
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, OLD_SECRET))).toBe(1);
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, OLD_SECRET))).toBe(0);
});

test('a wall clock stepped back an hour does not keep the secret past its TTL', async () => {
	const trigger = newTrigger();
	await trigger.activate();
	credential.data.webhookSecret = NEW_SECRET;
	wallOffset -= 3_600_000;
	offset += SECRET_TTL_MS;
	expect(await deliverSignedWith(trigger, NEW_SECRET)).toBe(200);
	expect(await deliverSignedWith(trigger, OLD_SECRET)).toBe(401);
});

test('an edited secret applies once the TTL has passed, and the old one stops working', async () => {
	const trigger = newTrigger();
	await trigger.activate();
	credential.data.webhookSecret = NEW_SECRET;

	// Within the TTL the old copy holds: the new signature is refused, so Nexudus retries it.
	offset += SECRET_TTL_MS / 2;
	expect(await deliverSignedWith(trigger, NEW_SECRET)).toBe(401);
	expect(await deliverSignedWith(trigger, OLD_SECRET)).toBe(200);

	offset += SECRET_TTL_MS / 2;
	expect(await deliverSignedWith(trigger, NEW_SECRET)).toBe(200);
	expect(await deliverSignedWith(trigger, OLD_SECRET)).toBe(401);
});

test('deactivation drops the secret; activating again reads the edited one at once', async () => {
	const trigger = newTrigger();
	await trigger.activate();
	await trigger.deactivate();
	credential.data.webhookSecret = NEW_SECRET;
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, NEW_SECRET))).toBe(1);

	await trigger.deactivate();
	credential.data.webhookSecret = OLD_SECRET;
	await trigger.activate();
	expect(await credentialReadsDuring(() => deliverSignedWith(trigger, OLD_SECRET))).toBe(0);
	expect(await deliverSignedWith(trigger, NEW_SECRET)).toBe(401);
});

test('each credential keeps its own secret', async () => {
	const other = newCredential(fake.url, { webhookSecret: NEW_SECRET });
	const first = newTrigger();
	const second = newTrigger({}, other);
	await first.activate();
	await second.activate();
	expect(await deliverSignedWith(first, OLD_SECRET)).toBe(200);
	expect(await deliverSignedWith(second, NEW_SECRET)).toBe(200);
	expect(await deliverSignedWith(second, OLD_SECRET)).toBe(401);
});

test('with Verify Signature off the secret is neither primed nor read for deliveries', async () => {
	const checking = newTrigger();
	const notChecking = newTrigger({ verifySignature: false });
	const readsChecking = await credentialReadsDuring(() => checking.activate());
	const readsNotChecking = await credentialReadsDuring(() => notChecking.activate());
	expect(readsNotChecking).toBe(readsChecking - 1);
	expect(await credentialReadsDuring(() => deliverSignedWith(notChecking, 'anything'))).toBe(0);
});

test('deliveries arriving together with no copy in memory share one read of the credential', async () => {
	const trigger = newTrigger();
	const reads = await credentialReadsDuring(async () => {
		const statuses = await Promise.all(
			Array.from({ length: 5 }, async () => await deliverSignedWith(trigger, OLD_SECRET)),
		);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
	});
	expect(reads).toBe(1);
});

test('a failed read of the credential is not kept: the next delivery reads again', async () => {
	const node = { credentials: { nexudusApi: { id: 'cred-failing', name: 'Nexudus' } } };
	const getCredentials = jest
		.fn()
		.mockRejectedValueOnce(new Error('the database is not reachable'))
		.mockResolvedValue({ webhookSecret: NEW_SECRET });
	const context = { getNode: () => node, getCredentials } as unknown as IWebhookFunctions;

	await expect(webhookSecret(context)).rejects.toThrow('the database is not reachable');
	await expect(webhookSecret(context)).resolves.toBe(NEW_SECRET);
	await expect(webhookSecret(context)).resolves.toBe(NEW_SECRET);
	expect(getCredentials).toHaveBeenCalledTimes(2);
});
