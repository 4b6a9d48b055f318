import type {
	IDataObject,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { CatalogueEntity } from '../../nodes/shared/catalogue';
import {
	entityNamed,
	queryParameters,
	withdrawnFields,
	withdrawnParameters,
	writableFields,
} from '../../nodes/shared/catalogue';
import { topFieldNames } from '../../nodes/Nexudus/generic/description';
import { formerLabel } from '../../nodes/Nexudus/generic/labels';
import { Nexudus } from '../../nodes/Nexudus/Nexudus.node';
import { RESOURCES } from '../../nodes/Nexudus/resources';
import { useFakeNexudus } from '../harness/fakeSession';
import { loadOptions } from '../harness/n8n';
import { keptByN8n } from '../harness/savedParameters';

/**
 * Issue 13 items 3-5 against the fake Nexudus: saved workflows keep renamed filters and fields
 * (`formerly` in the catalogue), Customer Create puts a customer on a plan with Country and Time
 * Zone chosen from Nexudus's lists, and invoices filter by Paid… and run
 * PAY_COWORKER_INVOICE_MANUAL with the body real clients send.
 */

const session = useFakeNexudus({ demoRecords: true });
const { run } = session;
const description = new Nexudus().description;

/** What n8n keeps of saved parameters: on save and run (no defaults) and in the editor (defaults). */
const kept = (parameters: INodeParameters, returnDefaults: boolean) =>
	keptByN8n(description, parameters, returnDefaults);

function collection(resource: string, name: string): INodeProperties {
	const found = description.properties.find(
		(property) =>
			property.name === name && property.displayOptions?.show?.resource?.includes(resource),
	);
	if (!found) throw new Error(`no ${name} for ${resource}`);
	return found;
}

const optionNamed = (property: INodeProperties, name: string) =>
	(property.options as INodeProperties[]).find((option) => option.name === name);

const apiCalls = (method: string, path: string) =>
	session
		.apiRequests()
		.filter((request) => request.method === method && request.path.startsWith(path));

function customerIn(city: string, extra: IDataObject = {}): IDataObject {
	return session.fake.seed(
		'Coworker',
		[{ CityName: city, ...extra }],
		session.locationId,
	)[0] as IDataObject;
}

describe('renamed filters and fields: saved workflows keep their old names', () => {
	const savedGetMany = {
		resource: 'customer',
		operation: 'getAll',
		returnAll: true,
		filters: { Coworker_City: 'Lisbon' },
	};

	test('the catalogue says Coworker_CityName was Coworker_City and CityName was City', () => {
		const coworker = entityNamed('Coworker');
		expect(coworker.filters.find((f) => f.param === 'Coworker_CityName')?.formerly).toEqual([
			'Coworker_City',
		]);
		expect(coworker.fields.find((f) => f.field === 'CityName')?.formerly).toEqual(['City']);
		expect(coworker.filters.some((f) => f.param === 'Coworker_City')).toBe(false);
		expect(coworker.fields.some((f) => f.field === 'City')).toBe(false);
	});

	test('the description keeps an option under each old name, shown only when it holds a value', () => {
		const filter = optionNamed(collection('customer', 'filters'), 'Coworker_City')!;
		expect(filter).toMatchObject({
			displayName: 'City (Former Name)',
			type: 'string',
			displayOptions: { show: { Coworker_City: [{ _cnd: { exists: true } }, ''] } },
		});
		expect(filter.description).toContain('sends it as Coworker_CityName');
		for (const name of ['updateFields', 'additionalFields']) {
			expect(optionNamed(collection('customer', name), 'City')).toMatchObject({
				displayName: 'City (Former Name)',
			});
			expect(optionNamed(collection('customer', name), 'CityName')).toBeDefined();
		}
	});

	test('n8n keeps a saved old filter (where it drops a name no option has)', () => {
		for (const returnDefaults of [false, true]) {
			const parameters = kept(
				{ ...savedGetMany, filters: { Coworker_City: 'Lisbon', Coworker_Town: 'Lisbon' } },
				returnDefaults,
			);
			// Coworker_Town never existed: n8n drops it, as it would drop a renamed filter.
			expect(parameters.filters).toEqual({ Coworker_City: 'Lisbon' });
		}
		expect(kept({ ...savedGetMany, filters: { Coworker_City: '' } }, false).filters).toEqual({
			Coworker_City: '',
		});
		const update = { resource: 'customer', operation: 'update', updateFields: { City: 'Faro' } };
		expect(kept(update, false).updateFields).toEqual({ City: 'Faro' });
	});

	test('a new node holds no old names', () => {
		expect(kept({ resource: 'customer', operation: 'getAll' }, true).filters).toEqual({});
		expect(kept({ resource: 'customer', operation: 'update' }, true).updateFields).toEqual({});
	});

	test('a saved old filter name is sent as the real param and still filters', async () => {
		const lisbon = customerIn('Lisbon');
		customerIn('Porto');
		// Nexudus ignores the old name: asked with it, the fake answers every customer.
		const ignored = session.fake.entities.search('Coworker', {
			Coworker_City: 'Lisbon',
			size: '1000',
		});
		expect(ignored.TotalItems).toBe(session.fake.entities.records('Coworker').length);

		const items = await run(savedGetMany);
		const [search] = apiCalls('GET', '/api/spaces/coworkers');
		expect(search.query).toMatchObject({ Coworker_CityName: 'Lisbon' });
		expect(search.query).not.toHaveProperty('Coworker_City');
		expect(items.map((item) => item.json.Id)).toEqual([lisbon.Id]);
	});

	test('a sort saved under an old field name sorts by the real field', async () => {
		await run({ ...savedGetMany, sort: { orderBy: 'City', direction: 1 } });
		expect(apiCalls('GET', '/api/spaces/coworkers')[0].query).toMatchObject({
			orderBy: 'CityName',
			dir: '1',
		});
	});

	test('a saved old update field is written to the real field', async () => {
		const customer = customerIn('Porto');
		const [item] = await run({
			resource: 'customer',
			operation: 'update',
			recordId: String(customer.Id),
			updateFields: { City: 'Faro' },
		});
		const [put] = apiCalls('PUT', '/api/spaces/coworkers');
		expect(put.body).toMatchObject({ CityName: 'Faro' });
		expect(put.body).not.toHaveProperty('City');
		expect(item.json.CityName).toBe('Faro');
		expect(session.fake.entities.find('Coworker', customer.Id as number)!.CityName).toBe('Faro');
	});

	test('an old name given beside the new one is an error naming both', async () => {
		const error = await session.failure({
			...savedGetMany,
			filters: { Coworker_City: 'Lisbon', Coworker_CityName: 'Porto' },
		});
		expect(error.message).toMatch(/Coworker_City.*given twice.*Coworker_CityName/);
		expect(apiCalls('GET', '/api/spaces/coworkers')).toEqual([]);
	});

	test('Other Record maps old names in name/value pairs to the real ones', async () => {
		const lisbon = customerIn('Lisbon');
		const entity = { __rl: true, mode: 'list', value: 'Coworker' };
		const items = await run({
			resource: 'otherRecord',
			entity,
			operation: 'getAll',
			returnAll: true,
			filterPairs: { filter: [{ name: 'Coworker_City', value: 'Lisbon' }] },
		});
		expect(apiCalls('GET', '/api/spaces/coworkers')[0].query).toMatchObject({
			Coworker_CityName: 'Lisbon',
		});
		expect(items.map((item) => item.json.Id)).toContain(lisbon.Id);
		expect(items.every((item) => item.json.CityName === 'Lisbon')).toBe(true);

		session.fake.reset();
		await run({
			resource: 'otherRecord',
			entity,
			operation: 'update',
			recordId: String(lisbon.Id),
			fieldPairs: { field: [{ name: 'City', value: 'Braga' }] },
		});
		expect(session.fake.entities.find('Coworker', lisbon.Id as number)!.CityName).toBe('Braga');
	});

	test("Other Record's name lists show an old name only where a saved pair uses it", async () => {
		const names = async (parameters: INodeParameters, method: string) =>
			(
				(await loadOptions(
					{ type: 'nexudus', parameters, credential: session.credential },
					'loadOptions',
					method,
				)) as INodePropertyOptions[]
			).map((option) => option.value);
		const base = {
			resource: 'otherRecord',
			entity: { __rl: true, mode: 'list', value: 'Coworker' },
		};
		expect(await names({ ...base, operation: 'getAll' }, 'getEntityFilters')).not.toContain(
			'Coworker_City',
		);
		const saved = { filter: [{ name: 'Coworker_City', value: 'Lisbon' }] };
		expect(
			await names({ ...base, operation: 'getAll', filterPairs: saved }, 'getEntityFilters'),
		).toContain('Coworker_City');
		const fieldPairs = { field: [{ name: 'City', value: 'Faro' }] };
		expect(await names({ ...base, operation: 'update' }, 'getEntityFields')).not.toContain('City');
		expect(await names({ ...base, operation: 'update', fieldPairs }, 'getEntityFields')).toContain(
			'City',
		);
	});

	test('a renamed range filter keeps its old From and To names', () => {
		const entity = {
			entity: 'X',
			filters: [{ param: 'X_Start', type: 'DateTime', range: true, formerly: ['X_Begin'] }],
		} as unknown as CatalogueEntity;
		expect(formerLabel('from_Booking_TeamsAtBooking')).toBe('Teams At Booking From');
		expect(formerLabel('Coworker_City')).toBe('City');
		expect(formerLabel('City')).toBe('City');
		expect(queryParameters(entity).map((p) => [p.param, p.formerly])).toEqual([
			['X_Start', ['X_Begin']],
			['from_X_Start', ['from_X_Begin']],
			['to_X_Start', ['to_X_Begin']],
		]);
	});

	test('no renamed field sits at the top of Create (a top-level value has no collection to keep it)', () => {
		for (const definition of RESOURCES) {
			const entity = entityNamed(definition.entity);
			const renamedTop = entity.fields.filter(
				(field) =>
					field.formerly?.length && topFieldNames(definition, entity).includes(field.field),
			);
			expect([definition.label, renamedTop.map((field) => field.field)]).toEqual([
				definition.label,
				[],
			]);
		}
	});
});

describe('Customer Create puts a customer on a plan, in a country and time zone Nexudus lists', () => {
	async function search(method: string, filter?: string) {
		return (await loadOptions(
			{
				type: 'nexudus',
				parameters: { resource: 'customer', operation: 'create' },
				credential: session.credential,
			},
			'listSearch',
			method,
			filter,
		)) as INodeListSearchResult;
	}

	test('Country, Time Zone and Plan are pickers; billing day and dates are typed', () => {
		const picker = (property: INodeProperties | undefined) =>
			property?.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;
		const top = (name: string) =>
			description.properties.find(
				(property) =>
					property.name === name && property.displayOptions?.show?.resource?.includes('customer'),
			);
		expect(picker(top('CountryId'))).toBe('searchCountries');
		expect(picker(top('SimpleTimeZoneId'))).toBe('searchTimeZones');
		const additional = collection('customer', 'additionalFields');
		expect(picker(optionNamed(additional, 'TariffId'))).toBe('searchPlans');
		expect(picker(optionNamed(additional, 'BillingCountryId'))).toBe('searchCountries');
		expect(picker(optionNamed(additional, 'BillingSimpleTimeZoneId'))).toBe('searchTimeZones');
		expect(optionNamed(additional, 'BillingDay')).toMatchObject({ type: 'number' });
		expect(optionNamed(additional, 'StartDate')).toMatchObject({ type: 'dateTime' });
		expect(optionNamed(additional, 'RenewalDate')).toMatchObject({ type: 'dateTime' });
		// A plan is chosen when the customer is created; Update does not offer it.
		expect(optionNamed(collection('customer', 'updateFields'), 'TariffId')).toBeUndefined();
		expect(picker(optionNamed(collection('customer', 'filters'), 'Coworker_Country'))).toBe(
			'searchCountries',
		);
	});

	test('countries and time zones come from /api/sys/countries and /api/sys/simpletimezones', async () => {
		const countries = await search('searchCountries', 'King');
		expect(countries.results).toEqual([
			{
				name: 'United Kingdom (GB)',
				value: String(
					session.fake.entities.records('Country').find((c) => c.TwoDigitsCode === 'GB')!.Id,
				),
			},
		]);
		expect(session.fake.requests.at(-1)).toMatchObject({
			path: '/api/sys/countries',
			query: { Country_Name: 'King' },
		});
		const zones = await search('searchTimeZones', 'London');
		expect(zones.results.map((result) => result.name)).toEqual(['GMT Standard Time (UTC+0:00)']);
		expect(session.fake.requests.at(-1)).toMatchObject({
			path: '/api/sys/simpletimezones',
			query: { SimpleTimeZone_Description: 'London' },
		});
		expect((await search('searchTimeZones')).results).toHaveLength(3);
	});

	test('a customer created on a plan keeps plan, billing day, start and renewal dates', async () => {
		const [country] = (await search('searchCountries', 'Spain')).results;
		const [zone] = (await search('searchTimeZones', 'Madrid')).results;
		const plan = session.fake.entities.records('Tariff')[0];
		session.fake.reset();
		const locator = (value: unknown) => ({ __rl: true, mode: 'list', value: String(value) });
		const [item] = await run({
			resource: 'customer',
			operation: 'create',
			CoworkerType: 1,
			FullName: 'Paloma Plan',
			Gender: 1,
			Email: 'paloma@example.org',
			CountryId: locator(country.value),
			SimpleTimeZoneId: locator(zone.value),
			TaxRateType: 1,
			MondayAttendance: 1,
			TuesdayAttendance: 1,
			WednesdayAttendance: 1,
			ThursdayAttendance: 1,
			FridayAttendance: 1,
			SaturdayAttendance: 1,
			SundayAttendance: 1,
			additionalFields: {
				TariffId: locator(plan.Id),
				BillingDay: 5,
				StartDate: '2026-12-07T00:00:00',
				RenewalDate: '2027-01-05T00:00:00',
			},
		});
		const [post] = apiCalls('POST', '/api/spaces/coworkers');
		expect(post.body).toMatchObject({
			CountryId: Number(country.value),
			SimpleTimeZoneId: Number(zone.value),
			TariffId: plan.Id,
			BillingDay: 5,
			StartDate: '2026-12-07T00:00:00',
			RenewalDate: '2027-01-05T00:00:00',
		});
		expect(item.json).toMatchObject({
			TariffId: plan.Id,
			BillingDay: 5,
			CountryId: Number(country.value),
			SimpleTimeZoneId: Number(zone.value),
		});
		expect(session.fake.entities.find('Coworker', item.json.Id as number)).toMatchObject({
			TariffId: plan.Id,
			RenewalDate: '2027-01-05T00:00:00Z',
		});
	});
});

describe('invoices: Paid, Sent… filters and Run Command PAY_COWORKER_INVOICE_MANUAL', () => {
	const invoiceOf = (values: IDataObject) =>
		session.fake.seed('CoworkerInvoice', [values], session.locationId)[0];

	const pay = (id: unknown, parameter: IDataObject) =>
		run({
			resource: 'invoice',
			operation: 'runCommand',
			command: 'PAY_COWORKER_INVOICE_MANUAL',
			commandIds: String(id),
			commandParameters: { parameter: [{ name: 'Payment Method', ...parameter }] },
		});

	test('Invoice filters offer Paid, Void, Sent, Credit Note and Refunded; Due Date as a range', () => {
		const filters = collection('invoice', 'filters');
		for (const name of ['Paid', 'Void', 'Sent', 'CreditNote', 'Refunded']) {
			expect(optionNamed(filters, `CoworkerInvoice_${name}`)).toMatchObject({ type: 'boolean' });
		}
		expect(optionNamed(filters, 'from_CoworkerInvoice_DueDate')).toMatchObject({
			type: 'dateTime',
		});
	});

	test('Get Many of unpaid invoices answers only unpaid ones', async () => {
		const unpaid = invoiceOf({ InvoiceNumber: 'INV-UNPAID', Paid: false });
		invoiceOf({ InvoiceNumber: 'INV-PAID', Paid: true });
		const items = await run({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { CoworkerInvoice_Paid: false, CoworkerInvoice_InvoiceNumber: 'INV-' },
		});
		expect(apiCalls('GET', '/api/billing/coworkerinvoices')[0].query).toMatchObject({
			CoworkerInvoice_Paid: 'false',
		});
		expect(items.map((item) => item.json.InvoiceNumber)).toContain(unpaid.InvoiceNumber);
		expect(items.every((item) => item.json.Paid === false)).toBe(true);
	});

	test('Run Command lists the commands Nexudus gives for invoices', async () => {
		const commands = (await loadOptions(
			{
				type: 'nexudus',
				parameters: { resource: 'invoice', operation: 'runCommand' },
				credential: session.credential,
			},
			'loadOptions',
			'getCommands',
		)) as INodePropertyOptions[];
		expect(commands.map((command) => command.value)).toContain('PAY_COWORKER_INVOICE_MANUAL');
	});

	test('PAY_COWORKER_INVOICE_MANUAL marks the invoice paid, sent as real clients send it', async () => {
		const invoice = invoiceOf({ InvoiceNumber: 'INV-PAY-1', Paid: false });
		await pay(invoice.Id, { value: '996', type: 'ePaymentProvider' });
		const [post] = apiCalls('POST', '/api/billing/coworkerinvoices/runcommand');
		expect(post.body).toEqual({
			Key: 'PAY_COWORKER_INVOICE_MANUAL',
			Ids: [invoice.Id],
			Parameters: [{ Name: 'Payment Method', Type: 'ePaymentProvider', Value: 996 }],
		});
		const stored = session.fake.entities.find('CoworkerInvoice', invoice.Id as number)!;
		expect(stored.Paid).toBe(true);
		expect(stored.PaidOn).toEqual(expect.any(String));
	});

	test('a Type left empty is the one Nexudus lists for the command', async () => {
		const invoice = invoiceOf({ InvoiceNumber: 'INV-PAY-2', Paid: false });
		await pay(invoice.Id, { value: '997' });
		expect(apiCalls('GET', '/api/billing/coworkerinvoices/commands')).toHaveLength(1);
		const [post] = apiCalls('POST', '/api/billing/coworkerinvoices/runcommand');
		expect((post.body as IDataObject).Parameters).toEqual([
			{ Name: 'Payment Method', Type: 'ePaymentProvider', Value: 997 },
		]);
		expect(session.fake.entities.find('CoworkerInvoice', invoice.Id as number)!.Paid).toBe(true);
	});

	test('a parameter Nexudus does not list, without a Type, is a named error before the command', async () => {
		const invoice = invoiceOf({ InvoiceNumber: 'INV-PAY-3', Paid: false });
		const error = await session.failure({
			resource: 'invoice',
			operation: 'runCommand',
			command: 'PAY_COWORKER_INVOICE_MANUAL',
			commandIds: String(invoice.Id),
			commandParameters: { parameter: [{ name: 'Paymnet Method', value: '996' }] },
		});
		expect(error.message).toContain('Parameters item 1 > Type');
		expect(error.message).toContain('"Paymnet Method"');
		expect(apiCalls('POST', '/api/billing/coworkerinvoices/runcommand')).toEqual([]);
		expect(session.fake.entities.find('CoworkerInvoice', invoice.Id as number)!.Paid).toBe(false);
	});

	test('the fake refuses the command without its Type, or on an invoice already paid', async () => {
		const invoice = invoiceOf({ InvoiceNumber: 'INV-PAY-4', Paid: false });
		const withoutType = session.fake.entities.runCommand(
			'CoworkerInvoice',
			'PAY_COWORKER_INVOICE_MANUAL',
			[invoice.Id as number],
			{ 'Payment Method': 996 },
		);
		expect(withoutType).toMatchObject({ WasSuccessful: false });
		expect(withoutType.Message).toContain('Type ePaymentProvider');
		expect(session.fake.entities.find('CoworkerInvoice', invoice.Id as number)!.Paid).toBe(false);

		const paid = invoiceOf({ InvoiceNumber: 'INV-PAY-5', Paid: true });
		const error = await session.failure({
			resource: 'invoice',
			operation: 'runCommand',
			command: 'PAY_COWORKER_INVOICE_MANUAL',
			commandIds: String(paid.Id),
			commandParameters: {
				parameter: [{ name: 'Payment Method', value: '996', type: 'ePaymentProvider' }],
			},
		});
		expect(error.message).toContain('already paid');
	});
});

describe("the catalogue's withdrawn names (withdrawnFilters / withdrawnFields) keep saved workflows safe", () => {
	test('a Get Many saved with Booking_Reminded keeps it and stops, naming it, before any request', async () => {
		const description = new Nexudus().description;
		const saved = {
			resource: 'booking',
			operation: 'getAll',
			filters: { Booking_Reminded: true, from_Booking_LastNotificationTime: '2025-01-01T00:00' },
		};
		expect(keptByN8n(description, saved, false).filters).toEqual(saved.filters);
		const error = await session.failure({ ...saved, returnAll: true });
		expect(error.message).toMatch(/\((Booking_Reminded|from_Booking_LastNotificationTime)\): Nexudus has no such filter \(no live Nexudus record has it\)/);
		expect(error.message).toContain('answer every record');
		expect(session.apiRequests()).toEqual([]);
	});

	test('an Update saved with a withdrawn field stops before anything is written', async () => {
		const [booking] = session.fake.seed('Booking', 1, session.locationId);
		const error = await session.failure({
			resource: 'booking',
			operation: 'update',
			recordId: String(booking.Id),
			updateFields: { Reminded: true },
		});
		expect(error.message).toMatch(/Reminded.*cannot be written through the Nexudus API/);
		expect(session.apiRequests().filter((request) => request.method === 'PUT')).toEqual([]);
	});
});

describe('Create fields earlier versions required stay at the top, optional (formerlyRequired)', () => {
	const bookingCreate = (extra: INodeParameters) => {
		const [resource] = session.fake.seed('Resource', 1, session.locationId);
		return {
			resource: 'booking',
			operation: 'create',
			ResourceId: { __rl: true, mode: 'id', value: String(resource.Id) },
			FromTime: '2030-01-07T09:00:00',
			ToTime: '2030-01-07T10:00:00',
			additionalFields: {},
			...extra,
		};
	};
	const posted = () =>
		session.apiRequests().find((request) => request.method === 'POST')!.body as IDataObject;

	test('a new Booking Create sends neither Repeats nor WhichBookingsToUpdate, as real creates', async () => {
		const description = new Nexudus().description;
		const repeats = description.properties.find(
			(property) =>
				property.name === 'Repeats' && property.displayOptions?.show?.resource?.includes('booking'),
		)!;
		expect(repeats.required).toBeFalsy();
		expect(repeats.default).toBe('');
		expect((repeats.options as INodePropertyOptions[])[0]).toMatchObject({
			name: 'Nexudus Default',
			value: '',
		});
		await session.run(bookingCreate({}));
		expect(posted()).not.toHaveProperty('Repeats');
		expect(posted()).not.toHaveProperty('WhichBookingsToUpdate');
	});

	test('a Booking Create saved with a top-level Repeats keeps it and sends it', async () => {
		const saved = bookingCreate({ Repeats: 2 });
		expect(keptByN8n(new Nexudus().description, saved, false).Repeats).toBe(2);
		await session.run(saved);
		expect(posted()).toMatchObject({ Repeats: 2 });
	});
});

describe('every renamed or withdrawn name of every resource survives in a saved workflow', () => {
	const description = new Nexudus().description;
	const savedNames = (definition: (typeof RESOURCES)[number]) => {
		const entity = entityNamed(definition.entity);
		const top = topFieldNames(definition, entity);
		return {
			filters: [
				...queryParameters(entity).flatMap((parameter) => parameter.formerly ?? []),
				...withdrawnParameters(entity).map((parameter) => parameter.param),
			],
			updateFields: entity.verbs.includes('update')
				? [
						...writableFields(entity, 'update').flatMap((field) => field.formerly ?? []),
						...withdrawnFields(entity, 'update').map((field) => field.field),
					]
				: [],
			additionalFields: entity.verbs.includes('create')
				? [
						...writableFields(entity, 'create')
							.filter((field) => !top.includes(field.field))
							.flatMap((field) => field.formerly ?? []),
						...withdrawnFields(entity, 'create').map((field) => field.field),
					]
				: [],
		};
	};
	const operationOf = { filters: 'getAll', updateFields: 'update', additionalFields: 'create' };

	test.each(RESOURCES.map((definition) => [definition.label, definition] as const))(
		'%s: n8n keeps each one, so a saved Get Many never widens and a saved write never loses a field',
		(_label, definition) => {
			const names = savedNames(definition);
			for (const [collection, list] of Object.entries(names) as Array<
				[keyof typeof operationOf, string[]]
			>) {
				if (list.length === 0) continue;
				const saved = Object.fromEntries(list.map((name) => [name, 'saved value']));
				const kept = keptByN8n(
					description,
					{ resource: definition.value, operation: operationOf[collection], [collection]: saved },
					false,
				);
				expect([definition.label, collection, kept[collection]]).toEqual([
					definition.label,
					collection,
					saved,
				]);
			}
		},
	);

	test('the renames the evidence names are among them (Customer, Location, Booking, Check-in)', () => {
		const all = (value: string) => savedNames(RESOURCES.find((d) => d.value === value)!);
		expect(all('customer').filters).toEqual(expect.arrayContaining(['Coworker_City']));
		expect(all('location').updateFields).toEqual(
			expect.arrayContaining(['Website', 'City', 'Postcode', 'Email', 'MonOpen']),
		);
		expect(all('booking').filters).toEqual(
			expect.arrayContaining(['Booking_TeamsAtBooking', 'Booking_Reminded']),
		);
		expect(all('checkin').filters.length).toBeGreaterThan(0);
	});
});
