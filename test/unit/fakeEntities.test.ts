/**
 * The fake Nexudus's catalogue entities, over real HTTP (plain fetch): every verb, every quirk the node
 * must survive (partial list rows, PUT replacing the record, validation envelope, commands failing
 * with 200), roles, and a loop over every served entity following its catalogue verbs.
 */
import { catalogueEntity } from '../fake-nexudus/catalogue';
import { generateRecord } from '../fake-nexudus/entitySeed';
import {
	ALL_ROLES,
	FakeNexudus,
	type PagedResult,
	SERVED_ENTITIES,
	type StoredRecord,
	type ValidationError,
} from '../fake-nexudus/server';

type Row = Record<string, unknown> & { Id: number };
type Page = PagedResult<Row>;
interface Answer<T = unknown> {
	status: number;
	body: T;
}
interface WriteEnvelope {
	Status?: number;
	Message: string;
	Value: { Id: number } | null;
	Errors: ValidationError[] | null;
	WasSuccessful: boolean;
}

let fake: FakeNexudus;
let token = '';
let downtown: number;
let riverside: number;

async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${token}`,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as T };
}

const get = <T = unknown>(path: string, query: Record<string, string | number> = {}) => {
	const search = new URLSearchParams(
		Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
	).toString();
	return call<T>('GET', search ? `${path}?${search}` : path);
};

const pathOf = (entity: string) => catalogueEntity(entity).path;

function without(record: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));
}

beforeAll(async () => {
	fake = await FakeNexudus.start();
	downtown = fake.addBusiness('Downtown Hub').Id;
	riverside = fake.addBusiness('Riverside Loft').Id;
	fake.seedEntities();
	const response = await fetch(`${fake.url}/api/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'grant_type=password&username=admin%40example.com&password=correct-horse',
	});
	token = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(() => fake.stop());

afterEach(() => fake.setRoles([...ALL_ROLES]));

describe('search', () => {
	it('answers the list envelope, pages up to 1000 rows and sorts by orderBy/dir', async () => {
		fake.seed('CoworkerNote', 1010, downtown);
		const total = fake.entities.records('CoworkerNote').length;
		const first = await get<Page>('/api/spaces/coworkernotes', { size: 5000 });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			CurrentPage: 1,
			CurrentPageSize: 1000,
			FirstItem: 1,
			LastItem: 1000,
			TotalItems: total,
			TotalPages: 2,
			HasNextPage: true,
			HasPreviousPage: false,
		});
		expect(first.body.Records).toHaveLength(1000);
		const second = await get<Page>('/api/spaces/coworkernotes', { size: 1000, page: 2 });
		expect(second.body).toMatchObject({ FirstItem: 1001, LastItem: total, HasNextPage: false });
		expect(second.body.Records).toHaveLength(total - 1000);
		const ids = [...first.body.Records, ...second.body.Records].map((row) => row.Id);
		expect(new Set(ids).size).toBe(total);

		const byDefault = await get<Page>('/api/spaces/coworkernotes');
		expect(byDefault.body.CurrentPageSize).toBe(25);
		const descending = await get<Page>('/api/spaces/coworkernotes', {
			orderBy: 'Id',
			dir: 1,
			size: 3,
		});
		expect(descending.body.Records.map((row) => row.Id)).toEqual(
			[...ids].sort((a, b) => b - a).slice(0, 3),
		);
		expect(descending.body).toMatchObject({ CurrentOrderField: 'Id', CurrentSortDirection: 1 });
		fake.entities.clear('CoworkerNote');
		fake.seed('CoworkerNote', 4, downtown);
	});

	it('filters text by contains (any case), enums and booleans by equality, ids by navigation name', async () => {
		const [ada] = fake.seed(
			'Coworker',
			[{ FullName: 'Zelda Quartermaine', CoworkerType: 2 }],
			downtown,
		);
		const text = await get<Page>('/api/spaces/coworkers', { Coworker_FullName: 'QUARTER' });
		expect(text.body.Records.map((row) => row.Id)).toEqual([ada.Id]);
		fake.setTextFilterMatch('equals');
		const exact = await get<Page>('/api/spaces/coworkers', { Coworker_FullName: 'QUARTER' });
		fake.setTextFilterMatch('contains');
		expect(exact.body.TotalItems).toBe(0);
		const companies = await get<Page>('/api/spaces/coworkers', {
			Coworker_CoworkerType: 2,
			size: 1000,
		});
		expect(companies.body.TotalItems).toBeGreaterThan(1);
		expect(companies.body.Records.every((row) => row.CoworkerType === 2)).toBe(true);

		const tentative = await get<Page>('/api/spaces/bookings', { Booking_Tentative: 'true' });
		expect(tentative.body.TotalItems).toBe(
			fake.entities.records('Booking').filter((b) => b.Tentative === true).length,
		);
		expect(tentative.body.TotalItems).toBeGreaterThan(0);

		const resource = fake.entities.records('Resource')[0];
		const booked = await get<Page>('/api/spaces/bookings', { Booking_Resource: resource.Id });
		expect(booked.body.TotalItems).toBeGreaterThan(0);
		expect(booked.body.Records.every((row) => row.ResourceId === resource.Id)).toBe(true);
		expect(booked.body.Records[0].ResourceName).toBe(resource.Name);

		// a filter on a related record's property (from the 2020 docs' list)
		const checkin = fake.entities.records('Checkin')[0];
		const customer = fake.entities.find('Coworker', checkin.CoworkerId as number) as StoredRecord;
		const byName = await get<Page>('/api/spaces/checkins', {
			Checkin_Coworker_FullName: String(customer.FullName),
		});
		expect(byName.body.TotalItems).toBeGreaterThan(0);
		expect(byName.body.Records.every((row) => row.CoworkerFullName === customer.FullName)).toBe(
			true,
		);
	});

	it('applies from_/to_ range filters on dates and decimals, and CreatedOn/UpdatedOn windows', async () => {
		const bookings = fake.seed(
			'Booking',
			[
				{ FromTime: '2030-03-01T09:00:00Z', ToTime: '2030-03-01T10:00:00Z', OverridePrice: 5 },
				{ FromTime: '2030-03-02T09:00:00Z', ToTime: '2030-03-02T10:00:00Z', OverridePrice: 50.5 },
				{ FromTime: '2030-03-03T09:00:00Z', ToTime: '2030-03-03T10:00:00Z', OverridePrice: 500 },
			],
			downtown,
		);
		const window = await get<Page>('/api/spaces/bookings', {
			from_Booking_FromTime: '2030-03-01T09:01',
			to_Booking_FromTime: '2030-03-03T09:00',
		});
		expect(window.body.Records.map((row) => row.Id)).toEqual([bookings[1].Id, bookings[2].Id]);
		const price = await get<Page>('/api/spaces/bookings', {
			from_Booking_OverridePrice: '50.5',
			to_Booking_OverridePrice: 100,
		});
		expect(price.body.Records.map((row) => row.Id)).toEqual([bookings[1].Id]);

		bookings[0].CreatedOn = '2020-01-01T00:00:00Z';
		const old = await get<Page>('/api/spaces/bookings', {
			to_Booking_CreatedOn: '2020-01-02T00:00',
		});
		expect(old.body.Records.map((row) => row.Id)).toEqual([bookings[0].Id]);
	});

	it('ignores unknown filter names (as Nexudus does) and answers 400 naming a malformed filter value', async () => {
		const all = await get<Page>('/api/spaces/teams');
		const misspelt = await get<Page>('/api/spaces/teams', { Team_Nmae: 'nothing matches this' });
		expect(misspelt.body.TotalItems).toBe(all.body.TotalItems);
		const bad = await get<{ Errors: ValidationError[] }>('/api/spaces/bookings', {
			from_Booking_FromTime: 'yesterday',
		});
		expect(bad.status).toBe(400);
		expect(bad.body.Errors).toEqual([
			{
				AttemptedValue: 'yesterday',
				Message: 'is not a valid date, expected format YYYY-MM-DDTHH:mm',
				PropertyName: 'from_Booking_FromTime',
			},
		]);
	});

	it('answers the batch form ?id=[…] with partial rows of the records that exist', async () => {
		const [one, two] = fake.entities.records('Booking');
		const batch = await get<Row[]>('/api/spaces/bookings', { id: `[${one.Id},${two.Id},999]` });
		expect(batch.status).toBe(200);
		expect(batch.body.map((row) => row.Id)).toEqual([one.Id, two.Id]);
		expect(batch.body[0]).not.toHaveProperty('Notes');
	});
});

describe('partial rows and full records', () => {
	it('list rows leave out collections and long text; GET by id has every property', async () => {
		const [customer] = fake.seed(
			'Coworker',
			[{ Teams: [1], Notes: 'VIP', Address: '1 Main St' }],
			downtown,
		);
		const rows = await get<Page>('/api/spaces/coworkers', {
			Coworker_Email: String(customer.Email),
		});
		const row = rows.body.Records[0];
		expect(row.Id).toBe(customer.Id);
		for (const property of ['Teams', 'Businesses', 'Notes', 'Address'])
			expect(row).not.toHaveProperty(property);
		expect(row).toMatchObject({ FullName: customer.FullName, Email: customer.Email });

		const full = await get<Row>(`/api/spaces/coworkers/${customer.Id}`);
		expect(full.status).toBe(200);
		expect(full.body).toMatchObject({ Teams: [1], Notes: 'VIP', Address: '1 Main St' });
		expect(Object.keys(full.body).length).toBeGreaterThan(Object.keys(row).length);
	});

	it('reads navigation properties from the record an id points at', async () => {
		const booking = fake.entities.records('Booking')[0];
		const full = await get<Row>(`/api/spaces/bookings/${booking.Id}`);
		const customer = fake.entities.find('Coworker', booking.CoworkerId as number);
		expect(full.body.CoworkerFullName).toBe(customer?.FullName);
	});

	it('answers 404 with a Message for a missing or malformed id', async () => {
		for (const path of ['/api/spaces/bookings/424242', '/api/spaces/bookings/abc']) {
			const answer = await get<{ Message: string }>(path);
			expect(answer.status).toBe(404);
			expect(answer.body).toEqual({ Message: 'Booking not found' });
		}
		const unknown = await get<{ Message: string }>('/api/spaces/spaceships');
		expect(unknown.status).toBe(404);
		expect(unknown.body.Message).toMatch(/No HTTP resource/);
	});
});

describe('create', () => {
	const validNote = () => ({
		CoworkerId: fake.entities.records('Coworker')[0].Id,
		Notes: 'Called about the invoice',
	});

	it('answers the write envelope with only the new Id', async () => {
		const created = await call<WriteEnvelope>('POST', '/api/spaces/coworkernotes', validNote());
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			Status: 200,
			Message: 'CoworkerNote was successfully created.',
			WasSuccessful: true,
			Errors: null,
		});
		const id = (created.body.Value as { Id: number }).Id;
		expect(created.body.Value).toEqual({ Id: id });
		const read = await get<Row>(`/api/spaces/coworkernotes/${id}`);
		expect(read.body).toMatchObject({ ...validNote(), Id: id, AddedBy: null });
	});

	it('rejects missing required fields with 400 and one error per property', async () => {
		const answer = await call<WriteEnvelope>('POST', '/api/spaces/coworkernotes', { Notes: '  ' });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			Message: 'CoworkerId: is a required field\nNotes: is a required field',
			Value: null,
			Errors: [
				{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'CoworkerId' },
				{ AttemptedValue: '  ', Message: 'is a required field', PropertyName: 'Notes' },
			],
			WasSuccessful: false,
		});
	});

	it('rejects enum values the catalogue does not list, wrong types and ids of records that do not exist', async () => {
		const resource = fake.entities.records('Resource')[0];
		const answer = await call<WriteEnvelope>('POST', '/api/spaces/bookings', {
			ResourceId: resource.Id,
			CoworkerId: 999,
			FromTime: 'not a date',
			ToTime: '2030-01-01T10:00:00',
			Repeats: 42,
			WhichBookingsToUpdate: 'UpdateThisBookingOnly',
			Tentative: 'yes',
		});
		expect(answer.status).toBe(400);
		expect(answer.body.Errors).toEqual([
			{ AttemptedValue: 999, Message: 'is not a valid Coworker', PropertyName: 'CoworkerId' },
			{ AttemptedValue: 'not a date', Message: 'is not a valid value', PropertyName: 'FromTime' },
			{ AttemptedValue: 'yes', Message: 'is not a valid value', PropertyName: 'Tentative' },
			{ AttemptedValue: 42, Message: 'is not a valid value', PropertyName: 'Repeats' },
			{
				AttemptedValue: 'UpdateThisBookingOnly',
				Message: 'is not a valid value',
				PropertyName: 'WhichBookingsToUpdate',
			},
		]);
	});

	it('accepts inline children (a booking’s products and visitors) and checks the ids they carry', async () => {
		const resource = fake.entities.records('Resource')[0];
		const product = fake.entities.records('Product')[0];
		const booking = {
			ResourceId: resource.Id,
			FromTime: '2030-05-01T09:00',
			ToTime: '2030-05-01T10:00',
			Repeats: 1,
			WhichBookingsToUpdate: 1,
			BookingProducts: [{ ProductId: product.Id, Quantity: 2, Ignored: true }],
			BookingVisitors: [{ VisitorFullName: 'Sam Guest', VisitorEmail: 'sam@example.com' }],
		};
		const created = await call<WriteEnvelope>('POST', '/api/spaces/bookings', booking);
		expect(created.status).toBe(200);
		const id = (created.body.Value as { Id: number }).Id;
		const full = await get<Row>(`/api/spaces/bookings/${id}`);
		expect(full.body).toMatchObject({
			FromTime: '2030-05-01T09:00:00Z',
			BookingProducts: [{ ProductId: product.Id, Quantity: 2, InvoiceInMinutes: null }],
			BookingVisitors: [{ VisitorFullName: 'Sam Guest', VisitorEmail: 'sam@example.com' }],
		});
		expect((full.body.BookingProducts as Row[])[0]).not.toHaveProperty('Ignored');

		const wrong = await call<WriteEnvelope>('POST', '/api/spaces/bookings', {
			...booking,
			BookingProducts: [{ ProductId: 5, Quantity: 1 }],
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body.Errors).toEqual([
			{
				AttemptedValue: 5,
				Message: 'is not a valid Product',
				PropertyName: 'BookingProducts[0].ProductId',
			},
		]);
	});
});

describe('update (PUT replaces the record)', () => {
	it('clears every field the body leaves out, keeps read-only and creation data', async () => {
		const [booking] = fake.seed(
			'Booking',
			[{ Notes: 'Projector please', Tentative: true, Invoiced: true }],
			downtown,
		);
		const { CreatedOn, UniqueId } = booking;
		const answer = await call<WriteEnvelope>('PUT', '/api/spaces/bookings', {
			Id: booking.Id,
			ResourceId: booking.ResourceId,
			FromTime: booking.FromTime,
			ToTime: booking.ToTime,
			WhichBookingsToUpdate: 1,
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			Message: 'Booking was successfully updated.',
			Value: { Id: booking.Id },
		});
		const full = await get<Row>(`/api/spaces/bookings/${booking.Id}`);
		expect(full.body).toMatchObject({
			Notes: null,
			Tentative: false,
			CoworkerId: null,
			Invoiced: true,
			CreatedOn,
			UniqueId,
		});
	});

	it('keeps everything when the full record is read and sent back with one change', async () => {
		const booking = fake.entities.records('Booking')[1];
		const before = (await get<Row>(`/api/spaces/bookings/${booking.Id}`)).body;
		expect(
			(await call('PUT', '/api/spaces/bookings', { ...before, Notes: 'changed' })).status,
		).toBe(200);
		const after = (await get<Row>(`/api/spaces/bookings/${booking.Id}`)).body;
		const unchanged = without(before, 'UpdatedOn', 'Notes');
		expect(after).toMatchObject({ ...unchanged, Notes: 'changed' });
	});

	it('needs Id and the required fields, and answers 404 for an unknown Id', async () => {
		const noId = await call<WriteEnvelope>('PUT', '/api/spaces/teams', {
			Name: 'x',
			BusinessId: downtown,
		});
		expect(noId.status).toBe(400);
		expect(noId.body.Errors).toEqual([
			{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'Id' },
		]);
		const team = fake.entities.records('Team')[0];
		const noName = await call<WriteEnvelope>('PUT', '/api/spaces/teams', {
			Id: team.Id,
			BusinessId: downtown,
		});
		expect(noName.status).toBe(400);
		expect(noName.body.Errors).toEqual([
			{ AttemptedValue: null, Message: 'is a required field', PropertyName: 'Name' },
		]);
		const missing = await call('PUT', '/api/spaces/teams', {
			Id: 424242,
			Name: 'x',
			BusinessId: downtown,
		});
		expect(missing).toEqual({ status: 404, body: { Message: 'Team not found' } });
	});

	it('adds and removes list items with Added…/Removed… without resending the list', async () => {
		const [team] = fake.seed('Team', [{ TeamMembers: [1, 2] }], riverside);
		const full = (await get<Row>(`/api/spaces/teams/${team.Id}`)).body;
		await call('PUT', '/api/spaces/teams', {
			...full,
			AddedTeamMembers: [3],
			RemovedTeamMembers: [1],
		});
		expect((await get<Row>(`/api/spaces/teams/${team.Id}`)).body).toMatchObject({
			TeamMembers: [2, 3],
			AddedTeamMembers: [],
			RemovedTeamMembers: [],
		});
		const bad = await call<WriteEnvelope>('PUT', '/api/spaces/teams', {
			...full,
			AddedTeamMembers: 'x',
		});
		expect(bad.body.Errors).toEqual([
			{ AttemptedValue: 'x', Message: 'is not a valid value', PropertyName: 'AddedTeamMembers' },
		]);
	});
});

describe('delete', () => {
	it('answers the write envelope, then 404; entities without DELETE in the catalogue have no route', async () => {
		const [note] = fake.seed('CoworkerNote', 1, downtown);
		const deleted = await call<WriteEnvelope>('DELETE', `/api/spaces/coworkernotes/${note.Id}`);
		expect(deleted).toEqual({
			status: 200,
			body: {
				Status: 200,
				Message: 'CoworkerNote was successfully deleted.',
				Value: { Id: note.Id },
				WasSuccessful: true,
				Errors: null,
			},
		});
		expect((await call('DELETE', `/api/spaces/coworkernotes/${note.Id}`)).status).toBe(404);
		expect((await get(`/api/spaces/coworkernotes/${note.Id}`)).status).toBe(404);

		const customer = fake.entities.records('Coworker')[0];
		const noDelete = await call<{ Message: string }>(
			'DELETE',
			`/api/spaces/coworkers/${customer.Id}`,
		);
		expect(noDelete.status).toBe(404);
		expect(noDelete.body.Message).toMatch(/No HTTP resource/);
		expect(fake.entities.find('Coworker', customer.Id)).toBeDefined();
	});
});

describe('commands', () => {
	it('lists the commands of an entity that has them', async () => {
		const list = await get<Array<{ Key: string; Name: string }>>('/api/spaces/bookings/commands');
		expect(list.status).toBe(200);
		expect(list.body.map((command) => command.Key)).toEqual([
			'BOOKING_CONFIRM',
			'BOOKING_SET_EXTERNAL_ID',
		]);
		expect((await get('/api/spaces/coworkernotes/commands')).status).toBe(404);
	});

	it('runs a command and answers WasSuccessful true', async () => {
		const [booking] = fake.seed('Booking', [{ Tentative: true }], downtown);
		const run = await call<WriteEnvelope>('POST', '/api/spaces/bookings/runcommand', {
			Key: 'BOOKING_CONFIRM',
			Ids: [booking.Id],
			Parameters: [],
		});
		expect(run.status).toBe(200);
		expect(run.body.WasSuccessful).toBe(true);
		expect(fake.entities.find('Booking', booking.Id)?.Tentative).toBe(false);

		const named = await call<WriteEnvelope>('POST', '/api/spaces/bookings/runcommand', {
			Key: 'BOOKING_SET_EXTERNAL_ID',
			Ids: [booking.Id],
			Parameters: [{ Name: 'SystemId', Value: 'crm-7' }],
		});
		expect(named.body.WasSuccessful).toBe(true);
		expect(fake.entities.find('Booking', booking.Id)?.SystemId).toBe('crm-7');
	});

	it('answers HTTP 200 with WasSuccessful false when the command fails', async () => {
		const [booking] = fake.seed('Booking', [{ Tentative: false }], downtown);
		for (const body of [
			{ Key: 'BOOKING_CONFIRM', Ids: [booking.Id] },
			{ Key: 'BOOKING_CONFIRM', Ids: [424242] },
			{ Key: 'NO_SUCH_COMMAND', Ids: [booking.Id] },
			{ Key: 'BOOKING_SET_EXTERNAL_ID', Ids: [booking.Id], Parameters: [] },
		]) {
			const run = await call<WriteEnvelope>('POST', '/api/spaces/bookings/runcommand', body);
			expect(run.status).toBe(200);
			expect(run.body.WasSuccessful).toBe(false);
			expect(run.body.Message).not.toBe('');
		}
		const malformed = await call<WriteEnvelope>('POST', '/api/spaces/bookings/runcommand', {
			Ids: 'all',
		});
		expect(malformed.status).toBe(400);
		expect(malformed.body.Errors?.map((error) => error.PropertyName)).toEqual(['Key', 'Ids']);
	});
});

describe('roles', () => {
	it.each([
		['GET', '/api/spaces/bookings', 'Booking-List'],
		['GET', '/api/spaces/bookings?id=[1]', 'Booking-Read'],
		['GET', '/api/spaces/bookings/1', 'Booking-Read'],
		['POST', '/api/spaces/bookings', 'Booking-Create'],
		['PUT', '/api/spaces/bookings', 'Booking-Edit'],
		['DELETE', '/api/spaces/bookings/1', 'Booking-Delete'],
		['GET', '/api/spaces/bookings/commands', 'Booking-List'],
		['POST', '/api/spaces/bookings/runcommand', 'Booking-Update'],
		['GET', '/api/sys/businesses', 'Business-List'],
		['PUT', '/api/sys/businesses', 'Business-Edit'],
	])('%s %s needs %s (403 naming it)', async (method, path, role) => {
		expect(ALL_ROLES).toContain(role);
		fake.setRoles(ALL_ROLES.filter((r) => r !== role));
		const denied = await call(
			method,
			path,
			method === 'GET' || method === 'DELETE' ? undefined : {},
		);
		expect(denied).toEqual({
			status: 403,
			body: { Message: `You do not have the required role: ${role}` },
		});
		fake.setRoles([role]);
		expect(
			(await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {})).status,
		).not.toBe(403);
	});
});

describe('locations stay the Business entity', () => {
	it('serves addBusiness records through the generic endpoints, and PUT replaces them too', async () => {
		const location = fake.addBusiness('Harbour Works');
		const full = (await get<Row>(`/api/sys/businesses/${location.Id}`)).body;
		expect(full).toMatchObject({
			Id: location.Id,
			Name: 'Harbour Works',
			WebAddress: 'harbourworks',
		});
		const put = await call('PUT', '/api/sys/businesses', { ...full, Name: 'Harbour Works East' });
		expect(put.status).toBe(200);
		expect(fake.businesses.find((b) => b.Id === location.Id)?.Name).toBe('Harbour Works East');
		const listed = await get<Page>('/api/sys/businesses', { Business_Name: 'east' });
		expect(listed.body.Records.map((row) => row.Id)).toEqual([location.Id]);
		expect(listed.body.Records[0]).not.toHaveProperty('PassportDescription');
		expect((await call('POST', '/api/sys/businesses', { Name: 'New' })).status).toBe(404);
		fake.businesses.splice(
			fake.businesses.indexOf(fake.businesses.find((b) => b.Id === location.Id)!),
			1,
		);
	});
});

describe.each(SERVED_ENTITIES.map((entity) => [entity]))(
	'%s follows its catalogue verbs',
	(entity) => {
		const { verbs } = catalogueEntity(entity);
		const path = pathOf(entity);
		let record: StoredRecord;

		beforeAll(() => {
			record = fake.entities.records(entity)[0];
		});

		it(`search is ${verbs.includes('search') ? 'served' : 'absent'}`, async () => {
			const answer = await get<Page>(path);
			if (!verbs.includes('search')) return expect(answer.status).toBe(404);
			expect(answer.status).toBe(200);
			expect(answer.body.TotalItems).toBe(fake.entities.records(entity).length);
			expect(answer.body.Records.length).toBeGreaterThan(0);
			for (const omitted of fake.entities.schema(entity).omittedInList)
				expect(answer.body.Records[0]).not.toHaveProperty(omitted);
		});

		it(`get is ${verbs.includes('get') ? 'served' : 'absent'}`, async () => {
			const answer = await get<Row>(`${path}/${record.Id}`);
			if (!verbs.includes('get')) return expect(answer.status).toBe(404);
			expect(answer.status).toBe(200);
			expect(answer.body).toMatchObject({ Id: record.Id, UniqueId: record.UniqueId });
		});

		it(`create is ${verbs.includes('create') ? 'served' : 'absent'}`, async () => {
			const values = generateRecord(fake.entities, entity, 77, downtown);
			const answer = await call<WriteEnvelope>('POST', path, values);
			if (!verbs.includes('create')) return expect(answer.status).toBe(404);
			expect(answer.body.Errors).toBeNull();
			expect(answer.status).toBe(200);
			const created = await get<Row>(`${path}/${(answer.body.Value as { Id: number }).Id}`);
			expect(created.body).toMatchObject(values);
			const empty = await call<WriteEnvelope>('POST', path, {});
			const required = fake.entities
				.schema(entity)
				.fields.filter((field) => field.requiredOnCreate);
			expect(empty.status).toBe(required.length > 0 ? 400 : 200);
		});

		it(`update is ${verbs.includes('update') ? 'served' : 'absent'}`, async () => {
			const full = fake.entities.find(entity, record.Id) as StoredRecord;
			const text = fake.entities
				.schema(entity)
				.fields.find((f) => f.onUpdate && f.type === 'text' && !f.references);
			const changed = text ? { ...full, [text.name]: 'changed by PUT' } : full;
			const answer = await call<WriteEnvelope>('PUT', path, changed);
			if (!verbs.includes('update')) return expect(answer.status).toBe(404);
			expect(answer.body.Errors).toBeNull();
			expect(answer.status).toBe(200);
			// the server stamps UpdatedOn, UpdatedBy and ToStringText itself
			const sent = without(changed, 'UpdatedOn', 'UpdatedBy', 'ToStringText');
			expect((await get<Row>(`${path}/${record.Id}`)).body).toMatchObject(sent);
		});

		it(`delete is ${verbs.includes('delete') ? 'served' : 'absent'}`, async () => {
			const [victim] = fake.seed(entity, 1, downtown);
			const answer = await call<WriteEnvelope>('DELETE', `${path}/${victim.Id}`);
			if (!verbs.includes('delete')) {
				expect(answer.status).toBe(404);
				return expect(fake.entities.find(entity, victim.Id)).toBeDefined();
			}
			expect(answer.status).toBe(200);
			expect(answer.body.WasSuccessful).toBe(true);
			expect(fake.entities.find(entity, victim.Id)).toBeUndefined();
		});
	},
);

describe('demo records', () => {
	it('give every location customers, teams, plans, products and resources for pickers', () => {
		for (const location of [downtown, riverside]) {
			const at = (entity: string) =>
				fake.entities
					.records(entity)
					.filter((record) =>
						entity === 'Coworker'
							? (record.Businesses as number[]).includes(location)
							: record.BusinessId === location,
					);
			expect(at('Coworker').length).toBeGreaterThanOrEqual(4);
			for (const customer of at('Coworker')) expect(customer.Email).toMatch(/@example\.com$/);
			for (const entity of ['Team', 'Tariff', 'Product', 'Resource'])
				expect(at(entity).length).toBeGreaterThanOrEqual(2);
		}
	});

	it('are valid records: each one read and sent back whole is accepted', async () => {
		const updatable = SERVED_ENTITIES.filter((entity) =>
			catalogueEntity(entity).verbs.includes('update'),
		);
		for (const entity of updatable) {
			for (const record of fake.entities.records(entity)) {
				const full = (await get<Row>(`${pathOf(entity)}/${record.Id}`)).body;
				const answer = await call<WriteEnvelope>('PUT', pathOf(entity), full);
				expect({ entity, id: record.Id, errors: answer.body.Errors }).toEqual({
					entity,
					id: record.Id,
					errors: null,
				});
			}
		}
	});
});

describe('control endpoints for other processes', () => {
	const control = async <T = unknown>(method: string, path: string, body?: unknown) => {
		const response = await fetch(`${fake.url}/__control/entities${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as T };
	};

	it('lists the served entities, seeds, reads and clears records', async () => {
		const served = await control<{
			served: Array<{ entity: string; path: string; count: number }>;
		}>('GET', '');
		expect(served.body.served.map((entry) => entry.entity)).toEqual([...SERVED_ENTITIES]);
		expect(served.body.served.find((entry) => entry.entity === 'Visitor')).toEqual({
			entity: 'Visitor',
			path: '/api/spaces/visitors',
			count: fake.entities.records('Visitor').length,
		});

		const seeded = await control<Row[]>('POST', '/Visitor/seed', {
			records: [{ FullName: 'Pat Visitor' }],
			businessId: riverside,
		});
		expect(seeded.status).toBe(200);
		expect(seeded.body[0]).toMatchObject({ FullName: 'Pat Visitor', BusinessId: riverside });
		expect(seeded.body[0].Email).toEqual(expect.stringContaining('@example.com'));
		const generated = await control<Row[]>('POST', '/Visitor/seed', { count: 2 });
		expect(generated.body).toHaveLength(2);

		const records = await control<Row[]>('GET', '/Visitor');
		expect(records.body.map((row) => row.Id)).toEqual(
			fake.entities.records('Visitor').map((r) => r.Id),
		);
		expect(records.body[0]).toHaveProperty('Notes');

		expect((await control('POST', '/clear', { entity: 'Visitor' })).status).toBe(200);
		expect(fake.entities.records('Visitor')).toHaveLength(0);
		expect((await control('GET', '/Nothing')).status).toBe(404);
		await control('POST', '/Visitor/seed', { count: 2, businessId: downtown });
	});
});

describe('a staff edit between a read and a write', () => {
	it('POST /__control/edit-after-read changes the record right after its next read, moving UpdatedOn', async () => {
		const [note] = fake.seed('CoworkerNote', 1, downtown);
		const original = note.Notes; // `note` is the live record
		const path = `${pathOf('CoworkerNote')}/${note.Id}`;
		const armed = await fetch(`${fake.url}/__control/edit-after-read`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ entity: 'CoworkerNote', id: note.Id, values: { Notes: 'by staff' } }),
		});
		expect(armed.status).toBe(200);
		const read = await get<Row>(path);
		expect(read.body.Notes).toBe(original);
		const after = await get<Row>(path);
		expect(after.body).toMatchObject({ Notes: 'by staff', UpdatedBy: 'staff@example.com' });
		expect(Date.parse(String(after.body.UpdatedOn))).toBeGreaterThan(
			Date.parse(String(read.body.UpdatedOn)),
		);
		// armed once: the next read changes nothing
		expect((await get<Row>(path)).body.UpdatedOn).toBe(after.body.UpdatedOn);
	});

	it('every PUT moves UpdatedOn on', async () => {
		const [note] = fake.seed('CoworkerNote', 1, downtown);
		fake.entities.records('CoworkerNote').find((r) => r.Id === note.Id)!.UpdatedOn =
			'2020-01-01T00:00:00Z';
		const record = (await get<Row>(`${pathOf('CoworkerNote')}/${note.Id}`)).body;
		await call('PUT', pathOf('CoworkerNote'), { ...record, Notes: 'changed' });
		const after = (await get<Row>(`${pathOf('CoworkerNote')}/${note.Id}`)).body;
		expect(after.UpdatedOn).not.toBe('2020-01-01T00:00:00Z');
	});
});
