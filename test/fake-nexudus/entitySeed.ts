/**
 * Seeded records for the entity store: `seedEntity` fills every field POST requires (and a few that
 * make pickers readable: names, e-mails) with deterministic values, pointing ids at existing records of
 * the same location; `seedDemo` gives each location customers, teams, plans, products, resources and
 * some of every other served record type.
 */
import { isoSeconds } from './common';
import { type EntityStore, type StoredRecord } from './entityStore';
import { type FieldSchema } from './entitySchema';

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara'];
const LAST_NAMES = [
	'Lovelace',
	'Hopper',
	'Turing',
	'Johnson',
	'Torvalds',
	'Hamilton',
	'Berners',
	'Liskov',
];

const NAMES: Record<string, string[]> = {
	Resource: ['Meeting Room', 'Hot Desk', 'Phone Booth', 'Event Space'],
	ResourceType: ['Meeting Room', 'Desk', 'Office'],
	Product: ['Coffee Pass', 'Locker', 'Printing Credits', 'Day Pass'],
	Tariff: ['Flex Membership', 'Dedicated Desk', 'Private Office'],
	Team: ['Acme Design', 'Northwind Labs', 'Globex Studio'],
	ExtraService: ['Hourly room rate', 'Daily desk rate'],
	CalendarEvent: ['Community Breakfast', 'Founders Meetup'],
	CoworkerDelivery: ['Parcel', 'Letter'],
	CoworkerTask: ['Call back about plan', 'Send welcome pack'],
};

/** Read-only look-ups: their records are not built from create fields. */
const LOOKUPS: Record<string, Array<Record<string, unknown>>> = {
	Country: [
		{ Name: 'United Kingdom', TwoDigitsCode: 'GB', Culture: 'en-GB' },
		{ Name: 'Spain', TwoDigitsCode: 'ES', Culture: 'es-ES' },
		{ Name: 'United States', TwoDigitsCode: 'US', Culture: 'en-US' },
	],
	// Windows zone ids, as /api/sys/simpletimezones names them (2020 API docs).
	SimpleTimeZone: [
		{
			Name: 'GMT Standard Time',
			Description: '(UTC) Dublin, Edinburgh, Lisbon, London',
			TimeOffset: '0:00',
			UsesSummerTime: true,
		},
		{
			Name: 'Romance Standard Time',
			Description: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris',
			TimeOffset: '1:00',
			UsesSummerTime: true,
		},
		{
			Name: 'Eastern Standard Time',
			Description: '(UTC-05:00) Eastern Time (US & Canada)',
			TimeOffset: '-5:00',
			UsesSummerTime: true,
		},
	],
	Currency: [
		{ Name: 'Pound Sterling', Code: 'GBP', Format: '£0.00' },
		{ Name: 'Euro', Code: 'EUR', Format: '0.00 €' },
		{ Name: 'US Dollar', Code: 'USD', Format: '$0.00' },
	],
};

/** Fields filled even when not required, so records have something to show and search for. */
const SHOWN = new Set([
	'ToTime',
	'FullName',
	'Email',
	'Name',
	'Subject',
	'CompanyName',
	'Notes',
	'BusinessId',
	'CoworkerId',
]);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const FIRST_DAY = Date.UTC(2026, 0, 5, 9);

function belongsTo(record: StoredRecord, businessId: number | undefined): boolean {
	if (businessId === undefined) return true;
	const { BusinessId, Businesses } = record as { BusinessId?: unknown; Businesses?: unknown };
	return (
		BusinessId === businessId || (Array.isArray(Businesses) && Businesses.includes(businessId))
	);
}

function textValue(entity: string, field: string, n: number): string {
	const person = `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 3) % LAST_NAMES.length]}`;
	switch (field) {
		case 'FullName':
			return `${person}${n >= FIRST_NAMES.length ? ` ${n}` : ''}`;
		case 'Email':
			return `${person.toLowerCase().replace(' ', '.')}${n}@example.com`;
		case 'Name': {
			const names = NAMES[entity] ?? [entity];
			return `${names[n % names.length]} ${n}`;
		}
		case 'CompanyName':
			return `${LAST_NAMES[n % LAST_NAMES.length]} Ltd`;
		default:
			return `${field} ${n}`;
	}
}

function fieldValue(
	store: EntityStore,
	entity: string,
	field: FieldSchema,
	n: number,
	businessId: number | undefined,
): unknown {
	if (field.references) {
		const candidates = store.records(field.references);
		const local = candidates.filter((record) => belongsTo(record, businessId));
		const pool = local.length > 0 ? local : candidates;
		if (field.references === 'Business' && businessId !== undefined) return businessId;
		return pool.length > 0 ? pool[n % pool.length].Id : undefined;
	}
	switch (field.type) {
		case 'text':
			return textValue(entity, field.name, n);
		case 'bool':
			return false;
		case 'int':
		case 'long':
			return /Quantity|BillingDay/.test(field.name) ? 1 : n + 1;
		case 'decimal':
			return 10 * (n + 1);
		case 'enum':
			return field.enumValues ? Math.min(...Array.from(field.enumValues).filter((v) => v > 0)) : 1;
		case 'date': {
			const start = FIRST_DAY + n * DAY_MS;
			return isoSeconds(/^(To|End|ExpectedDeparture)/.test(field.name) ? start + HOUR_MS : start);
		}
		default:
			return [];
	}
}

/** Values for one new record: required and shown fields, ids pointing at records of `businessId`'s location. */
export function generateRecord(
	store: EntityStore,
	entity: string,
	n: number,
	businessId?: number,
): Record<string, unknown> {
	const lookups = LOOKUPS[entity];
	if (lookups) return { ...lookups[n % lookups.length] };
	const values: Record<string, unknown> = {};
	const schema = store.schema(entity);
	// records only Nexudus creates (invoices) are filled from what an update may carry
	const writable = (field: FieldSchema) => field.onCreate || !schema.verbs.has('create');
	for (const field of schema.fields) {
		if (!writable(field) || !(field.requiredOnCreate || SHOWN.has(field.name))) continue;
		const value = fieldValue(store, entity, field, n, businessId);
		if (value !== undefined) values[field.name] = value;
	}
	return values;
}

/**
 * Adds `count` generated records, or the given records with generated values under them (so a record
 * given as `{FullName: 'Jo'}` still gets an e-mail, country…). Stored without validation.
 */
export function seedEntity(
	store: EntityStore,
	entity: string,
	countOrRecords: number | Array<Record<string, unknown>>,
	businessId?: number,
): StoredRecord[] {
	const given: Array<Record<string, unknown>> =
		typeof countOrRecords === 'number'
			? Array.from({ length: countOrRecords }, () => ({}))
			: countOrRecords;
	const existing = store.records(entity).length;
	return given.map((values, i) => {
		const scope = typeof values.BusinessId === 'number' ? values.BusinessId : businessId;
		return store.add(entity, { ...generateRecord(store, entity, existing + i, scope), ...values });
	});
}

/** Per location: 2 resource types, 4 customers, 2 teams, 2 plans, 3 products, 3 resources and a few of everything else. */
export function seedDemo(store: EntityStore): void {
	seedEntity(store, 'Country', 3);
	seedEntity(store, 'Currency', 3);
	seedEntity(store, 'SimpleTimeZone', 3);
	for (const business of store.records('Business')) {
		const at = (entity: string, count: number | Array<Record<string, unknown>>) =>
			seedEntity(store, entity, count, business.Id);
		at('ResourceType', 2);
		const customers = at('Coworker', [
			{ Businesses: [business.Id], AccessPincode: '1234' },
			{ Businesses: [business.Id] },
			{ Businesses: [business.Id], CoworkerType: 2 },
			{ Businesses: [business.Id], Active: true },
		]);
		at('Team', [
			{ TeamMembers: customers.slice(0, 2).map((c) => c.Id) },
			{ TeamMembers: customers.slice(2).map((c) => c.Id) },
		]);
		at('Tariff', 2);
		at('Product', 3);
		at('Resource', 3);
		at('ExtraService', 1);
		at('Booking', [{}, { Tentative: true }, {}]);
		at('Checkin', [{}, {}, { ToTime: null }]);
		at('CoworkerInvoice', [
			{ InvoiceNumber: `INV-${business.Id}-1`, TotalAmount: 120, Paid: true },
			{ InvoiceNumber: `INV-${business.Id}-2`, TotalAmount: 80, Paid: false },
		]);
		at('CoworkerContract', 2);
		at('CoworkerProduct', 2);
		at('Visitor', 2);
		at('CalendarEvent', 1);
		at('CoworkerDelivery', 2);
		at('CoworkerNote', 2);
		at('HelpDeskMessage', 1);
		at('CoworkerTask', 1);
		at('AccessToken', 1);
	}
}
