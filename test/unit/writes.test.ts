import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { ExecuteContext } from 'n8n-core';

import { setRateLimits } from '../../nodes/shared/pacing';
import { ALL_ROLES } from '../fake-nexudus/server';
import { useFakeNexudus } from '../harness/fakeSession';
import type { NodeSetup } from '../harness/n8n';
import { executeNode } from '../harness/n8n';

/**
 * Writes never lose, clear or duplicate Nexudus data (issue 14), over real HTTP against the fake:
 * a value that resolves to nothing, Clear Fields, plain whole numbers, a PUT that had to wait, two
 * executions on one record, a Create whose read-back fails, what Update sends back and checks
 * after, Get Many with an ignored text filter, and Run Command per record.
 */

const session = useFakeNexudus({ demoRecords: true });

const afterTest: Array<() => void> = [];
afterEach(() => afterTest.splice(0).forEach((undo) => undo()));

async function run(
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
	setup: Partial<NodeSetup> = {},
): Promise<INodeExecutionData[]> {
	return await executeNode(
		{ type: 'nexudus', parameters, credential: session.credential, ...setup },
		items,
	);
}

async function failure(parameters: INodeParameters, items?: INodeExecutionData[]): Promise<string> {
	try {
		await run(parameters, items);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected the node to fail');
}

const seeded = (entity: string) =>
	session.fake.seed(entity, 1, session.locationId)[0] as IDataObject & { Id: number };
const stored = (entity: string, id: number) =>
	session.fake.entities.find(entity, id) as IDataObject;
const live = (entity: string, id: number) =>
	session.fake.entities.records(entity).find((record) => record.Id === id) as IDataObject;
const requests = (method: string) =>
	session.fake.requests.filter(
		(request) => request.method === method && !request.path.includes('/token'),
	);

function watchHints() {
	const hints = jest.spyOn(ExecuteContext.prototype, 'addExecutionHints');
	afterTest.push(() => hints.mockRestore());
	return () => hints.mock.calls.map(([hint]) => hint);
}

/** As if Nexudus ignored a property of every PUT (PUT replaces: the property is reset). */
function putsIgnore(property: string) {
	const updateRecord = session.fake.entities.update.bind(session.fake.entities);
	const spy = jest.spyOn(session.fake.entities, 'update').mockImplementation((entity, body) => {
		const rest = { ...body };
		delete rest[property];
		return updateRecord(entity, rest);
	});
	afterTest.push(() => spy.mockRestore());
}

const update = (resource: string, id: number, extra: INodeParameters) => ({
	resource,
	operation: 'update',
	recordId: String(id),
	...extra,
});

describe('a value that resolves to nothing never clears a field', () => {
	test.each([
		['customer', 'Coworker', 'Email', '={{ $json.email }}', { name: 'x' }],
		['team', 'Team', 'AddedTeamMembers', '={{ $json.members }}', {}],
		['product', 'Product', 'Price', '={{ $json.price }}', { price: null }],
		['customer', 'Coworker', 'Notes', '={{ $json.notes }}', { notes: '' }],
	])(
		'%s %s from an expression on an item that lacks it',
		async (resource, entity, field, value, json) => {
			const record = seeded(entity);
			const before = stored(entity, record.Id);
			const message = await failure(
				update(resource, record.Id, { updateFields: { [field]: value } }),
				[{ json }],
			);
			expect(message).toMatch(new RegExp(`\\(${field}\\): is empty in item 1: `));
			expect(requests('PUT')).toHaveLength(0);
			expect(stored(entity, record.Id)).toEqual(before);
		},
	);

	test('the error names the item that lacks the value', async () => {
		const record = seeded('Coworker');
		const message = await failure(
			update('customer', record.Id, { updateFields: { Notes: '={{ $json.notes }}' } }),
			[{ json: { notes: 'first' } }, { json: {} }],
		);
		expect(message).toMatch(/^Notes \(Notes\): is empty in item 2: .*Clear Fields/);
	});

	test('an empty inline list (a form with no items, JSON []) is refused too', async () => {
		const booking = seeded('Booking');
		expect(
			await failure(update('booking', booking.Id, { updateFields: { BookingProducts: {} } })),
		).toMatch(/\(BookingProducts\): is empty in item 1/);
		expect(
			await failure({
				resource: 'otherRecord',
				entity: { __rl: true, mode: 'name', value: 'Booking' },
				operation: 'update',
				recordId: String(booking.Id),
				fieldsInput: 'json',
				fieldsJson: '{"BookingProducts": []}',
			}),
		).toMatch(/\(BookingProducts\): is empty in item 1/);
		expect(requests('PUT')).toHaveLength(0);
	});

	test('Create leaves an optional top field that is empty out, and refuses an empty added one', async () => {
		const template = seeded('CoworkerNote');
		const parameters: INodeParameters = {
			resource: 'customerNote',
			operation: 'create',
			CoworkerId: { __rl: true, mode: 'id', value: String(template.CoworkerId) },
			Notes: 'a note',
		};
		const [item] = await run({ ...parameters, additionalFields: {} });
		expect(item.json.Notes).toBe('a note');
		expect(
			await failure({ ...parameters, additionalFields: { AddedBy: '={{ $json.author }}' } }),
		).toMatch(/\(AddedBy\): is empty in item 1/);
	});
});

describe('Clear Fields clears on purpose', () => {
	test('text becomes empty and a list loses its items; the rest is kept', async () => {
		const customer = seeded('Coworker');
		live('Coworker', customer.Id).Notes = 'to be cleared';
		live('Coworker', customer.Id).CompanyName = 'Acme';
		const [item] = await run(
			update('customer', customer.Id, { updateFields: {}, clearFields: ['Notes'] }),
		);
		expect(requests('PUT')[0].body).toMatchObject({ Notes: '' });
		expect(item.json.Notes ?? '').toBe('');
		expect(item.json.CompanyName).toBe('Acme');

		const product = seeded('Product');
		const tariff = seeded('Tariff');
		live('Product', product.Id).Tariffs = [tariff.Id];
		const [cleared] = await run(update('product', product.Id, { clearFields: ['Tariffs'] }));
		expect(cleared.json.Tariffs).toEqual([]);
	});

	test('a required field, a plain number or yes/no, and a field also set are refused', async () => {
		const customer = seeded('Coworker');
		expect(await failure(update('customer', customer.Id, { clearFields: ['Email'] }))).toMatch(
			/^Clear Fields > .*\(Email\): is required for Customer records: it cannot be cleared/,
		);
		expect(await failure(update('customer', customer.Id, { clearFields: ['Active'] }))).toMatch(
			/\(Active\): is a yes\/no value Nexudus always holds/,
		);
		expect(
			await failure(
				update('customer', customer.Id, {
					updateFields: { Notes: 'x' },
					clearFields: ['Notes'],
				}),
			),
		).toMatch(/\(Notes\): is also given a value/);
		expect(requests('PUT')).toHaveLength(0);
	});
});

describe('ids and whole numbers are written plainly', () => {
	test.each(['0x10', '1e3', '2.5', '99999999999999999999'])('Record ID %s', async (id) => {
		expect(await failure({ resource: 'customer', operation: 'get', recordId: id })).toBe(
			`Record ID: "${id}" is not a Nexudus ID (a positive whole number)`,
		);
	});

	test.each(['0x10', '1e3', '2.5'])('a whole-number field given %s', async (value) => {
		const product = seeded('Product');
		expect(
			await failure(update('product', product.Id, { updateFields: { DisplayOrder: value } })),
		).toMatch(new RegExp(`\\(DisplayOrder\\): "${value}" is not a whole number`));
		expect(
			await failure(update('product', product.Id, { updateFields: { Price: '0x10' } })),
		).toMatch(/\(Price\): "0x10" is not a number/);
		expect(requests('PUT')).toHaveLength(0);
	});
});

describe('no lost updates', () => {
	test('a PUT throttled after the read is rebuilt from a fresh read: a staff edit made meanwhile is kept', async () => {
		const customer = seeded('Coworker');
		session.fake.editAfterRead('Coworker', customer.Id, { Notes: 'called by the front desk' });
		// The PUT (the request after the read) is throttled: 409 with Retry-After 1.
		session.fake.failNext(1, 409, { after: 1 });
		const [item] = await run(
			update('customer', customer.Id, { updateFields: { CompanyName: 'New Co' } }),
		);
		expect(item.json.CompanyName).toBe('New Co');
		expect(item.json.Notes).toBe('called by the front desk');
		const puts = requests('PUT');
		expect(puts.map((request) => request.status)).toEqual([409, 200]);
		expect(puts[1].body).toMatchObject({
			CompanyName: 'New Co',
			Notes: 'called by the front desk',
		});
	});

	test('a staff edit of a field the update sets stops it with a named error, nothing overwritten', async () => {
		const customer = seeded('Coworker');
		session.fake.editAfterRead('Coworker', customer.Id, { CompanyName: 'Staff Co' });
		session.fake.failNext(1, 409, { after: 1 });
		const message = await failure(
			update('customer', customer.Id, { updateFields: { CompanyName: 'New Co' } }),
		);
		expect(message).toBe(
			`Customer ${customer.Id} was changed in Nexudus while this update waited (CompanyName): not overwritten`,
		);
		expect(stored('Coworker', customer.Id).CompanyName).toBe('Staff Co');
		expect(requests('PUT').filter((request) => request.status === 200)).toHaveLength(0);
	});

	test('a PUT that waited for write room is rebuilt from a fresh read', async () => {
		setRateLimits({ minIntervalMs: 20, writesPerWindow: 1, windowMs: 1500 });
		afterTest.push(() => setRateLimits());
		const [first, second] = session.fake.seed('Coworker', 2, session.locationId) as Array<
			IDataObject & { Id: number }
		>;
		session.fake.editAfterRead('Coworker', second.Id, { Notes: 'edited while waiting' });
		const items = await run(
			{
				resource: 'customer',
				operation: 'update',
				recordId: '={{ $json.id }}',
				updateFields: { CompanyName: 'Waited Co' },
			},
			[{ json: { id: first.Id } }, { json: { id: second.Id } }],
		);
		expect(items.map((item) => item.json.CompanyName)).toEqual(['Waited Co', 'Waited Co']);
		expect(stored('Coworker', second.Id).Notes).toBe('edited while waiting');
		// the second record was read twice before its write: once, then again after the wait
		const reads = requests('GET').filter((request) => request.path.endsWith(`/${second.Id}`));
		expect(reads.length).toBe(3);
	});

	test('two executions updating one record at once both keep their change', async () => {
		const customer = seeded('Coworker');
		await Promise.all([
			run(update('customer', customer.Id, { updateFields: { CompanyName: 'From one' } })),
			run(update('customer', customer.Id, { updateFields: { Notes: 'From two' } })),
		]);
		const record = stored('Coworker', customer.Id);
		expect(record.CompanyName).toBe('From one');
		expect(record.Notes).toBe('From two');
	});
});

describe('a Create never invites a duplicate', () => {
	const createTask = () => {
		const template = seeded('CoworkerTask');
		const { BusinessId, CoworkerId, ResponsibleId } = template;
		return {
			resource: 'otherRecord',
			entity: { __rl: true, mode: 'name', value: 'CoworkerTask' },
			operation: 'create',
			fieldsInput: 'json',
			fieldsJson: JSON.stringify({ BusinessId, CoworkerId, ResponsibleId, Name: 'Only once' }),
		};
	};
	const createdTasks = () =>
		session.fake.entities
			.records('CoworkerTask')
			.filter((task) => task.Name === 'Only once')
			.slice(-1);

	test('a read-back refused (no Read role) returns the new Id with a warning', async () => {
		const parameters = createTask();
		session.fake.setRoles(ALL_ROLES.filter((role) => role !== 'CoworkerTask-Read'));
		afterTest.push(() => session.fake.setRoles([...ALL_ROLES]));
		const hints = watchHints();
		const [item] = await run(parameters);
		const [task] = createdTasks();
		expect(item.json).toMatchObject({ Id: task.Id, created: true, readBackFailed: true });
		expect(hints()).toEqual([
			expect.objectContaining({
				type: 'warning',
				location: 'outputPane',
				message: expect.stringMatching(
					new RegExp(
						`^CoworkerTask ${task.Id} was created, but reading it back failed \\(Nexudus denied access \\(403\\)`,
					),
				) as unknown,
			}),
		]);
		expect(requests('POST')).toHaveLength(1);
	});

	test('a read-back that would wait past Max Wait returns the new Id with a warning', async () => {
		const parameters = createTask();
		session.credential.data.maxRateLimitWait = 0.5;
		session.fake.failNext(1, 409, { after: 1 }); // the read-back: Retry-After 1 s > 0.5 s
		const hints = watchHints();
		const [item] = await run(parameters);
		expect(item.json.Id).toBe(createdTasks()[0].Id);
		expect(hints()[0].message).toMatch(/reading it back failed \(Nexudus rate limit/);
	});

	test('an execution cancelled after the POST still names the new record', async () => {
		const parameters = createTask();
		const cancel = new AbortController();
		// Cancelled once Nexudus has the record, while the node reads it back.
		const find = session.fake.entities.find.bind(session.fake.entities);
		const spy = jest.spyOn(session.fake.entities, 'find').mockImplementation((entity, id) => {
			if (entity === 'CoworkerTask') cancel.abort();
			return find(entity, id);
		});
		afterTest.push(() => spy.mockRestore());
		const [item] = await run(parameters, undefined, { cancelSignal: cancel.signal });
		expect(item.json.Id).toBe(createdTasks()[0].Id);
	});
});

describe('Update sends back only what should go back', () => {
	test('action flags and the twin of a changed date are not echoed', async () => {
		const booking = seeded('Booking');
		Object.assign(live('Booking', booking.Id), {
			ChargeNow: true,
			InvoiceNow: true,
			WhichBookingsToUpdate: 3,
			FromTimeLocal: '2030-01-01T10:00:00Z',
		});
		await run(update('booking', booking.Id, { updateFields: { FromTime: '2030-01-01T09:00:00' } }));
		const body = requests('PUT')[0].body as IDataObject;
		expect(body).toMatchObject({
			FromTime: '2030-01-01T09:00:00',
			ChargeNow: false,
			InvoiceNow: false,
			WhichBookingsToUpdate: 1,
		});
		expect(body).not.toHaveProperty('FromTimeLocal');
	});

	test('an action flag the user sets is sent', async () => {
		const booking = seeded('Booking');
		await run(update('booking', booking.Id, { updateFields: { ChargeNow: true } }));
		expect(requests('PUT')[0].body).toMatchObject({ ChargeNow: true });
	});

	test('an inline child list the user did not touch stays exactly as Nexudus holds it', async () => {
		const booking = seeded('Booking');
		const product = seeded('Product');
		live('Booking', booking.Id).BookingProducts = [
			{ Id: 71, ProductId: product.Id, Quantity: 1, InvoiceInMinutes: false },
			{ Id: 72, ProductId: product.Id, Quantity: 3, InvoiceInMinutes: true },
		];
		const before = stored('Booking', booking.Id).BookingProducts;
		const [item] = await run(update('booking', booking.Id, { updateFields: { Notes: 'moved' } }));
		expect(item.json.BookingProducts).toEqual(before);
		expect(stored('Booking', booking.Id).BookingProducts).toEqual(before);
	});

	test('a field the user set that did not take is an error naming it', async () => {
		const customer = seeded('Coworker');
		putsIgnore('Notes');
		expect(
			await failure(update('customer', customer.Id, { updateFields: { Notes: 'lost?' } })),
		).toBe(`Customer ${customer.Id} was updated, but Nexudus did not take Notes`);
	});

	test('a change the update did not ask for (a child list emptied) is a warning', async () => {
		const booking = seeded('Booking');
		const product = seeded('Product');
		live('Booking', booking.Id).BookingProducts = [
			{ Id: 81, ProductId: product.Id, Quantity: 1, InvoiceInMinutes: false },
		];
		putsIgnore('BookingProducts');
		const hints = watchHints();
		await run(update('booking', booking.Id, { updateFields: { Notes: 'x' } }));
		expect(hints().map((hint) => hint.message)).toEqual([
			`Booking ${booking.Id} was updated; Nexudus also changed BookingProducts, which the update did not set: check it.`,
		]);
	});
});

describe('Get Many never silently widens', () => {
	test('an unconfirmed text filter Nexudus ignores is an error, not every record', async () => {
		// Business_State is a name only the CLI gives (unconfirmed by any live source).
		const [match, other] = session.fake.seed('Business', 2) as IDataObject[];
		live('Business', match.Id as number).State = 'Lisboa-123';
		live('Business', other.Id as number).State = 'Porto-999';
		const parameters = {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
			filters: { Business_State: '123' },
		};
		const search = session.fake.entities.search.bind(session.fake.entities);
		// Whether the fake honours the name or not, the node must answer only rows that contain it.
		const honoured = jest.spyOn(session.fake.entities, 'search').mockImplementation((entity, query) => {
			const page = search(entity, query);
			if (entity !== 'Business' || !query.Business_State) return page;
			const Records = page.Records.filter((row) => String(row.State ?? '').includes('123'));
			return { ...page, Records, TotalItems: Records.length };
		});
		expect((await run(parameters)).map((item) => item.json.Id)).toEqual([match.Id]);
		honoured.mockRestore();
		const ignored = jest.spyOn(session.fake.entities, 'search').mockImplementation((entity, query) => {
			const rest = { ...query };
			delete rest.Business_State;
			return search(entity, rest);
		});
		afterTest.push(() => ignored.mockRestore());
		expect(await failure(parameters)).toMatch(
			/^Filters > .*\(Business_State\): Nexudus answered with records whose State is not a text containing "123"/,
		);
	});
});

describe('dates mean one thing', () => {
	test('an offset on a local-time field is converted to the workflow zone; on a UTC filter to UTC', async () => {
		const booking = seeded('Booking');
		// the harness's workflow runs in n8n's default zone, America/New_York (UTC-5 in January)
		await run(
			update('booking', booking.Id, { updateFields: { FromTime: '2030-01-01T09:00:00+02:00' } }),
		);
		expect(requests('PUT')[0].body).toMatchObject({ FromTime: '2030-01-01T02:00:00' });
		expect(
			await failure(
				update('booking', booking.Id, { updateFields: { FromTime: '2030-13-01T09:00:00' } }),
			),
		).toMatch(/\(FromTime\): "2030-13-01T09:00:00" is not a date: there is no month 13/);
		await run({
			resource: 'booking',
			operation: 'getAll',
			returnAll: true,
			filters: { from_Booking_CreatedOn: '2030-01-01T09:00+02:00' },
		});
		expect(requests('GET').at(-1)!.query.from_Booking_CreatedOn).toBe('2030-01-01T07:00');
	});
});

describe('Run Command reports per record', () => {
	test('a command that fails for some records reports each, with a warning, and fails no item', async () => {
		const [tentative, confirmed] = session.fake.seed('Booking', 2, session.locationId) as Array<
			IDataObject & { Id: number }
		>;
		live('Booking', tentative.Id).Tentative = true;
		live('Booking', confirmed.Id).Tentative = false;
		const hints = watchHints();
		const [item] = await run({
			resource: 'booking',
			operation: 'runCommand',
			command: 'BOOKING_CONFIRM',
			commandIds: `${tentative.Id}, ${confirmed.Id}`,
		});
		expect(item.json).toMatchObject({
			Key: 'BOOKING_CONFIRM',
			WasSuccessful: false,
			succeeded: [tentative.Id],
			failed: [{ Id: confirmed.Id, Message: 'The booking is not tentative.' }],
		});
		expect(stored('Booking', tentative.Id).Tentative).toBe(false);
		expect(hints()[0].message).toBe(
			`BOOKING_CONFIRM ran on Booking ${tentative.Id} but failed on ${confirmed.Id}: The booking is not tentative.. Run it again only for the records that failed.`,
		);
	});

	test('a command that fails for every record fails the item', async () => {
		const booking = seeded('Booking');
		live('Booking', booking.Id).Tentative = false;
		expect(
			await failure({
				resource: 'booking',
				operation: 'runCommand',
				command: 'BOOKING_CONFIRM',
				commandIds: String(booking.Id),
			}),
		).toBe(
			`Nexudus rejected the command BOOKING_CONFIRM: ${booking.Id}: The booking is not tentative.`,
		);
	});
});
