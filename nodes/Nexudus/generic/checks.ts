import type { IDataObject } from 'n8n-workflow';

import type { InputChecker } from '../../shared/validation';
import type { CatalogueEntity, QueryParameter, ValueKind } from '../../shared/catalogue';
import {
	enumValues,
	findField,
	findQueryParameter,
	isListCompanion,
	kindOf,
	queryParameters,
	withdrawnFields,
	withdrawnParameters,
	writableChildren,
	writableFields,
} from '../../shared/catalogue';
import { pickerForEntity } from '../methods/pickers';
import { fieldLabel, filterLabel } from './labels';
import { unknownNameProblem } from './names';
import type { ValueSpec } from './values';
import { clearingValue, isNothing, toApiValue } from './values';

/** A checked value, typed as n8n's data objects hold it. */
const toValue = (check: InputChecker, spec: ValueSpec, value: unknown) =>
	toApiValue(check, spec, value) as IDataObject[string];

/**
 * Checks names and values against the catalogue before any request: an unknown filter or field
 * is an error naming it (with the nearest known names), every value is converted to its type.
 */

/** The entity an operation works on, as the router resolved it. */
export interface Target {
	entity: CatalogueEntity;
	/** What messages call a record: `Booking`, `Customer`. */
	label: string;
	/** Types of inline child properties the catalogue leaves untyped. */
	childKinds?: Record<string, Record<string, ValueKind>>;
	/** The workflow's time zone: instants given to local-time dates are read in it (dates.ts). */
	timeZone?: string;
}

/** `Location (BusinessId)`, `Issued By ID (IssuedById)`: the form's name and the API's. */
function labelOf(name: string): string {
	const isId = /.Id$/.test(name);
	const picker = isId ? pickerForEntity(name.replace(/Id$/, '')) : undefined;
	return `${fieldLabel(name, isId, picker !== undefined)} (${name})`;
}

const givenTwice = (name: string) =>
	`is given twice: under ${name} and under its former name; remove one`;

/** Filters by catalogue name (or a former one) -> Nexudus query. */
export function buildQuery(check: InputChecker, target: Target, given: IDataObject): IDataObject {
	const known = queryParameters(target.entity);
	const query: IDataObject = {};
	for (const [name, value] of Object.entries(given)) {
		const parameter = findQueryParameter(known, name);
		const withdrawn = withdrawnParameters(target.entity).find((p) => p.param === name);
		if (withdrawn) {
			check.fail(
				`Filters > ${filterLabel(withdrawn)} (${name})`,
				`Nexudus has no such filter (${String(withdrawn.withdrawn)}): it would ignore it and answer every record; remove it`,
			);
		}
		if (!parameter) {
			check.fail(
				'Filters',
				unknownNameProblem(
					'filter',
					name,
					target.label,
					known.map((candidate) => candidate.param),
				),
			);
		}
		const label = `Filters > ${filterLabel(parameter)} (${name})`;
		// A former name (`Coworker_City`) is sent as today's (`Coworker_CityName`).
		if (parameter.param in query) check.fail(label, givenTwice(parameter.param));
		query[parameter.param] = toValue(
			check,
			{
				label,
				kind: parameter.kind,
				enumValues: enumValues(target.entity, parameter.property),
				purpose: 'filter',
				property: parameter.property,
				timeZone: target.timeZone,
			},
			value,
		);
	}
	return query;
}

function childItems(
	check: InputChecker,
	target: Target,
	name: string,
	writable: string[],
	value: unknown,
): IDataObject[] {
	// A form gives `{ items: [...] }`, JSON the list itself, a name/value pair the list as text.
	const nothing =
		isNothing(value) ||
		(typeof value === 'string' && /^\[\s*\]$/.test(value.trim())) ||
		(typeof value === 'object' && !Array.isArray(value) && isNothing((value as IDataObject).items));
	if (nothing) {
		check.empty(
			labelOf(name),
			'an empty list never clears the items Nexudus holds. Add items, remove the field, or (on Update) name it in Clear Fields to remove every item on purpose',
		);
	}
	let items: unknown = value;
	if (typeof value === 'string') {
		try {
			items = JSON.parse(value);
		} catch {
			check.fail(labelOf(name), `"${value}" is not a JSON list of items`);
		}
	} else if (!Array.isArray(value)) {
		items = (value as IDataObject)?.items ?? [];
	}
	if (!Array.isArray(items)) check.fail(labelOf(name), 'must be a list of items');
	return (items as unknown[]).map((item, index) => {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) {
			check.fail(`${labelOf(name)} item ${index + 1}`, 'must be an object');
		}
		const converted: IDataObject = {};
		for (const [property, propertyValue] of Object.entries(item as IDataObject)) {
			// A form item holds every property, the unset ones empty: those are not sent.
			if (isNothing(propertyValue)) continue;
			const label = `${labelOf(name)} item ${index + 1} > ${property}`;
			if (!writable.includes(property)) {
				check.fail(label, unknownNameProblem('property', property, name, writable));
			}
			const kind = target.childKinds?.[name]?.[property];
			converted[property] = kind
				? toValue(
						check,
						{ label, kind, purpose: 'field', property, timeZone: target.timeZone },
						propertyValue,
					)
				: (propertyValue as IDataObject[string]);
		}
		return converted;
	});
}

/** Fields by catalogue name (or a former one) -> body properties, for a create or an update. */
export function buildBody(
	check: InputChecker,
	target: Target,
	operation: 'create' | 'update',
	given: IDataObject,
): IDataObject {
	const fields = writableFields(target.entity, operation);
	const children = writableChildren(target.entity, operation);
	const knownNames = [
		...fields.map((field) => field.field),
		...children.map((child) => child.field),
	];
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(given)) {
		const child = children.find((candidate) => candidate.field === name);
		if (child) {
			body[name] = childItems(check, target, name, child.writable, value);
			continue;
		}
		const field = findField(fields, name);
		const withdrawn = withdrawnFields(target.entity, operation).find((f) => f.field === name);
		if (withdrawn) {
			check.fail(
				labelOf(name),
				`cannot be written through the Nexudus API (${String(withdrawn.withdrawn)}); remove it`,
			);
		}
		if (!field) {
			const createOnly =
				operation === 'update' && findField(target.entity.fields, name) !== undefined;
			check.fail(
				labelOf(name),
				createOnly
					? `can only be set when the ${target.label} is created`
					: unknownNameProblem('field', name, target.label, knownNames),
			);
		}
		// A former name (`City`) is written to today's field (`CityName`).
		if (field.field in body) check.fail(labelOf(name), givenTwice(field.field));
		body[field.field] = toValue(
			check,
			{
				label: labelOf(name),
				kind: kindOf(field.type),
				enumValues: enumValues(target.entity, field.field),
				purpose: 'field',
				property: field.field,
				timeZone: target.timeZone,
			},
			value,
		);
	}
	return body;
}

/**
 * Clear Fields on Update: the value that empties each named field, by kind. Text becomes '',
 * lists and inline child lists [], a nullable value (`int?`, `DateTime?`, `long?`) null. A field
 * that cannot be empty (a required one, a plain number, yes/no or enum) is refused, as is a field
 * also given a value.
 */
export function clearedFields(
	check: InputChecker,
	target: Target,
	names: string[],
	changes: IDataObject,
): IDataObject {
	const fields = writableFields(target.entity, 'update');
	const children = writableChildren(target.entity, 'update');
	const cleared: IDataObject = {};
	for (const name of names) {
		const label = `Clear Fields > ${labelOf(name)}`;
		if (name in changes) check.fail(label, 'is also given a value: set it or clear it, not both');
		if (children.some((child) => child.field === name)) {
			cleared[name] = [];
			continue;
		}
		const field = fields.find((candidate) => candidate.field === name);
		if (!field) {
			check.fail(
				label,
				unknownNameProblem('field', name, target.label, [
					...fields.map((candidate) => candidate.field),
					...children.map((child) => child.field),
				]),
			);
		}
		const value = clearingValue(field);
		if (value === undefined) {
			const kind = kindOf(field.type);
			check.fail(
				label,
				field.required
					? `is required for ${target.label} records: it cannot be cleared`
					: `is a ${kind === 'boolean' ? 'yes/no' : kind} value Nexudus always holds: it cannot be cleared, set it instead`,
			);
		}
		cleared[name] = value;
	}
	return cleared;
}

/** Creating without a field the catalogue marks required fails before the request. */
export function checkRequired(check: InputChecker, target: Target, given: IDataObject) {
	for (const field of writableFields(target.entity, 'create')) {
		if (field.required && isNothing(given[field.field])) {
			check.fail(labelOf(field.field), `is required to create ${target.label} records`);
		}
	}
}

/**
 * Update sends the fetched record back whole, so a field the record does not carry would be
 * sent under a name Nexudus may not know: refused, with the record's nearest names.
 */
export function checkAgainstRecord(
	check: InputChecker,
	target: Target,
	changes: IDataObject,
	record: IDataObject,
) {
	for (const name of Object.keys(changes)) {
		if (name in record || isListCompanion(target.entity, name)) continue;
		check.fail(
			labelOf(name),
			unknownNameProblem(
				'field',
				name,
				`the ${target.label} record Nexudus returned`,
				Object.keys(record),
			),
		);
	}
}

/** The row property a filter is about: `Booking_Resource` -> `ResourceId`, `Resource_Name` -> `ResourceName`. */
function rowKey(parameter: QueryParameter): string {
	const property = parameter.property.replace(/_/g, '');
	return parameter.kind === 'id' && !/Id$/.test(property) ? `${property}Id` : property;
}

/** `2025-01-31T09:30:00Z` -> `2025-01-31T09:30`: what a date filter compares (minutes). */
const minutes = (value: unknown) =>
	String(value ?? '')
		.replace(' ', 'T')
		.slice(0, 16);

/** Whether a row's value agrees with a filter; undefined when the kind cannot be compared. */
function agrees(parameter: QueryParameter, value: unknown, wanted: unknown): boolean | undefined {
	const isDate = parameter.kind === 'dateTime';
	if (parameter.end) {
		if (value === null || value === undefined || value === '') return false;
		if (!isDate && !['integer', 'decimal', 'id'].includes(parameter.kind)) return undefined;
		const [a, b] = isDate ? [minutes(value), minutes(wanted)] : [Number(value), Number(wanted)];
		return parameter.end === 'from' ? a >= b : a <= b;
	}
	switch (parameter.kind) {
		case 'string':
			return String(value ?? '')
				.toLowerCase()
				.includes(String(wanted).toLowerCase());
		case 'dateTime':
			return minutes(value) === minutes(wanted);
		case 'boolean':
		case 'integer':
		case 'decimal':
		case 'enum':
		case 'dayOfWeek':
		case 'id':
			return value === wanted;
		default:
			return undefined;
	}
}

/**
 * Nexudus ignores a query parameter it does not know and returns every record. A filter whose
 * name the docs confirm is trusted; every other one is checked against the rows it got: text
 * must contain the value (any case), dates and numbers must lie in the range, yes/no, numbers,
 * enums and ids must equal it. A row that contradicts the filter, or rows that do not carry its
 * property (so nothing can be checked), are an error naming the filter: the rows are never
 * passed on as matching when the filter may have been ignored.
 */
export function checkFiltersApplied(
	check: InputChecker,
	target: Target,
	query: IDataObject,
	rows: IDataObject[],
) {
	if (rows.length === 0) return;
	for (const parameter of queryParameters(target.entity)) {
		if (!parameter.unconfirmed || !(parameter.param in query)) continue;
		const label = `Filters > ${filterLabel(parameter)} (${parameter.param})`;
		const key = rowKey(parameter);
		const wanted = query[parameter.param];
		const unchecked = rows.find(
			(row) => !(key in row) || agrees(parameter, row[key], wanted) === undefined,
		);
		if (unchecked) {
			check.fail(
				label,
				`the catalogue's name for this filter is not confirmed, and the rows Nexudus answered ${key in unchecked ? `hold ${key} in a form the node cannot compare` : `do not carry ${key}`} (e.g. ID ${String(unchecked.Id)}), so the node cannot check that Nexudus applied it. Remove the filter and filter the rows in n8n instead`,
			);
		}
		const stray = rows.find((row) => agrees(parameter, row[key], wanted) === false);
		if (stray) {
			const expected =
				parameter.end === 'from'
					? `${JSON.stringify(wanted)} or later`
					: parameter.end === 'to'
						? `${JSON.stringify(wanted)} or earlier`
						: parameter.kind === 'string'
							? `a text containing ${JSON.stringify(wanted)}`
							: JSON.stringify(wanted);
			check.fail(
				label,
				`Nexudus answered with records whose ${key} is not ${expected} (e.g. ID ${String(stray.Id)}, which holds ${JSON.stringify(stray[key] ?? null)}), so it did not apply this filter; the catalogue's name for it is not confirmed`,
			);
		}
	}
}
