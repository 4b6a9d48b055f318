import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { entityNamed, kindOf, writableFields } from '../../nodes/shared/catalogue';
import { topFieldNames } from '../../nodes/Nexudus/generic/description';
import { RESOURCES } from '../../nodes/Nexudus/resources';
import type { ResourceDefinition } from '../../nodes/Nexudus/resources/definition';
import { ALL_ROLES } from '../fake-nexudus/server';
import { useFakeNexudus } from '../harness/fakeSession';

/**
 * Every first-class resource over real HTTP against the fake Nexudus, through n8n-core's
 * execution context: Get, Get Many with a filter and a range, Create (refused without a
 * required field, then valid), partial Update, Delete and Run Command where the catalogue has them.
 */

const session = useFakeNexudus({ demoRecords: true });
const { run } = session;
const runFailing = session.failure;

const written = (method: string) =>
	session.fake.requests.filter(
		(request) => request.method === method && !request.path.includes('/token'),
	);

/** A record the fake holds, valid for its validation (required fields and ids filled). */
function seeded(entity: string): IDataObject {
	return session.fake.seed(entity, 1, session.locationId)[0] as IDataObject;
}

const stored = (entity: string, id: number) =>
	session.fake.entities.find(entity, id) as IDataObject;

/** The live stored object, for arranging data the API cannot set (CreatedOn). */
const live = (entity: string, id: number) =>
	session.fake.entities.records(entity).find((record) => record.Id === id) as IDataObject;

/** A string field the entity can be filtered by and updated, for the generic cases. */
function textField(entity: string): string {
	const catalogue = entityNamed(entity);
	const field = writableFields(catalogue, 'update').find(
		(candidate) =>
			kindOf(candidate.type) === 'string' &&
			catalogue.filters.some((filter) => filter.param === `${entity}_${candidate.field}`),
	);
	if (!field) throw new Error(`${entity} has no filterable text field`);
	return field.field;
}

/** The value a typed form parameter holds for a record's value. */
function formValue(entity: string, field: string, value: unknown): INodeParameters[string] {
	const catalogueField = writableFields(entityNamed(entity), 'create').find(
		(candidate) => candidate.field === field,
	)!;
	if (kindOf(catalogueField.type) === 'id') {
		return { __rl: true, mode: 'id', value: String(value) };
	}
	return value as INodeParameters[string];
}

const IGNORED_ON_UPDATE = new Set(['UpdatedOn', 'UpdatedBy', 'ToStringText']);

describe.each(
	RESOURCES.map((definition): [string, ResourceDefinition] => [definition.label, definition]),
)('%s', (_label, definition) => {
	const entity = definition.entity;
	const catalogue = entityNamed(entity);
	const params = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
		resource: definition.value,
		operation,
		...extra,
	});

	test('Get returns the full record', async () => {
		const record = seeded(entity);
		const [item] = await run(params('get', { recordId: String(record.Id) }));
		expect(item.json).toEqual(stored(entity, record.Id as number));
	});

	test('Get of an unknown ID is an error naming it', async () => {
		const error = await runFailing(params('get', { recordId: '999999999' }));
		expect(error.message).toBe(`No ${definition.label} with ID 999999999`);
	});

	test('Get Many with a text filter and a CreatedOn range', async () => {
		const field = textField(entity);
		const [old, recent, otherText] = session.fake.seed(
			entity,
			3,
			session.locationId,
		) as IDataObject[];
		live(entity, old.Id as number)[field] = 'Alpha one';
		live(entity, old.Id as number).CreatedOn = '2020-03-01T10:00:00Z';
		live(entity, recent.Id as number)[field] = 'Alpha two';
		live(entity, otherText.Id as number)[field] = 'Beta';
		live(entity, otherText.Id as number).CreatedOn = '2020-03-02T10:00:00Z';
		const items = await run(
			params('getAll', {
				returnAll: true,
				filters: {
					[`${entity}_${field}`]: 'Alpha',
					[`from_${entity}_CreatedOn`]: '2020-01-01T00:00:00',
					[`to_${entity}_CreatedOn`]: '2020-12-31T23:59:00',
				},
			}),
		);
		expect(items.map((item) => item.json.Id)).toEqual([old.Id]);
		const search = session.fake.requests.find((request) => request.path === catalogue.path)!;
		expect(search.query).toMatchObject({
			[`${entity}_${field}`]: 'Alpha',
			[`from_${entity}_CreatedOn`]: '2020-01-01T00:00',
			[`to_${entity}_CreatedOn`]: '2020-12-31T23:59',
			size: '1000',
		});
	});

	if (catalogue.verbs.includes('create')) {
		test('Create without a required field is a named error, before any request', async () => {
			const template = seeded(entity);
			const top = topFieldNames(definition, catalogue);
			const parameters: INodeParameters = { additionalFields: {} };
			for (const name of top) parameters[name] = formValue(entity, name, template[name]);
			const missing = top.find(
				(name) =>
					!['enum', 'boolean', 'integer', 'decimal'].includes(
						kindOf(catalogue.fields.find((field) => field.field === name)!.type),
					),
			)!;
			parameters[missing] =
				kindOf(catalogue.fields.find((field) => field.field === missing)!.type) === 'id'
					? { __rl: true, mode: 'list', value: '' }
					: '';
			session.fake.reset();
			const error = await runFailing(params('create', parameters));
			expect(error.message).toContain(`(${missing}):`);
			expect(written('POST')).toHaveLength(0);
		});

		test('Create with the required fields returns the new full record', async () => {
			const template = seeded(entity);
			const top = topFieldNames(definition, catalogue);
			const parameters: INodeParameters = {};
			for (const name of top) parameters[name] = formValue(entity, name, template[name]);
			const field = textField(entity);
			parameters.additionalFields = top.includes(field) ? {} : { [field]: 'Made by n8n' };
			const [item] = await run(params('create', parameters));
			expect(item.json.Id).not.toBe(template.Id);
			expect(item.json).toEqual(stored(entity, item.json.Id as number));
			for (const name of top) expect(item.json[name]).toEqual(template[name]);
			if (!top.includes(field)) expect(item.json[field]).toBe('Made by n8n');
		});
	}

	test('Update changes the given field and keeps every other one', async () => {
		const record = seeded(entity);
		const before = stored(entity, record.Id as number);
		const field = textField(entity);
		const [item] = await run(
			params('update', {
				recordId: String(record.Id),
				updateFields: { [field]: 'Changed by n8n' },
			}),
		);
		const after = stored(entity, record.Id as number);
		expect(after[field]).toBe('Changed by n8n');
		expect(item.json).toEqual(after);
		for (const key of Object.keys(before)) {
			if (key === field || IGNORED_ON_UPDATE.has(key)) continue;
			expect([key, after[key]]).toEqual([key, before[key]]);
		}
		const put = written('PUT')[0];
		expect(put.path).toBe(catalogue.path);
	});

	if (catalogue.verbs.includes('delete')) {
		test('Delete removes the record; deleting it again names the ID', async () => {
			const record = seeded(entity);
			const [item] = await run(params('delete', { recordId: String(record.Id) }));
			expect(item.json).toEqual({ Id: record.Id, deleted: true });
			expect(session.fake.entities.find(entity, record.Id as number)).toBeUndefined();
			const error = await runFailing(params('delete', { recordId: String(record.Id) }));
			expect(error.message).toBe(`No ${definition.label} with ID ${String(record.Id)}`);
		});
	}

	if (catalogue.commands) {
		const key = `${entity.toUpperCase()}_SET_EXTERNAL_ID`;

		test('Run Command runs the command on the given records', async () => {
			const [first, second] = session.fake.seed(entity, 2, session.locationId) as IDataObject[];
			const [item] = await run(
				params('runCommand', {
					command: key,
					commandIds: `${String(first.Id)}, ${String(second.Id)}`,
					commandParameters: { parameter: [{ name: 'SystemId', value: 'crm-42' }] },
				}),
			);
			expect(item.json.WasSuccessful).toBe(true);
			expect(stored(entity, first.Id as number).SystemId).toBe('crm-42');
			expect(stored(entity, second.Id as number).SystemId).toBe('crm-42');
			// One record per request: Nexudus's answer then says how each record fared.
			expect(written('POST').map((request) => request.body)).toEqual(
				[first.Id, second.Id].map((id) => ({
					Key: key,
					Ids: [id],
					Parameters: [{ Name: 'SystemId', Type: 'string', Value: 'crm-42' }],
				})),
			);
			expect(item.json.succeeded).toEqual([first.Id, second.Id]);
			expect(item.json.failed).toEqual([]);
		});

		test('a command Nexudus answers with WasSuccessful false is an error', async () => {
			const record = seeded(entity);
			const error = await runFailing(
				params('runCommand', { command: key, commandIds: String(record.Id) }),
			);
			expect(error.message).toMatch(/Missing command parameter: SystemId/);
			expect(stored(entity, record.Id as number).SystemId).toBeNull();
		});
	}
});

test('a missing role is named, with the roles of that record type', async () => {
	const record = seeded('Booking');
	session.fake.setRoles(['Booking-List']);
	try {
		const error = (await runFailing({
			resource: 'booking',
			operation: 'get',
			recordId: String(record.Id),
		})) as Error & { description?: string };
		expect(error.message).toMatch(/^Nexudus denied access \(403\): .*Booking-Read/);
		expect(error.description).toContain(
			'Booking-List, Booking-Read, Booking-Create, Booking-Edit, Booking-Delete',
		);
	} finally {
		session.fake.setRoles([...ALL_ROLES]);
	}
});

test.each([
	[{ limit: 0 }, 'Limit: "0" is not a whole number of 1 or more'],
	[{ limit: 2.5 }, 'Limit: "2.5" is not a whole number of 1 or more'],
	[{ returnAll: '={{ "maybe" }}' }, 'Return All: "maybe" is not true or false'],
])('Get Many of a catalogue resource checks %j like WebHook does', async (given, message) => {
	const error = await runFailing({ resource: 'team', operation: 'getAll', ...given });
	expect(error.message).toBe(message);
	expect(session.apiRequests()).toHaveLength(0);
});

test('Get Many of a catalogue resource takes Return All "false" from an expression as false', async () => {
	session.fake.seed('Team', 3, session.locationId);
	const items = await run({
		resource: 'team',
		operation: 'getAll',
		returnAll: '={{ "false" }}',
		limit: 2,
	});
	expect(items).toHaveLength(2);
});
