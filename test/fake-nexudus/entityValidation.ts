/**
 * What POST and PUT bodies must satisfy, as the fake reads the catalogue: required fields (on PUT,
 * those of create that PUT carries too), value types, the enum values listed, ids of records that
 * exist (for fields named `<ServedEntity>Id`, and child items' ids), integer lists for `Added…`/`Removed…`.
 * Errors come in catalogue order, one per property, in Nexudus's `{PropertyName, Message, AttemptedValue}` form.
 */
import {
	INVALID_VALUE,
	REQUIRED,
	type ValidationError,
	isBlank,
	isPlainObject,
	isoSeconds,
} from './common';
import { type EntitySchema, type FieldSchema, type ValueType } from './entitySchema';

/** What validation needs to know about the other records. */
export interface RecordIndex {
	serves(entity: string): boolean;
	exists(entity: string, id: unknown): boolean;
}

export function validateBody(
	schema: EntitySchema,
	body: Record<string, unknown>,
	verb: 'create' | 'update',
	records: RecordIndex,
): ValidationError[] {
	const errors: ValidationError[] = [];
	const reject = (property: string, value: unknown, message: string) =>
		errors.push({ AttemptedValue: value ?? null, Message: message, PropertyName: property });
	for (const field of schema.fields) {
		if (!(verb === 'create' ? field.onCreate : field.onUpdate)) continue;
		const value = body[field.name];
		// 0 is how .NET spells "no record" in a non-nullable id
		if (isBlank(value) || (field.references && value === 0)) {
			if (verb === 'create' ? field.requiredOnCreate : field.requiredOnUpdate)
				reject(field.name, value, REQUIRED);
			continue;
		}
		const problem = valueProblem(field, value, records);
		if (problem) reject(field.name, value, problem);
	}
	for (const child of schema.children) {
		const items = body[child.field];
		if (!child.on.includes(verb) || items === undefined || items === null) continue;
		if (!Array.isArray(items) || !items.every(isPlainObject)) {
			reject(child.field, items, INVALID_VALUE);
			continue;
		}
		items.forEach((item, index) => {
			for (const name of child.writable) {
				const target = /^(.+)Id$/.exec(name)?.[1];
				const value = item[name];
				if (target && records.serves(target) && !isBlank(value) && !records.exists(target, value))
					reject(`${child.field}[${index}].${name}`, value, `is not a valid ${target}`);
			}
		});
	}
	for (const name of schema.companions.keys()) {
		const ids = body[name];
		if (ids !== undefined && ids !== null && !isIntegerList(ids)) reject(name, ids, INVALID_VALUE);
	}
	if (!isBlank(body.SystemId) && typeof body.SystemId !== 'string')
		reject('SystemId', body.SystemId, INVALID_VALUE);
	return errors;
}

function isIntegerList(value: unknown): boolean {
	return Array.isArray(value) && value.every((item) => Number.isInteger(item));
}

function hasType(type: ValueType, value: unknown): boolean {
	switch (type) {
		case 'text':
			return typeof value === 'string';
		case 'bool':
			return typeof value === 'boolean';
		case 'int':
		case 'long':
		case 'enum':
			return Number.isInteger(value);
		case 'decimal':
			return typeof value === 'number' && Number.isFinite(value);
		case 'date':
			return typeof value === 'string' && !Number.isNaN(Date.parse(withZone(value)));
		case 'intList':
			return isIntegerList(value);
		case 'list':
			return Array.isArray(value);
	}
}

/** A date without an offset is taken as UTC (Nexudus's own zone rules are not documented). */
function withZone(text: string): string {
	return /T\d{2}:\d{2}/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text;
}

export function normalize(type: ValueType, value: unknown): unknown {
	return type === 'date' ? isoSeconds(Date.parse(withZone(value as string))) : value;
}

function valueProblem(
	field: FieldSchema,
	value: unknown,
	records: RecordIndex,
): string | undefined {
	if (!hasType(field.type, value)) return INVALID_VALUE;
	if (field.enumValues && !field.enumValues.has(value as number)) return INVALID_VALUE;
	if (field.references && !records.exists(field.references, value))
		return `is not a valid ${field.references}`;
	return undefined;
}
