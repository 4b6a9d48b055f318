/**
 * End to end (issue 14) in a real n8n: an Update whose expression resolves to nothing on the
 * workflow's item fails naming the field and the item, and sends nothing; a Create whose
 * read-back Nexudus refuses succeeds with the new record's Id and shows a warning in the output
 * pane (n8n keeps it in the run data as a hint).
 */
import { ALL_ROLES } from '../fake-nexudus/server';
import type { Execution, Json } from './environment';
import { E2eEnvironment, outputOf } from './environment';

let env: E2eEnvironment;
let ids: Record<string, string>;

beforeAll(async () => {
	env = await E2eEnvironment.start();
	await env.useSandboxRecords('e2e-writes-secret');
	const customer = env.demoRecord('Coworker');
	const task = env.fake.seed('CoworkerTask', 1, env.locationId)[0] as Json;
	ids = { CUSTOMER_ID: String(customer.Id), RESPONSIBLE_ID: String(task.ResponsibleId) };
}, 900000);

afterAll(async () => {
	await env?.stop();
});

/** Runs the workflow once through its webhook; the execution, whatever its status. */
async function runOnce(file: string, path: string): Promise<Execution> {
	const workflowId = await env.importWorkflow(file, ids);
	await env.activate(workflowId);
	try {
		await fetch(`${env.url}webhook/${path}`, { method: 'POST' });
		const [execution] = await env.waitForExecutions(workflowId, 1);
		return execution;
	} finally {
		await env.deactivate(workflowId);
	}
}

const writes = (method: string) =>
	env.fake.requests.filter(
		(request) => request.method === method && !request.path.includes('/token'),
	);

test('an Update whose expression resolves to nothing fails naming the field and item, and sends nothing', async () => {
	const customer = env.demoRecord('Coworker');
	const putsBefore = writes('PUT').length;
	const execution = await runOnce('writes-empty-expression.json', 'e2e-writes-empty');
	expect(execution.status).toBe('error');
	expect(execution.data?.resultData.error?.message).toMatch(
		/^Notes \(Notes\): is empty in item 1: an empty value never clears a field/,
	);
	expect(writes('PUT').length).toBe(putsBefore);
	expect(env.fake.entities.find('Coworker', customer.Id as number)).toEqual(customer);
});

test('a Create whose read-back is refused returns the new Id with an output-pane warning', async () => {
	env.fake.setRoles(ALL_ROLES.filter((role) => role !== 'CoworkerTask-Read'));
	try {
		const execution = await runOnce('writes-create-readback.json', 'e2e-writes-create');
		expect([execution.status, execution.data?.resultData.error?.message]).toEqual([
			'success',
			undefined,
		]);
		const created = env.fake.entities
			.records('CoworkerTask')
			.filter((task) => task.Name === 'E2E created once');
		expect(created).toHaveLength(1);
		const [item] = outputOf(execution, 'Nexudus');
		expect(item).toMatchObject({ Id: created[0].Id, created: true, readBackFailed: true });
		const run = execution.data!.resultData.runData.Nexudus[0] as unknown as {
			hints?: Array<{ message: string; type?: string; location?: string }>;
		};
		expect(run.hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				location: 'outputPane',
				message: expect.stringMatching(
					new RegExp(`^CoworkerTask ${created[0].Id} was created, but reading it back failed`),
				) as unknown,
			}),
		]);
	} finally {
		env.fake.setRoles([...ALL_ROLES]);
	}
});
