import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	allEntities,
	entityNamed,
	queryParameters,
	withdrawnParameters,
	writableFields,
} from '../../nodes/shared/catalogue';
import type { Target } from '../../nodes/Nexudus/generic/checks';
import {
	buildBody,
	buildQuery,
	checkAgainstRecord,
	checkFiltersApplied,
	checkRequired,
} from '../../nodes/Nexudus/generic/checks';
import { nearestNames } from '../../nodes/Nexudus/generic/names';
import { toApiValue } from '../../nodes/Nexudus/generic/values';
import { Nexudus } from '../../nodes/Nexudus/Nexudus.node';
import { RESOURCES } from '../../nodes/Nexudus/resources';
import { InputChecker } from '../../nodes/shared/validation';

/**
 * The catalogue-driven part of the Nexudus node, without a server: the description generated
 * from the bundled catalogue, and the checks made on names and values before any request.
 */

const description = new Nexudus().description;
const properties = description.properties;

const shownFor = (resource: string, operation?: string) =>
	properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) &&
			(operation === undefined || property.displayOptions.show.operation?.includes(operation)),
	);

const operationsOf = (resource: string) =>
	(
		shownFor(resource).find((property) => property.name === 'operation')!
			.options as INodePropertyOptions[]
	).map((option) => option.value);

const node = { name: 'Nexudus', type: 'n8n-nodes-nexudus.nexudus' } as INode;
const check = () => new InputChecker(node, 0);
const target = (entity: string, label = entity): Target => ({
	entity: entityNamed(entity),
	label,
});

function failure(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected a named error, got none');
}

describe('description', () => {
	test('stays under 1.5 MB serialized, so n8n loads and sends it quickly', () => {
		const size = Buffer.byteLength(JSON.stringify(description));
		expect(size).toBeLessThan(1.5 * 1024 * 1024);
	});

	test('lists every first-class resource, Other Record and WebHook', () => {
		const resource = properties.find((property) => property.name === 'resource')!;
		const names = (resource.options as INodePropertyOptions[]).map((option) => option.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'Customer',
				'Booking',
				'Check-in',
				'Invoice',
				'Contract',
				'Customer Product',
				'Team',
				'Visitor',
				'Resource',
				'Location',
				'Plan',
				'Product',
				'Calendar Event',
				'Delivery',
				'Customer Note',
				'Help Desk Message',
				'Other Record',
				'WebHook',
			]),
		);
		expect(names).toHaveLength(18);
	});

	test.each(RESOURCES.map((definition) => [definition.value, definition.entity]))(
		'%s offers exactly the verbs the catalogue lists for %s',
		(resource, entity) => {
			const catalogue = entityNamed(entity);
			const expected = [
				...(catalogue.verbs.includes('create') ? ['create'] : []),
				...(catalogue.verbs.includes('delete') ? ['delete'] : []),
				...(catalogue.verbs.includes('get') ? ['get'] : []),
				...(catalogue.verbs.includes('search') ? ['getAll'] : []),
				...(catalogue.commands ? ['runCommand'] : []),
				...(catalogue.verbs.includes('update') ? ['update'] : []),
			];
			expect(operationsOf(resource)).toEqual(expected);
		},
	);

	test('Customer, Invoice and Location cannot be deleted; Invoice and Location not created', () => {
		expect(operationsOf('customer')).not.toContain('delete');
		// real code runs invoice commands (PAY_COWORKER_INVOICE_MANUAL), so Run Command is offered
		expect(operationsOf('invoice')).toEqual(['get', 'getAll', 'runCommand', 'update']);
		expect(operationsOf('location')).toEqual(['get', 'getAll', 'update']);
		expect(operationsOf('booking')).toContain('runCommand');
		expect(operationsOf('customerNote')).not.toContain('runCommand');
	});

	test('every operation has a description and an action an AI agent can act on', () => {
		expect(description.usableAsTool).toBeTruthy();
		const operations = properties.filter((property) => property.name === 'operation');
		for (const option of operations.flatMap((p) => p.options as INodePropertyOptions[])) {
			expect(option.description).toMatch(/\w{3,}/);
			expect(option.action).toMatch(/\w{3,}/);
		}
	});

	test('every named enum defaults to its lowest value, as Nexudus leaves an unset enum', () => {
		const enums = properties
			.flatMap((property) => [property, ...((property.options ?? []) as INodeProperties[])])
			.filter(
				(property) =>
					property.type === 'options' &&
					Array.isArray(property.options) &&
					property.options.length > 0 &&
					property.options.every(
						(option) => typeof (option as INodePropertyOptions).value === 'number',
					) &&
					/\bNexudus field /.test(property.description ?? ''),
			);
		// (Create's formerly required enums lead with "Nexudus Default" instead: see below.)
		expect(enums.length).toBeGreaterThan(40);
		for (const property of enums) {
			const values = (property.options as INodePropertyOptions[]).map(
				(option) => option.value as number,
			);
			expect([property.name, property.default]).toEqual([property.name, Math.min(...values)]);
		}
		const eventCreate = shownFor('calendarEvent', 'create');
		expect(eventCreate.find((property) => property.name === 'WhichEventsToUpdate')?.default).toBe(
			1,
		);
	});

	test('Booking Create: required fields at the top, typed; others under Additional Fields', () => {
		const create = shownFor('booking', 'create');
		const top = create.filter((property) => property.required);
		// Real booking creates send neither Repeats nor WhichBookingsToUpdate: they are not required.
		expect(top.map((property) => [property.name, property.type])).toEqual([
			['ResourceId', 'resourceLocator'],
			['FromTime', 'dateTime'],
			['ToTime', 'dateTime'],
		]);
		const resource = top[0];
		expect(resource.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(resource.modes?.[0].typeOptions?.searchListMethod).toBe('searchResources');

		const additional = create.find((property) => property.name === 'additionalFields')!;
		const byName = new Map(
			(additional.options as INodeProperties[]).map((option) => [option.name, option]),
		);
		expect(byName.get('CoworkerId')).toMatchObject({
			displayName: 'Customer',
			type: 'resourceLocator',
		});
		expect(byName.get('Tentative')?.type).toBe('boolean');
		// Earlier versions required these at the top: they stay there (saved values survive), optional,
		// and left alone they send nothing, as real creates do.
		const formerlyTop = new Map(
			create
				.filter((property) => ['Repeats', 'WhichBookingsToUpdate'].includes(property.name))
				.map((property) => [property.name, property]),
		);
		const repeats = formerlyTop.get('Repeats')!;
		expect(repeats.type).toBe('options');
		expect(repeats.required).toBeFalsy();
		expect(repeats.default).toBe('');
		expect(repeats.options).toEqual(expect.arrayContaining([{ name: 'Weekly', value: 2 }]));
		expect(repeats.description).toContain('only when Repeat Booking is on');
		const which = formerlyTop.get('WhichBookingsToUpdate')!;
		expect(which.default).toBe('');
		expect(which.options).toEqual(
			expect.arrayContaining([{ name: 'Update This Booking Only', value: 1 }]),
		);
		expect(byName.has('Repeats')).toBe(false);
		expect(byName.get('RepeatUntil')?.type).toBe('dateTime');
		expect(byName.has('ResourceId')).toBe(false);
		const products = byName.get('BookingProducts')!;
		expect(products.type).toBe('fixedCollection');
		const item = (products.options as Array<{ values: INodeProperties[] }>)[0].values;
		expect(item[0].displayName).toBe('Product ID');
		expect(item.map((value) => [value.name, value.type])).toEqual([
			['ProductId', 'string'],
			['Quantity', 'number'],
			['InvoiceInMinutes', 'boolean'],
		]);
	});

	test('Get Many filters: every catalogue filter, ranges as From/To, enums by name', () => {
		const filters = shownFor('customer', 'getAll').find((property) => property.name === 'filters')!;
		const names = (filters.options as INodeProperties[]).map((option) => option.name);
		// Former and withdrawn names (Coworker_City, Coworker_LastRenewal) are kept for saved
		// workflows, shown only where one is saved; see catalogueFeatures.test.ts.
		const coworker = entityNamed('Coworker');
		const expected = [
			...queryParameters(coworker).flatMap((parameter) => [
				parameter.param,
				...(parameter.formerly ?? []),
			]),
			...withdrawnParameters(coworker).map((parameter) => parameter.param),
		];
		expect(names.sort()).toEqual(expected.sort());
		expect(names).toContain('from_Coworker_CreatedOn');
		expect(names).toContain('to_Coworker_CreatedOn');
		// CreatedOn only has the range form.
		expect(names).not.toContain('Coworker_CreatedOn');
		const type = (filters.options as INodeProperties[]).find(
			(option) => option.name === 'Coworker_CoworkerType',
		)!;
		expect(type.options).toEqual([
			{ name: 'Company', value: 2 },
			{ name: 'Individual', value: 1 },
		]);
	});

	test('Update Fields offer every updatable field and no create-only one', () => {
		const updateFields = shownFor('booking', 'update').find(
			(property) => property.name === 'updateFields',
		)!;
		const names = (updateFields.options as INodeProperties[]).map((option) => option.name);
		expect(names).toContain('FromTime');
		expect(names).not.toContain('InternalNotes'); // create-only in the catalogue
		expect(names).toContain('BookingVisitors');
	});

	test("Other Record's per-entity filters and fields are loaded, not in the static description", () => {
		const other = shownFor('otherRecord');
		const text = JSON.stringify(other);
		expect(text).not.toMatch(/CoworkerTask_/);
		expect(text).toContain('getEntityFilters');
		expect(text).toContain('getEntityFields');
		expect(text).toContain('searchEntities');
	});
});

describe('catalogue bundle', () => {
	test('holds every catalogue entity with a path, each with its verbs and fields', () => {
		expect(allEntities().length).toBeGreaterThan(140);
		for (const entity of allEntities()) {
			expect(entity.path).toMatch(/^\/api\/\w+\/\w+$/);
			expect(entity.verbs.length).toBeGreaterThan(0);
		}
		expect(writableFields(entityNamed('CoworkerNote'), 'create').map((f) => f.field)).toEqual([
			'CoworkerId',
			'Notes',
			'AddedBy',
		]);
	});
});

describe('filters are checked before any request', () => {
	test('known filters become the query, typed', () => {
		expect(
			buildQuery(check(), target('Booking'), {
				Booking_Coworker: { __rl: true, mode: 'list', value: '42' },
				from_Booking_FromTime: '2025-03-01T08:00:00',
				to_Booking_FromTime: '2025-03-31',
				Booking_Tentative: true,
				Booking_Notes: 'projector',
			}),
		).toEqual({
			Booking_Coworker: 42,
			from_Booking_FromTime: '2025-03-01T08:00',
			to_Booking_FromTime: '2025-03-31T00:00',
			Booking_Tentative: true,
			Booking_Notes: 'projector',
		});
	});

	test('enum filters take names, matched without case or spaces', () => {
		expect(buildQuery(check(), target('Coworker'), { Coworker_CoworkerType: 'company' })).toEqual({
			Coworker_CoworkerType: 2,
		});
	});

	test('an unknown filter is a named error with the nearest names', () => {
		expect(failure(() => buildQuery(check(), target('Booking'), { Booking_Resorce: 5 }))).toBe(
			'Filters: "Booking_Resorce" is not a filter of Booking; nearest: Booking_Resource, Booking_Coworker, Booking_Invoiced',
		);
	});

	test('a value of the wrong type names the filter', () => {
		expect(
			failure(() => buildQuery(check(), target('Booking'), { from_Booking_FromTime: 'soon' })),
		).toMatch(/^Filters > From Time From \(from_Booking_FromTime\): "soon" is not a date/);
		expect(
			failure(() => buildQuery(check(), target('Coworker'), { Coworker_CoworkerType: 'Robot' })),
		).toMatch(/Coworker_CoworkerType.*"Robot" is not one of Individual, Company/);
		expect(failure(() => buildQuery(check(), target('Booking'), { Booking_Notes: ' ' }))).toMatch(
			/Booking_Notes.*is empty/,
		);
	});
});

describe('unconfirmed filters are checked against the rows Nexudus returns', () => {
	test('a row that contradicts an unconfirmed equality filter means Nexudus ignored it', () => {
		// Business_PassportOnly and ExtraService_ReducedTaxRate are derived names no source confirms.
		expect(
			failure(() =>
				checkFiltersApplied(check(), target('Business'), { Business_PassportOnly: true }, [
					{ Id: 1, PassportOnly: true },
					{ Id: 2, PassportOnly: false },
				]),
			),
		).toMatch(
			/^Filters > Passport Only \(Business_PassportOnly\): Nexudus answered with records whose PassportOnly is not true \(e.g. ID 2, which holds false\)/,
		);
		expect(
			failure(() =>
				checkFiltersApplied(check(), target('ExtraService'), { ExtraService_ReducedTaxRate: 7 }, [
					{ Id: 3, ReducedTaxRateId: 8 },
				]),
			),
		).toMatch(/ReducedTaxRateId is not 7/);
	});

	test('matching rows and confirmed filters pass', () => {
		const booking = target('Booking');
		expect(() =>
			checkFiltersApplied(check(), target('Business'), { Business_PassportOnly: true }, [
				{ Id: 1, PassportOnly: true },
			]),
		).not.toThrow();
		// Booking_Tentative is confirmed by the docs: Nexudus's own semantics are trusted.
		expect(() =>
			checkFiltersApplied(check(), booking, { Booking_Tentative: true }, [
				{ Id: 1, Tentative: false },
			]),
		).not.toThrow();
		// No rows: nothing was widened.
		expect(() =>
			checkFiltersApplied(check(), target('Business'), { Business_PassportOnly: true }, []),
		).not.toThrow();
	});

	test('rows that cannot show whether an unconfirmed filter applied are an error, not a pass', () => {
		// List rows are partial: a row without the field cannot confirm the filter.
		expect(
			failure(() =>
				checkFiltersApplied(check(), target('Business'), { Business_PassportOnly: true }, [
					{ Id: 1 },
				]),
			),
		).toMatch(
			/^Filters > Passport Only \(Business_PassportOnly\): the catalogue's name for this filter is not confirmed, and the rows Nexudus answered do not carry PassportOnly \(e.g. ID 1\)/,
		);
	});

	test('text filters must be contained in the rows, date and number ranges must hold', () => {
		const business = target('Business');
		// Business_State (text) and Business_PreAuthProcessedOn (a date range) are unconfirmed.
		const text = { Business_State: 'abc' };
		expect(() =>
			checkFiltersApplied(check(), business, text, [{ Id: 1, State: 'x-ABC-y' }]),
		).not.toThrow();
		expect(
			failure(() =>
				checkFiltersApplied(check(), business, text, [
					{ Id: 1, State: 'abc' },
					{ Id: 2, State: 'other' },
				]),
			),
		).toMatch(
			/whose State is not a text containing "abc" \(e.g. ID 2, which holds "other"\)/,
		);
		const range = {
			from_Business_PreAuthProcessedOn: '2025-01-01T00:00',
			to_Business_PreAuthProcessedOn: '2025-01-31T23:59',
		};
		expect(() =>
			checkFiltersApplied(check(), business, range, [
				{ Id: 1, PreAuthProcessedOn: '2025-01-01T00:00:00Z' },
				{ Id: 2, PreAuthProcessedOn: '2025-01-31T23:59:30' },
			]),
		).not.toThrow();
		expect(
			failure(() =>
				checkFiltersApplied(check(), business, range, [
					{ Id: 1, PreAuthProcessedOn: '2025-01-15T10:00:00Z' },
					{ Id: 2, PreAuthProcessedOn: '2025-02-01T00:00:00Z' },
				]),
			),
		).toMatch(/whose PreAuthProcessedOn is not "2025-01-31T23:59" or earlier \(e.g. ID 2/);
		expect(
			failure(() => checkFiltersApplied(check(), business, range, [{ Id: 3, PreAuthProcessedOn: null }])),
		).toMatch(/PreAuthProcessedOn is not "2025-01-01T00:00" or later/);
	});
});

describe('fields are checked before any request', () => {
	test('typed values, enums by name, inline children', () => {
		expect(
			buildBody(check(), { ...target('Booking'), childKinds: RESOURCES[0].childKinds }, 'create', {
				ResourceId: { __rl: true, mode: 'id', value: '7' },
				FromTime: '2025-03-01T09:30:00.000Z',
				Repeats: 'Weekly',
				Tentative: 'true',
				BookingProducts: { items: [{ ProductId: '3', Quantity: 2, InvoiceInMinutes: false }] },
			}),
		).toEqual({
			ResourceId: 7,
			FromTime: '2025-03-01T09:30:00',
			Repeats: 2,
			Tentative: true,
			BookingProducts: [{ ProductId: 3, Quantity: 2, InvoiceInMinutes: false }],
		});
	});

	test('an unknown field is a named error with the nearest names', () => {
		expect(
			failure(() =>
				buildBody(check(), target('CoworkerNote', 'Customer Note'), 'create', { Note: 'x' }),
			),
		).toBe(
			'Note (Note): "Note" is not a field of Customer Note; nearest: Notes, AddedBy, CoworkerId',
		);
	});

	test('a create-only field cannot be updated', () => {
		expect(
			failure(() => buildBody(check(), target('Booking'), 'update', { InternalNotes: 'x' })),
		).toBe('Internal Notes (InternalNotes): can only be set when the Booking is created');
	});

	test('wrong types and unknown enum names are named, never dropped', () => {
		expect(
			failure(() => buildBody(check(), target('Booking'), 'create', { Tentative: 'maybe' })),
		).toBe('Tentative (Tentative): "maybe" is not true or false');
		expect(
			failure(() => buildBody(check(), target('Booking'), 'create', { Repeats: 'Hourly' })),
		).toMatch(/^Repeats \(Repeats\): "Hourly" is not one of Daily, Weekly/);
		expect(
			failure(() => buildBody(check(), target('Booking'), 'create', { Notes: { a: 1 } })),
		).toBe('Notes (Notes): must be text, not an object or a list');
		expect(
			failure(() =>
				buildBody(check(), target('Booking'), 'create', {
					BookingVisitors: [{ VisitorName: 'Ann' }],
				}),
			),
		).toMatch(
			/Booking Visitors \(BookingVisitors\) item 1 > VisitorName: "VisitorName" is not a property/,
		);
	});

	test('a missing required field is named before the request', () => {
		expect(
			failure(() =>
				checkRequired(check(), target('CoworkerNote', 'Customer Note'), {
					CoworkerId: 5,
					Notes: '  ',
				}),
			),
		).toBe('Notes (Notes): is required to create Customer Note records');
	});

	test('Update refuses a field the fetched record does not have, suggesting its names', () => {
		expect(
			failure(() =>
				checkAgainstRecord(
					check(),
					target('Booking'),
					{ FloorPlanDeskId: 4 },
					{
						Id: 1,
						FloorPlanDesk: null,
						Notes: '',
					},
				),
			),
		).toBe(
			'Floor Plan Desk ID (FloorPlanDeskId): "FloorPlanDeskId" is not a field of the Booking record Nexudus returned; nearest: FloorPlanDesk, Id, Notes',
		);
		// Added…/Removed… companions edit a list the record carries under its plain name.
		expect(() =>
			checkAgainstRecord(check(), target('Team'), { AddedTeamMembers: [1] }, { Id: 1 }),
		).not.toThrow();
	});
});

describe('values', () => {
	const spec = { label: 'X', purpose: 'field' as const };
	test.each([
		['id', '12', 12],
		['integer', '3', 3],
		['decimal', '2.5', 2.5],
		['boolean', 'FALSE', false],
		['dayOfWeek', 'monday', 1],
		['idList', '1, 2,3', [1, 2, 3]],
		['list', '[1,"a"]', [1, 'a']],
		['list', '4,5', [4, 5]],
		['string', 12, '12'],
	] as const)('%s %j -> %j', (kind, given, expected) => {
		expect(toApiValue(check(), { ...spec, kind }, given)).toEqual(expected);
	});

	test.each([
		['id', '0'],
		['integer', '1.5'],
		['decimal', ''],
		['boolean', 1],
		['idList', '1,x'],
		['list', '[1,'],
		['dateTime', 'yesterday'],
	] as const)('%s %j is refused with the field named', (kind, given) => {
		expect(failure(() => toApiValue(check(), { ...spec, kind }, given))).toMatch(/^X: /);
	});

	test('an enum without known names takes its number', () => {
		expect(toApiValue(check(), { ...spec, kind: 'enum' }, '3')).toBe(3);
	});
});

describe('nearestNames', () => {
	test('containing names first, then by edit distance', () => {
		expect(nearestNames('email', ['FullName', 'Email', 'BillingEmail', 'Mobile'])).toEqual([
			'Email',
			'BillingEmail',
			'Mobile',
		]);
		expect(nearestNames('Nmae', ['Name', 'Notes', 'Id'], 1)).toEqual(['Name']);
	});
});
