/**
 * The fake Nexudus serves records shaped like the live ones in the real-world evidence
 * (test/evidence/evidence.json), not like the node's catalogue: the names and field sets of complete
 * live records, read-only properties Nexudus computes, the fields real creates sent, and filters
 * on names records lack ignored (every record answered), as Nexudus ignores them.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- a test reads the evidence file
import { readFileSync } from 'fs';

import { BASE_PROPERTIES, type EvidenceEntity } from '../evidence/check';
import { EVIDENCE_FILE } from '../fake-nexudus/catalogue';
import { FakeNexudus, SERVED_ENTITIES, type PagedResult } from '../fake-nexudus/server';

type Row = Record<string, unknown> & { Id: number };

const evidence = JSON.parse(readFileSync(EVIDENCE_FILE, 'utf8')) as {
	entities: Record<string, EvidenceEntity>;
};

let fake: FakeNexudus;
let token = '';
let downtown: number;

async function call<T>(method: string, path: string, body?: unknown) {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${token}`,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

const page = (path: string, query: Record<string, string | number>) =>
	call<PagedResult<Row>>(
		'GET',
		`${path}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
	);

beforeAll(async () => {
	fake = await FakeNexudus.start();
	downtown = fake.addBusiness('Downtown Hub').Id;
	fake.seedEntities();
	const response = await fetch(`${fake.url}/api/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'grant_type=password&username=admin%40example.com&password=correct-horse',
	});
	token = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(() => fake.stop());

const completeServed = SERVED_ENTITIES.filter(
	(entity) => (evidence.entities[entity]?.complete ?? []).length > 0,
);

describe('records have the live field set', () => {
	test('several first-class record types have a complete live record to hold the fake against', () => {
		expect(completeServed).toEqual(
			expect.arrayContaining(['Coworker', 'Booking', 'CoworkerInvoice', 'Tariff', 'Team']),
		);
	});

	test.each(completeServed)(
		'%s: GET by id has exactly the properties a complete live record has',
		async (entity) => {
			const seen = evidence.entities[entity];
			const complete = new Set(seen.complete);
			const live = Object.entries(seen.fields ?? {})
				.filter(([, sources]) => sources.some((source) => complete.has(source)))
				.map(([name]) => name);
			const [record] = fake.entities.records(entity);
			const { body } = await call<Row>('GET', `${evidence.entities[entity].path}/${record.Id}`);
			const base = new Set<string>(BASE_PROPERTIES);
			// inline children keep the name creates send them under (Resource TimeSlots; the live record says Timeslots)
			const children = new Set(fake.entities.schema(entity).children.map((child) => child.field));
			const names = Object.keys(body).filter((name) => !base.has(name) && !children.has(name));
			// every property the fake serves is one the live record has (or a real request sent)…
			expect(names.filter((name) => !(name in (seen.fields ?? {})))).toEqual([]);
			// …and none of the catalogue's wrong names
			expect(names.filter((name) => name in (seen.wrongNames ?? {}))).toEqual([]);
			// the live record's writable properties are all there (read-only ones the fake does not compute may be absent)
			const missing = live.filter(
				(name) => !(name in body) && !base.has(name) && !seen.fieldMeta?.[name]?.readOnly,
			);
			expect(missing).toEqual([]);
		},
	);
});

describe('names', () => {
	test('a customer is in CityName; the filter on the wrong name Coworker_City is ignored and answers every customer', async () => {
		const [lisbon] = fake.seed('Coworker', [{ CityName: 'Lisbon' }], downtown);
		const all = await page('/api/spaces/coworkers', { size: 1000 });
		const ignored = await page('/api/spaces/coworkers', { Coworker_City: 'Lisbon', size: 1000 });
		expect(ignored.body.TotalItems).toBe(all.body.TotalItems);
		expect(all.body.TotalItems).toBeGreaterThan(1);
		const applied = await page('/api/spaces/coworkers', { Coworker_CityName: 'Lisbon' });
		expect(applied.body.Records.map((row) => row.Id)).toEqual([lisbon.Id]);
		const { body } = await call<Row>('GET', `/api/spaces/coworkers/${lisbon.Id}`);
		expect(body).toHaveProperty('CityName', 'Lisbon');
		expect(body).not.toHaveProperty('City');
	});

	test('a plan spells CancelMemeberAccountAfter as Nexudus does; locations have WebAddress and TownCity', async () => {
		const [plan] = fake.entities.records('Tariff');
		const { body } = await call<Row>('GET', `/api/billing/tariffs/${plan.Id}`);
		expect(body).toHaveProperty('CancelMemeberAccountAfter');
		expect(body).not.toHaveProperty('CancelMemberAccountAfter');
		const location = await call<Row>('GET', `/api/sys/businesses/${downtown}`);
		expect(location.body).toHaveProperty('WebAddress');
		expect(location.body).toHaveProperty('TownCity');
		expect(location.body).not.toHaveProperty('Website');
	});
});

describe('creates succeed with what real creates sent', () => {
	test('a booking without Repeats or WhichBookingsToUpdate', async () => {
		const [resource] = fake.entities.records('Resource');
		const [customer] = fake.entities.records('Coworker');
		const sent = evidence.entities.Booking.createdWith!.fields;
		expect(sent).not.toContain('Repeats');
		const answer = await call<{ WasSuccessful: boolean; Errors: unknown }>(
			'POST',
			'/api/spaces/bookings',
			{
				ResourceId: resource.Id,
				CoworkerId: customer.Id,
				FromTime: '2026-03-02T10:00:00Z',
				ToTime: '2026-03-02T11:00:00Z',
				Tentative: false,
				InvoiceThisCoworker: false,
			},
		);
		expect(answer.body).toMatchObject({ WasSuccessful: true, Errors: null });
	});

	test('a plan with the 13 fields the seed tool sent, none of the identity-check or delivery fields', async () => {
		const [currency] = fake.entities.records('Currency');
		const answer = await call<{ WasSuccessful: boolean; Errors: unknown }>(
			'POST',
			'/api/billing/tariffs',
			{
				BusinessId: downtown,
				CurrencyId: currency.Id,
				Name: 'Evidence plan',
				SystemTariffType: 1,
				Price: 100,
				TotalPrice: 120,
				TotalSignUpPrice: 0,
				InvoiceEvery: 1,
				InvoiceEveryWeeks: 0,
				CancellationPeriod: 0,
				Visible: true,
				FinancialAccountId: null,
				TaxRateId: null,
			},
		);
		expect(answer.body).toMatchObject({ WasSuccessful: true, Errors: null });
	});
});

describe('read-only properties', () => {
	test('an invoice names its customer from the customer record; a PUT cannot change that name', async () => {
		const [invoice] = fake.entities.records('CoworkerInvoice');
		const customer = fake.entities.find('Coworker', invoice.CoworkerId as number)!;
		const before = await call<Row>('GET', `/api/billing/coworkerinvoices/${invoice.Id}`);
		expect(before.body.CoworkerFullName).toBe(customer.FullName);
		const put = await call<{ WasSuccessful: boolean }>('PUT', '/api/billing/coworkerinvoices', {
			...before.body,
			CoworkerFullName: 'Someone Else',
		});
		expect(put.body.WasSuccessful).toBe(true);
		const after = await call<Row>('GET', `/api/billing/coworkerinvoices/${invoice.Id}`);
		expect(after.body.CoworkerFullName).toBe(customer.FullName);
	});

	test('invoices cannot be created or deleted (the API lacks both)', async () => {
		const [invoice] = fake.entities.records('CoworkerInvoice');
		expect((await call('POST', '/api/billing/coworkerinvoices', { CoworkerId: 1 })).status).toBe(
			404,
		);
		expect((await call('DELETE', `/api/billing/coworkerinvoices/${invoice.Id}`)).status).toBe(404);
	});
});

describe('commands real code runs', () => {
	test('PAY_COWORKER_INVOICE_MANUAL marks an invoice paid; run again, it fails in-band', async () => {
		const [unpaid] = fake.seed('CoworkerInvoice', [{ Paid: false }], downtown);
		const body = {
			Key: 'PAY_COWORKER_INVOICE_MANUAL',
			Ids: [unpaid.Id],
			Parameters: [{ Name: 'Payment Method', Type: 'ePaymentProvider', Value: 996 }],
		};
		const first = await call<{ WasSuccessful: boolean }>(
			'POST',
			'/api/billing/coworkerinvoices/runcommand',
			body,
		);
		expect(first).toMatchObject({ status: 200, body: { WasSuccessful: true } });
		expect(fake.entities.find('CoworkerInvoice', unpaid.Id)).toMatchObject({ Paid: true });
		const again = await call<{ WasSuccessful: boolean; Message: string }>(
			'POST',
			'/api/billing/coworkerinvoices/runcommand',
			body,
		);
		expect(again.body).toMatchObject({ WasSuccessful: false });
		expect(again.body.Message).toMatch(/already paid/);
	});
});
