import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ExecuteContext } from 'n8n-core';

import { useFakeNexudus } from '../harness/fakeSession';
import { loadOptions } from '../harness/n8n';

/**
 * Other Record over real HTTP: any catalogue entity by name, filters and fields as name/value
 * pairs or JSON, checked against the entity's catalogue entry before any request. Also the
 * catalogue-driven editor methods (entity list, filter and field names, sort fields, commands),
 * Update's read-first guard, and paging at the floor number of requests.
 */

const session = useFakeNexudus({ demoRecords: true });
const { run, apiRequests } = session;
const failure = async (parameters: INodeParameters) => (await session.failure(parameters)).message;

const afterTest: Array<() => void> = [];
afterEach(() => afterTest.splice(0).forEach((undo) => undo()));

const other = (
	entity: string,
	operation: string,
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'otherRecord',
	entity: { __rl: true, mode: 'list', value: entity },
	operation,
	...extra,
});

/** As if the catalogue's name for Notes were wrong: the records Nexudus returns lack it. */
function recordsLackNotes() {
	const find = session.fake.entities.find.bind(session.fake.entities);
	const spy = jest.spyOn(session.fake.entities, 'find').mockImplementation((entity, id) => {
		const found = find(entity, id);
		if (found) delete found.Notes;
		return found;
	});
	afterTest.push(() => spy.mockRestore());
}

/** Create parameters (JSON input) with valid required ids, taken from a seeded task. */
function createTask(fields: IDataObject) {
	const template = session.fake.seed('CoworkerTask', 1, session.locationId)[0] as IDataObject;
	const { BusinessId, CoworkerId, ResponsibleId } = template;
	return other('CoworkerTask', 'create', {
		fieldsInput: 'json',
		fieldsJson: JSON.stringify({ BusinessId, CoworkerId, ResponsibleId, ...fields }),
	});
}

const task = (id: number) => session.fake.entities.find('CoworkerTask', id) as IDataObject;

describe('Other Record (CoworkerTask)', () => {
	test('Create from JSON fields returns the full record', async () => {
		const [item] = await run(createTask({ Name: 'Call back about the plan', Completed: false }));
		expect(item.json).toEqual(task(item.json.Id as number));
		expect(item.json.Name).toBe('Call back about the plan');
	});

	test('Create warns, naming it, when the new record lacks a field that was given', async () => {
		const parameters = createTask({ Name: 'Hinted', Notes: 'kept?' });
		recordsLackNotes();
		const hints = jest.spyOn(ExecuteContext.prototype, 'addExecutionHints');
		afterTest.push(() => hints.mockRestore());
		const [item] = await run(parameters);
		expect(item.json.Name).toBe('Hinted');
		expect(hints).toHaveBeenCalledWith({
			message: `CoworkerTask ${String(item.json.Id)} was created, but the record Nexudus returned has no Notes: check that Nexudus kept it.`,
			type: 'warning',
			location: 'outputPane',
		});
	});

	test('Create without a required field names it, before any request', async () => {
		const message = await failure(
			other('CoworkerTask', 'create', {
				fieldsInput: 'json',
				fieldsJson: '{"Name": "No customer"}',
			}),
		);
		expect(message).toBe('Location (BusinessId): is required to create CoworkerTask records');
		expect(apiRequests()).toHaveLength(0);
	});

	test('Get Many with name/value filters, a range included', async () => {
		const [early, late] = session.fake.seed('CoworkerTask', 2, session.locationId) as IDataObject[];
		session.fake.entities.records('CoworkerTask').find((r) => r.Id === early.Id)!.Name =
			'Zebra early';
		session.fake.entities.records('CoworkerTask').find((r) => r.Id === late.Id)!.Name =
			'Zebra late';
		session.fake.entities.records('CoworkerTask').find((r) => r.Id === early.Id)!.CreatedOn =
			'2021-05-05T12:00:00Z';
		const items = await run(
			other('CoworkerTask', 'getAll', {
				returnAll: true,
				filterPairs: {
					filter: [
						{ name: 'CoworkerTask_Name', value: 'Zebra' },
						{ name: 'to_CoworkerTask_CreatedOn', value: '2021-12-31T00:00' },
					],
				},
			}),
		);
		expect(items.map((item) => item.json.Id)).toEqual([early.Id]);
	});

	test('an unknown filter name is a named error with the nearest names, before any request', async () => {
		const message = await failure(
			other('CoworkerTask', 'getAll', {
				filterPairs: { filter: [{ name: 'CoworkerTask_Nmae', value: 'x' }] },
			}),
		);
		expect(message).toMatch(
			/^Filters: "CoworkerTask_Nmae" is not a filter of CoworkerTask; nearest: CoworkerTask_Name/,
		);
		expect(apiRequests()).toHaveLength(0);
	});

	test('Update from name/value pairs changes only those fields', async () => {
		const record = session.fake.seed('CoworkerTask', 1, session.locationId)[0] as IDataObject;
		const before = task(record.Id as number);
		const [item] = await run(
			other('CoworkerTask', 'update', {
				recordId: String(record.Id),
				fieldsInput: 'pairs',
				fieldPairs: {
					field: [
						{ name: 'Notes', value: 'Left a voicemail' },
						{ name: 'Completed', value: 'true' },
					],
				},
			}),
		);
		expect(item.json).toMatchObject({ Notes: 'Left a voicemail', Completed: true });
		const after = task(record.Id as number);
		for (const key of Object.keys(before)) {
			if (['Notes', 'Completed', 'UpdatedOn', 'UpdatedBy', 'ToStringText'].includes(key)) continue;
			expect([key, after[key]]).toEqual([key, before[key]]);
		}
	});

	test('Update with an unknown field or a wrong type names it, before any request', async () => {
		const update = (field: string, value: string) =>
			other('CoworkerTask', 'update', {
				recordId: '100001',
				fieldPairs: { field: [{ name: field, value }] },
			});
		expect(await failure(update('Note', 'x'))).toMatch(
			/^Note \(Note\): "Note" is not a field of CoworkerTask; nearest: Notes/,
		);
		expect(await failure(update('Completed', 'soon'))).toBe(
			'Completed (Completed): "soon" is not true or false',
		);
		expect(apiRequests()).toHaveLength(0);
	});

	test('Update refuses a field the fetched record lacks, and sends nothing', async () => {
		const record = session.fake.seed('CoworkerTask', 1, session.locationId)[0] as IDataObject;
		recordsLackNotes();
		const message = await failure(
			other('CoworkerTask', 'update', {
				recordId: String(record.Id),
				fieldPairs: { field: [{ name: 'Notes', value: 'x' }] },
			}),
		);
		expect(message).toMatch(
			/^Notes \(Notes\): "Notes" is not a field of the CoworkerTask record Nexudus returned; nearest: /,
		);
		expect(apiRequests().filter((request) => request.method === 'PUT')).toHaveLength(0);
	});

	test('Delete removes the record', async () => {
		const record = session.fake.seed('CoworkerTask', 1, session.locationId)[0] as IDataObject;
		const [item] = await run(other('CoworkerTask', 'delete', { recordId: String(record.Id) }));
		expect(item.json).toEqual({ Id: record.Id, deleted: true });
		expect(session.fake.entities.find('CoworkerTask', record.Id as number)).toBeUndefined();
	});
});

describe('Other Record verbs and names', () => {
	test('a verb the entity does not have is a named error, before any request', async () => {
		const message = await failure(
			other('Country', 'create', { fieldsJson: '{"Name": "Atlantis"}', fieldsInput: 'json' }),
		);
		expect(message).toBe(
			'Operation: Country records cannot be created through the Nexudus API (it offers: search, get)',
		);
		expect(
			await failure(other('Country', 'runCommand', { command: 'X', commandIds: '1' })),
		).toMatch(/^Operation: Country records cannot be given commands/);
		expect(apiRequests()).toHaveLength(0);
	});

	test('an unknown record type names the nearest ones', async () => {
		expect(await failure(other('CoworkerTasks', 'get', { recordId: '1' }))).toMatch(
			/^Record Type: "CoworkerTasks" is not a record type of the Nexudus API; nearest: CoworkerTask/,
		);
	});

	test('Get of a read-only look-up works', async () => {
		const country = session.fake.entities.records('Country')[0];
		const [item] = await run(other('Country', 'get', { recordId: String(country.Id) }));
		expect(item.json.Name).toBe(country.Name);
	});

	test('Run Command on an entity with commands (ExtraService)', async () => {
		const service = session.fake.seed('ExtraService', 1, session.locationId)[0] as IDataObject;
		const [item] = await run(
			other('ExtraService', 'runCommand', {
				command: 'EXTRASERVICE_SET_EXTERNAL_ID',
				commandIds: String(service.Id),
				commandParameters: { parameter: [{ name: 'SystemId', value: 'ext-1' }] },
			}),
		);
		expect(item.json.WasSuccessful).toBe(true);
		expect(session.fake.entities.find('ExtraService', service.Id as number)!.SystemId).toBe(
			'ext-1',
		);
	});
});

describe('editor methods read the bundled catalogue', () => {
	const setup = (parameters: INodeParameters) => ({
		type: 'nexudus',
		parameters,
		credential: session.credential,
	});

	test('searchEntities lists every entity with a path, filtered by the text typed', async () => {
		const all = (await loadOptions(setup({}), 'listSearch', 'searchEntities')) as {
			results: Array<{ name: string; value: string }>;
		};
		expect(all.results.length).toBeGreaterThan(140);
		const found = (await loadOptions(setup({}), 'listSearch', 'searchEntities', 'coworkerta')) as {
			results: Array<{ value: string }>;
		};
		expect(found.results.map((result) => result.value)).toEqual(['CoworkerTask']);
	});

	test("getEntityFilters and getEntityFields give the chosen entity's names", async () => {
		const filters = (await loadOptions(
			setup(other('CoworkerTask', 'getAll')),
			'loadOptions',
			'getEntityFilters',
		)) as Array<{ value: string }>;
		expect(filters.map((option) => option.value)).toEqual(
			expect.arrayContaining(['CoworkerTask_Name', 'from_CoworkerTask_CreatedOn']),
		);
		expect(filters.map((option) => option.value)).not.toContain('CoworkerTask_CreatedOn');
		const fields = (await loadOptions(
			setup(other('CoworkerTask', 'create')),
			'loadOptions',
			'getEntityFields',
		)) as Array<{ value: string; description: string }>;
		expect(fields.find((option) => option.value === 'Name')?.description).toBe('string, required');
	});

	test('getSortFields follows the resource', async () => {
		const fields = (await loadOptions(
			setup({ resource: 'booking', operation: 'getAll' }),
			'loadOptions',
			'getSortFields',
		)) as Array<{ value: string }>;
		expect(fields.map((option) => option.value)).toEqual(
			expect.arrayContaining(['Id', 'FromTime', 'CreatedOn']),
		);
	});

	test('getCommands lists what Nexudus answers at {path}/commands', async () => {
		const commands = (await loadOptions(
			setup({ resource: 'booking', operation: 'runCommand' }),
			'loadOptions',
			'getCommands',
		)) as Array<{ name: string; value: string }>;
		expect(commands).toEqual(
			expect.arrayContaining([
				{ name: 'Confirm tentative booking', value: 'BOOKING_CONFIRM', description: undefined },
			]),
		);
		expect(
			session.fake.requests.some((request) => request.path === '/api/spaces/bookings/commands'),
		).toBe(true);
	});
});

describe('a filter Nexudus ignores', () => {
	test('an unconfirmed filter whose rows do not match is an error, not a wrong answer', async () => {
		// ExtraService_PerNightPricing is a derived name no source confirms (ExtraService has no live record).
		const [perNight, perHour] = session.fake.seed('ExtraService', 2, session.locationId);
		const live = (id: number) =>
			session.fake.entities.records('ExtraService').find((r) => r.Id === id)!;
		live(perNight.Id).PerNightPricing = true;
		live(perHour.Id).PerNightPricing = false;
		const parameters = other('ExtraService', 'getAll', {
			returnAll: true,
			filterPairs: { filter: [{ name: 'ExtraService_PerNightPricing', value: 'true' }] },
		});
		const matching = await run(parameters);
		expect(matching.map((item) => item.json.PerNightPricing)).not.toContain(false);
		expect(matching.map((item) => item.json.Id)).toContain(perNight.Id);

		// As Nexudus does with a query parameter it does not know: answer every record.
		const search = session.fake.entities.search.bind(session.fake.entities);
		const spy = jest.spyOn(session.fake.entities, 'search').mockImplementation((entity, query) =>
			search(entity, {
				...query,
				ExtraService_PerNightPricing: undefined as unknown as string,
			}),
		);
		afterTest.push(() => spy.mockRestore());
		expect(await failure(parameters)).toMatch(
			/\(ExtraService_PerNightPricing\): Nexudus answered with records whose PerNightPricing is not true/,
		);
	});
});

describe('paging', () => {
	test('Return All reads 2,100 records in 3 requests of 1,000', async () => {
		session.fake.entities.clear('CoworkerNote');
		session.fake.seed('CoworkerNote', 2100, session.locationId);
		session.fake.reset();
		const items = await run({ resource: 'customerNote', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(2100);
		const searches = apiRequests().filter(
			(request) => request.path === '/api/spaces/coworkernotes',
		);
		expect(searches.map((request) => [request.query.page, request.query.size])).toEqual([
			['1', '1000'],
			['2', '1000'],
			['3', '1000'],
		]);
	});

	test('a Limit asks for one page of that size', async () => {
		const items = await run({ resource: 'customerNote', operation: 'getAll', limit: 7 });
		expect(items).toHaveLength(7);
		const searches = apiRequests().filter(
			(request) => request.path === '/api/spaces/coworkernotes',
		);
		expect(searches.map((request) => request.query.size)).toEqual(['7']);
	});
});
