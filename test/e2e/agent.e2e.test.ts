/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the suite drives a real n8n from outside */
/**
 * End to end: the Nexudus node as a tool of n8n's own AI Agent, in a real n8n (2.x and 1.x),
 * through the example workflow examples/ai-agent-customer-bookings.json: a chat message asks for
 * a customer by email and that customer's bookings next week. The chat model is n8n's OpenAI
 * Chat Model pointed at a stand-in server on loopback that answers with tool calls and then with
 * a final message built from what the tools returned; the Nexudus tools fill their filters with
 * `$fromAI()`. The test checks the answer carries the right records, what the tools sent the fake
 * Nexudus, and that what the model is given (tool descriptions, parameter schemas, records) is
 * small.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INode } from 'n8n-workflow';

import { request } from '../../scripts/n8n-server';
import { RESOURCES } from '../../nodes/Nexudus/resources';
import type { Json } from './environment';
import { E2eEnvironment } from './environment';
import type { ChatRequest, ChatTool, Script } from './modelStandIn';
import { ModelStandIn, textOf } from './modelStandIn';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'ai-agent-customer-bookings.json');
const EMAIL = 'grace.agent@example.com';
const QUESTION = `Which bookings does the customer ${EMAIL} have next week?`;

const DAY = 24 * 60 * 60 * 1000;
/** Next week, Monday 00:00 to Sunday 23:59:59 (UTC), from today. */
function nextWeek(now = new Date()) {
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
	const daysToMonday = ((8 - new Date(today).getUTCDay()) % 7 || 7) * DAY;
	const monday = today + daysToMonday;
	const iso = (time: number) => new Date(time).toISOString().slice(0, 19);
	return { monday, from: iso(monday), to: iso(monday + 7 * DAY - 1000) };
}

/** The records in what a tool returned to the model (n8n gives it the items' JSON as text). */
function recordsIn(text: string): Json[] {
	const parsed = JSON.parse(text) as unknown;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry) => ((entry as Json).json as Json) ?? (entry as Json));
}

const parametersOf = (tool: ChatTool) =>
	(tool.function.parameters?.properties ?? {}) as Record<string, unknown>;
const toolWith = (request: ChatRequest, parameter: string) =>
	(request.tools ?? []).find((tool) => parameter in parametersOf(tool));

/**
 * The stand-in model: 1) look the customer up by email, 2) their bookings next week by the Id
 * the first tool returned, 3) a final message naming the customer and each booking returned.
 */
const script: Script = (chat) => {
	const results = chat.messages.filter((message) => message.role === 'tool').map(textOf);
	const findCustomer = toolWith(chat, 'email');
	const getBookings = toolWith(chat, 'customerId');
	if (!findCustomer || !getBookings) return { text: 'I was given no Nexudus tools.' };
	if (results.length === 0) {
		return { toolCalls: [{ name: findCustomer.function.name, arguments: { email: EMAIL } }] };
	}
	const [customer] = recordsIn(results[0]);
	if (!customer) return { text: `No customer has the email ${EMAIL}.` };
	const { from, to } = nextWeek();
	if (results.length === 1) {
		return {
			toolCalls: [
				{ name: getBookings.function.name, arguments: { customerId: customer.Id, from, to } },
			],
		};
	}
	const bookings = recordsIn(results[1]);
	const lines = bookings.map(
		(booking) =>
			`#${String(booking.Id)} ${String(booking.ResourceName)} ${String(booking.FromTime)} to ${String(booking.ToTime)}`,
	);
	return {
		text: `${String(customer.FullName)} (customer ${String(customer.Id)}) has ${bookings.length} bookings next week: ${lines.join('; ')}`,
	};
};

let env: E2eEnvironment;
let model: ModelStandIn;

beforeAll(async () => {
	env = await E2eEnvironment.start();
	model = await ModelStandIn.start(script);
}, 900000);

afterAll(async () => {
	await model?.stop();
	await env?.stop();
});

describe('the Nexudus tool in an n8n AI Agent', () => {
	let answer: string;
	let customerId: number;
	let expected: number[];
	let later: number;

	beforeAll(async () => {
		await env.createSandboxCredential();
		env.fake.seedEntities();
		const [customer] = env.fake.seed(
			'Coworker',
			[{ FullName: 'Grace Agent', Email: EMAIL }],
			env.locationId,
		);
		customerId = customer.Id;
		const other = env.demoRecord('Coworker').Id as number;
		const room = env.demoRecord('Resource').Id as number;
		const { monday } = nextWeek();
		const at = (days: number, hour: number) =>
			`${new Date(monday + days * DAY).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00Z`;
		const booking = (coworker: number, days: number, hour: number) => ({
			CoworkerId: coworker,
			ResourceId: room,
			FromTime: at(days, hour),
			ToTime: at(days, hour + 1),
		});
		const [tuesday, thursday, inTwoWeeks] = env.fake.seed(
			'Booking',
			[booking(customerId, 1, 9), booking(customerId, 3, 14), booking(customerId, 9, 10)],
			env.locationId,
		);
		// Someone else's booking the same week must not be in the answer.
		env.fake.seed('Booking', [booking(other, 2, 11)], env.locationId);
		expected = [tuesday.Id, thursday.Id];
		later = inTwoWeeks.Id;

		const openAi = await env.rest('POST', '/rest/credentials', {
			name: 'OpenAI stand-in',
			type: 'openAiApi',
			data: { apiKey: 'sk-stand-in', url: model.url },
		});
		const openAiId = String((openAi.data as Json).id);
		const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Json;
		const nodes = workflow.nodes as INode[];
		for (const node of nodes) {
			if (node.credentials?.nexudusApi) {
				node.credentials = { nexudusApi: { id: env.credentialId, name: 'Nexudus sandbox' } };
			}
			if (node.credentials?.openAiApi) {
				node.credentials = { openAiApi: { id: openAiId, name: 'OpenAI stand-in' } };
			}
		}
		const imported = await env.createWorkflowAsImported(workflow);
		await env.activate(imported.workflowId);
		const trigger = imported.nodes.find((node) => node.type.endsWith('.chatTrigger'))!;
		const reply = await request(env.url, 'POST', `/webhook/${trigger.webhookId}/chat`, {
			body: { action: 'sendMessage', sessionId: 'e2e-session', chatInput: QUESTION },
		});
		answer = String((reply.json as Json).output);
	}, 180000);

	test('the answer names the customer and exactly their bookings next week', () => {
		expect(answer).toContain(`Grace Agent (customer ${customerId}) has 2 bookings next week`);
		for (const id of expected) expect(answer).toContain(`#${id} `);
		expect(answer).not.toContain(`#${later} `);
		expect(model.requests).toHaveLength(3);
		expect(model.requests[0].messages.map(textOf).join('\n')).toContain(QUESTION);
	});

	test('the tools sent Nexudus the filters the model chose', () => {
		const searches = env.fake.requests.filter((sent) => sent.method === 'GET');
		const byEmail = searches.find((sent) => sent.query?.Coworker_Email !== undefined);
		expect(byEmail?.query?.Coworker_Email).toBe(EMAIL);
		const bookings = searches.find((sent) => sent.query?.Booking_Coworker !== undefined);
		const { from, to } = nextWeek();
		expect(bookings?.query).toMatchObject({ Booking_Coworker: String(customerId) });
		expect(String(bookings?.query?.from_Booking_FromTime)).toContain(from.slice(0, 16));
		expect(String(bookings?.query?.to_Booking_FromTime)).toContain(to.slice(0, 16));
	});

	test('the model is given two small tools whose parameters are the $fromAI() ones', () => {
		const tools = model.requests[0].tools ?? [];
		expect(tools).toHaveLength(2);
		const keys = tools.map((tool) => Object.keys(parametersOf(tool)).sort());
		expect(keys).toEqual(expect.arrayContaining([['email'], ['customerId', 'from', 'to']]));
		for (const tool of tools) {
			expect(tool.function.description?.length ?? 0).toBeGreaterThan(10);
			expect(tool.function.description!.length).toBeLessThan(400);
			expect(JSON.stringify(tool.function.parameters).length).toBeLessThan(1500);
		}
		expect(JSON.stringify(tools).length).toBeLessThan(3000);
		process.stdout.write(
			`[agent e2e] tools the model was given: ${JSON.stringify(tools)}\n[agent e2e] answer: ${answer}\n`,
		);
	});

	test('n8n adds new Nexudus nodes at version 1 (Raw) and new Nexudus tools at 1.1 (Simplified)', async () => {
		const types = (await env.rest('GET', '/types/nodes.json')) as unknown as Array<{
			name: string;
			version: number | number[];
			defaultVersion?: number;
		}>;
		const node = types.find((type) => type.name === 'n8n-nodes-nexudus.nexudus');
		const tool = types.find((type) => type.name === 'n8n-nodes-nexudus.nexudusTool');
		expect([node?.version, node?.defaultVersion]).toEqual([[1, 1.1], 1]);
		expect([tool?.version, tool?.defaultVersion]).toEqual([[1, 1.1], 1.1]);
	});

	test('the records the model reads are Simplified: the key fields only', () => {
		const results = model.requests[2].messages.filter((message) => message.role === 'tool');
		const simplified = (value: string) =>
			new Set(['Id', ...RESOURCES.find((definition) => definition.value === value)!.simplified]);
		const [customer] = recordsIn(textOf(results[0]));
		expect(customer).toMatchObject({ Id: customerId, FullName: 'Grace Agent', Email: EMAIL });
		expect(Object.keys(customer).filter((key) => !simplified('customer').has(key))).toEqual([]);
		const bookings = recordsIn(textOf(results[1]));
		expect(bookings.map((booking) => booking.Id)).toEqual(expected);
		for (const booking of bookings) {
			expect(Object.keys(booking).filter((key) => !simplified('booking').has(key))).toEqual([]);
		}
		expect(textOf(results[0]).length).toBeLessThan(1000);
	});
});
