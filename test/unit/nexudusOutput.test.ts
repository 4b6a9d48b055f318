import type { IDataObject, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Nexudus } from '../../nodes/Nexudus/Nexudus.node';
import { RESOURCES } from '../../nodes/Nexudus/resources';
import type { ResourceDefinition } from '../../nodes/Nexudus/resources/definition';
import { useFakeNexudus } from '../harness/fakeSession';
import { executeNode } from '../harness/n8n';

/**
 * Output: Raw / Simplified / Selected Fields on the operations that return records, over real
 * HTTP against the fake Nexudus. Version 1 (every saved workflow, every new node) defaults to
 * Raw; version 1.1 (new AI-agent tools) to Simplified.
 */

const session = useFakeNexudus({ demoRecords: true });

async function run(parameters: INodeParameters, typeVersion = 1) {
	const items = await executeNode({
		type: 'nexudus',
		typeVersion,
		parameters,
		credential: session.credential,
	});
	return items.map((item) => item.json);
}

async function failure(parameters: INodeParameters, typeVersion = 1.1): Promise<Error> {
	try {
		await run(parameters, typeVersion);
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the node to fail');
}

const seeded = (entity: string) =>
	session.fake.seed(entity, 1, session.locationId)[0] as IDataObject;
const stored = (entity: string, id: number) =>
	session.fake.entities.find(entity, id) as IDataObject;
const definitionOf = (value: string) => RESOURCES.find((d) => d.value === value)!;

/** What Simplified must give for a record: the Id and the key fields the record has. */
function simplifiedOf(definition: ResourceDefinition, record: IDataObject): IDataObject {
	const expected: IDataObject = { Id: record.Id };
	for (const name of definition.simplified) if (name in record) expected[name] = record[name];
	return expected;
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('saved workflows keep their output (version 1 defaults to Raw)', () => {
	test('a saved Get has no Output parameter and returns the whole record', async () => {
		const customer = seeded('Coworker');
		const [json] = await run({
			resource: 'customer',
			operation: 'get',
			recordId: String(customer.Id),
		});
		expect(json).toEqual(stored('Coworker', customer.Id as number));
		expect(Object.keys(json).length).toBeGreaterThan(100);
	});

	test('a saved Get Many, Create and Update return whole records', async () => {
		const [listed] = await run({ resource: 'booking', operation: 'getAll', limit: 1 });
		// List rows are partial, as on live tenants: every field the stored record has but a few.
		const whole = stored('Booking', listed.Id as number);
		expect(Object.keys(listed).length).toBeGreaterThan(Object.keys(whole).length - 5);
		for (const [name, value] of Object.entries(listed)) expect(whole[name]).toEqual(value);
		const created = await run({
			resource: 'customerNote',
			operation: 'create',
			CoworkerId: { __rl: true, mode: 'id', value: String(seeded('Coworker').Id) },
			Notes: 'Prefers the quiet zone',
			additionalFields: {},
		});
		expect(created[0]).toEqual(stored('CoworkerNote', created[0].Id as number));
		const customer = seeded('Coworker');
		const [updated] = await run({
			resource: 'customer',
			operation: 'update',
			recordId: String(customer.Id),
			updateFields: { Notes: 'Moved to the second floor' },
		});
		expect(updated).toEqual(stored('Coworker', customer.Id as number));
	});

	test('n8n resolves the Output default by version: Raw on 1, Simplified on 1.1', () => {
		const description = new Nexudus().description;
		const resolve = (typeVersion: number) =>
			NodeHelpers.getNodeParameters(
				description.properties,
				{ resource: 'customer', operation: 'get' },
				true,
				false,
				{ typeVersion } as never,
				description,
			)!;
		expect(resolve(1).output).toBe('raw');
		expect(resolve(1.1).output).toBe('simple');
	});

	test('new nodes are version 1; the AI-agent tool n8n derives from the node starts at 1.1', () => {
		const description = new Nexudus().description;
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1);
		// What n8n's createAiTools does: the description with usableAsTool's replacements applied.
		const usable = description.usableAsTool;
		expect(typeof usable).toBe('object');
		const tool = {
			...description,
			...(usable as { replacements: Partial<INodeTypeDescription> }).replacements,
		};
		expect(tool.defaultVersion).toBe(1.1);
	});
});

describe('Simplified', () => {
	test.each(RESOURCES.map((definition) => [definition.label, definition] as const))(
		'%s: Get returns the Id and the key fields only',
		async (_label, definition) => {
			const record = seeded(definition.entity);
			const [json] = await run(
				{ resource: definition.value, operation: 'get', recordId: String(record.Id) },
				1.1,
			);
			const full = stored(definition.entity, record.Id as number);
			expect(json).toEqual(simplifiedOf(definition, full));
			// Most key fields are in the record the fake returns (a typo would be missing).
			const present = definition.simplified.filter((name) => name in full);
			expect(present.length).toBeGreaterThanOrEqual(Math.ceil(definition.simplified.length / 2));
		},
	);

	test('a customer answers who and in which state (plan and location where the record has them)', async () => {
		const customer = seeded('Coworker');
		const [json] = await run({
			resource: 'customer',
			operation: 'get',
			recordId: String(customer.Id),
			output: 'simple',
		});
		// The fake's customers have no plan (TariffName) or invoicing location set.
		for (const name of ['Id', 'FullName', 'Email', 'CoworkerType', 'Active', 'Archived'])
			expect(json).toHaveProperty(name);
	});

	test('a booking answers who, what, when and in which state', async () => {
		const booking = seeded('Booking');
		const [json] = await run({
			resource: 'booking',
			operation: 'get',
			recordId: String(booking.Id),
			output: 'simple',
		});
		for (const name of [
			'Id',
			'CoworkerFullName',
			'ResourceName',
			'FromTime',
			'ToTime',
			'Tentative',
		])
			expect(json).toHaveProperty(name);
	});

	test('Get Many simplifies every row', async () => {
		const params = { resource: 'booking', operation: 'getAll', limit: 3 };
		const raw = await run(params);
		const simple = await run(params, 1.1);
		expect(simple.length).toBe(3);
		expect(simple).toEqual(raw.map((row) => simplifiedOf(definitionOf('booking'), row)));
	});

	test('Update and Create return the simplified record', async () => {
		const customer = seeded('Coworker');
		const [updated] = await run(
			{
				resource: 'customer',
				operation: 'update',
				recordId: String(customer.Id),
				updateFields: { Email: 'ada@example.com' },
			},
			1.1,
		);
		expect(updated).toEqual(
			simplifiedOf(definitionOf('customer'), stored('Coworker', customer.Id as number)),
		);
		expect(updated.Email).toBe('ada@example.com');
		const [created] = await run(
			{
				resource: 'customerNote',
				operation: 'create',
				CoworkerId: { __rl: true, mode: 'id', value: String(customer.Id) },
				Notes: 'Asked for a locker',
				additionalFields: {},
			},
			1.1,
		);
		expect(Object.keys(created).sort()).toEqual(
			['AddedBy', 'CoworkerId', 'Id', 'Notes']
				.filter((name) => name in stored('CoworkerNote', created.Id as number))
				.sort(),
		);
	});

	test('Delete is not shaped', async () => {
		const note = seeded('CoworkerNote');
		const [json] = await run(
			{
				resource: 'customerNote',
				operation: 'delete',
				recordId: String(note.Id),
				output: 'simple',
			},
			1.1,
		);
		expect(json).toEqual({ Id: note.Id, deleted: true });
	});

	test.each([
		['Customer', 'customer', 'Coworker'],
		['Booking', 'booking', 'Booking'],
	])('%s: Simplified is a small part of Raw', async (label, value, entity) => {
		const record = seeded(entity);
		const params = { resource: value, operation: 'get', recordId: String(record.Id) };
		const [raw] = await run({ ...params, output: 'raw' });
		const [simple] = await run({ ...params, output: 'simple' });
		const sizes = {
			rawFields: Object.keys(raw).length,
			rawBytes: size(raw),
			simplifiedFields: Object.keys(simple).length,
			simplifiedBytes: size(simple),
		};
		// Measured: Customer 205 fields (4.6 kB) to 10 (0.2 kB); Booking 77 (1.9 kB) to 11 (0.25 kB).
		expect(sizes.simplifiedFields).toBeLessThanOrEqual(definitionOf(value).simplified.length + 1);
		expect(sizes.simplifiedBytes * 3).toBeLessThan(sizes.rawBytes);
	});
});

describe('Selected Fields', () => {
	test('returns the Id and the fields named, matched without regard to case', async () => {
		const customer = seeded('Coworker');
		const [json] = await run({
			resource: 'customer',
			operation: 'get',
			recordId: String(customer.Id),
			output: 'fields',
			outputFields: 'fullname, Email ,',
		});
		const full = stored('Coworker', customer.Id as number);
		expect(json).toEqual({ Id: full.Id, FullName: full.FullName, Email: full.Email });
	});

	test('a name no record has is an error naming it', async () => {
		const customer = seeded('Coworker');
		const error = await failure({
			resource: 'customer',
			operation: 'get',
			recordId: String(customer.Id),
			output: 'fields',
			outputFields: 'FullName, Plan',
		});
		expect(error.message).toBe('Fields: no Plan in the Customer records Nexudus returned');
	});

	test('no names is an error', async () => {
		const customer = seeded('Coworker');
		const error = await failure({
			resource: 'customer',
			operation: 'get',
			recordId: String(customer.Id),
			output: 'fields',
			outputFields: ' , ',
		});
		expect(error.message).toBe('Fields: name at least one field to return');
	});

	test('an empty Get Many is not an error', async () => {
		const rows = await run({
			resource: 'customer',
			operation: 'getAll',
			filters: { Coworker_FullName: 'Nobody by this name' },
			output: 'fields',
			outputFields: 'FullName',
		});
		expect(rows).toEqual([]);
	});
});
