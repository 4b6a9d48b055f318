import type { IDataObject } from 'n8n-workflow';

import type { InputChecker } from '../../shared/validation';
import type { CatalogueEntity, ValueKind } from '../../shared/catalogue';
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
import { toApiValue } from './values';

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
		if (parameter.kind === 'string' && String(value ?? '').trim() === '') {
			check.fail(label, 'is empty: give a value or remove the filter');
		}
		// A former name (`Coworker_City`) is sent as today's (`Coworker_CityName`).
		if (parameter.param in query) check.fail(label, givenTwice(parameter.param));
		query[parameter.param] = toValue(
			check,
			{
				label,
				kind: parameter.kind,
				enumValues: enumValues(target.entity, parameter.property),
				purpose: 'filter',
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
			const label = `${labelOf(name)} item ${index + 1} > ${property}`;
			if (!writable.includes(property)) {
				check.fail(label, unknownNameProblem('property', property, name, writable));
			}
			const kind = target.childKinds?.[name]?.[property];
			converted[property] = kind
				? toValue(check, { label, kind, purpose: 'field' }, propertyValue)
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
			},
			value,
		);
	}
	return body;
}

const isEmpty = (value: unknown) =>
	value === undefined ||
	value === null ||
	(typeof value === 'string' && value.trim() === '') ||
	(typeof value === 'object' &&
		'__rl' in value &&
		String((value as IDataObject).value ?? '') === '');

/** Creating without a field the catalogue marks required fails before the request. */
export function checkRequired(check: InputChecker, target: Target, given: IDataObject) {
	for (const field of writableFields(target.entity, 'create')) {
		if (field.required && isEmpty(given[field.field])) {
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

const CHECKABLE: ReadonlySet<string> = new Set(['boolean', 'integer', 'decimal', 'enum', 'id']);

/**
 * Nexudus ignores a query parameter it does not know and returns every record. For filters whose
 * names the docs do not confirm, the rows are checked: a row whose value differs from an equality
 * filter means Nexudus did not apply it, and passing those rows on as "matching" would be wrong.
 */
export function checkFiltersApplied(
	check: InputChecker,
	target: Target,
	query: IDataObject,
	rows: IDataObject[],
) {
	for (const parameter of queryParameters(target.entity)) {
		if (!parameter.unconfirmed || parameter.end || !(parameter.param in query)) continue;
		if (!CHECKABLE.has(parameter.kind) || parameter.property.includes('_')) continue;
		const key = parameter.kind === 'id' ? `${parameter.property}Id` : parameter.property;
		const wanted = query[parameter.param];
		const stray = rows.find((row) => key in row && row[key] !== wanted);
		if (stray) {
			check.fail(
				`Filters > ${filterLabel(parameter)} (${parameter.param})`,
				`Nexudus answered with records whose ${key} is not ${JSON.stringify(wanted)} (e.g. ID ${String(stray.Id)}), so it did not apply this filter; the catalogue's name for it is not confirmed`,
			);
		}
	}
}
