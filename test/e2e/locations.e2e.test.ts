/**
 * End to end (issue 17): one Nexudus Trigger listening to all locations of the account, in a real
 * n8n (2.x, or 1.x with --n8n 1.123.x), checked through n8n's REST APIs and the fake Nexudus.
 */
import { SANDBOX_EMAIL, SANDBOX_LOGIN, E2eEnvironment, outputOf } from './environment';

const SECRET = 'e2e-hook-secret';
const webhookId = 'e2e-all-locations';

let env: E2eEnvironment;
let workflowId: string;
const nodeUrl = () => `${env.url}webhook/${webhookId}/webhook`;
const active = () =>
	env
		.hooksAt(`${nodeUrl()}?`)
		.filter((hook) => hook.Active)
		.map((hook) => [hook.BusinessId, hook.Action, hook.URL.slice(nodeUrl().length)])
		.sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
const pairs = (locations: number[]) =>
	locations.flatMap((id) =>
		[3, 6].map((action) => [id, action, `?action=${action}&location=${id}&locations=all`]),
	);

beforeAll(async () => {
	env = await E2eEnvironment.start();
	await env.createCredential({
		apiUrl: env.fake.url,
		email: SANDBOX_EMAIL,
		password: SANDBOX_LOGIN,
		webhookSecret: SECRET,
	});
}, 900000);

afterAll(async () => {
	await env?.stop();
});

test('All Locations: one record per (location, event); each item names its location', async () => {
	const locations = env.fake.businesses.map((business) => business.Id);
	expect(locations).toHaveLength(3);
	workflowId = await env.importWorkflow('all-locations-trigger.json', { WEBHOOK_ID: webhookId });
	await env.activate(workflowId);
	await env.waitUntil('6 records are active', () => active().length === 6);
	expect(active()).toEqual(pairs(locations));

	for (const business of env.fake.businesses) {
		const [delivery] = await env.fake.fire(3, business.Id, [{ Id: 1, FullName: 'Ada' }], {
			secret: SECRET,
		});
		expect(delivery.status).toBe(200);
	}
	const executions = await env.waitForExecutions(workflowId, 3);
	const seen = executions
		.map((execution) => outputOf(execution, 'Nexudus Trigger'))
		.map(([item]) => [item.locationId, item.locationName, item.event]);
	expect(seen.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
		env.fake.businesses.map((business) => [business.Id, business.Name, 'Coworker Created']),
	);
});

test('a location added later is registered after one deactivate/activate; stop switches all off', async () => {
	const added = env.fake.addBusiness('Lakeside Studio');
	await env.deactivate(workflowId);
	await env.waitUntil('every record is off', () => active().length === 0);
	await env.activate(workflowId);
	await env.waitUntil('8 records are active', () => active().length === 8);
	expect(active()).toEqual(pairs(env.fake.businesses.map((business) => business.Id)));
	expect(env.hooksAt(`${nodeUrl()}?`)).toHaveLength(8);
	expect(active().some(([location]) => location === added.Id)).toBe(true);

	await env.deactivate(workflowId);
	await env.waitUntil('every record is off', () => active().length === 0);
});
