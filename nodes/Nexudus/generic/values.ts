import { isUtcDate } from '../../shared/dates';
import type { InputChecker } from '../../shared/validation';
import { plainWholeNumber } from '../../shared/validation';
import type { CatalogueField, ValueKind } from '../../shared/catalogue';
import { kindOf } from '../../shared/catalogue';

/**
 * Turns what the user gave (a typed form value, or text from a name/value pair or an
 * expression) into the value Nexudus expects, or a named error. Nothing is passed on unchecked.
 */

export type ApiValue = string | number | boolean | unknown[];

export interface ValueSpec {
	/** What the error names: `Customer (CoworkerId)`. */
	label: string;
	kind: ValueKind;
	/** Enum names by value (`{ "1": "Daily" }`), when the catalogue has them. */
	enumValues?: Record<string, string>;
	/** Filters take minutes (`YYYY-MM-DDTHH:mm`); record fields keep seconds. */
	purpose: 'filter' | 'field';
	/** The Nexudus property (`FromTime`, `CreatedOn`): whether a date is UTC or local (dates.ts). */
	property?: string;
	/** The workflow's time zone, for instants given to a local-time date. */
	timeZone?: string;
}

/** What an empty value tells the user to do instead, by purpose. */
const EMPTY_REMEDY: Record<ValueSpec['purpose'], string> = {
	field:
		'an empty value never clears a field. Give a value, remove the field, or (on Update) name it in Clear Fields to clear it on purpose',
	filter: 'give a value or remove the filter',
};

/**
 * undefined, null, blank text, an empty list, a picker with nothing picked: what an expression
 * gives for a key the item lacks. false and 0 are values.
 */
export function isNothing(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object' && '__rl' in value) return isNothing(plainValue(value));
	return false;
}

/** .NET's DayOfWeek: Sunday is 0. */
export const DAYS_OF_WEEK: Record<string, string> = Object.fromEntries(
	['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map(
		(day, index) => [String(index), day],
	),
);

/** A resource locator's `{ __rl, mode, value }` or a plain value. */
export function plainValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && '__rl' in value) {
		return (value as { value?: unknown }).value;
	}
	return value;
}

const simplified = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

function byNameOrNumber(
	check: InputChecker,
	spec: ValueSpec,
	value: unknown,
	names: Record<string, string>,
): number {
	const text = String(value ?? '').trim();
	if (/^-?[0-9]+$/.test(text) && names[text] !== undefined) return Number(text);
	const match = Object.entries(names).find(([, name]) => simplified(name) === simplified(text));
	if (match) return Number(match[0]);
	return check.fail(
		spec.label,
		`"${text}" is not one of ${Object.values(names).join(', ')} (or their numbers ${Object.keys(names).join(', ')})`,
	);
}

function whole(check: InputChecker, label: string, value: unknown): number {
	const number = plainWholeNumber(value);
	if (number === undefined) check.fail(label, `"${String(value)}" is not a whole number`);
	return number;
}

/** Plain decimal notation (`12`, `-0.5`, `.5`); not `0x10`, `1e3`, `Infinity`. */
function decimal(check: InputChecker, label: string, value: unknown): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const number =
		typeof value === 'number'
			? value
			: text !== undefined && /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text)
				? Number(text)
				: NaN;
	if (!Number.isFinite(number)) check.fail(label, `"${String(value)}" is not a number`);
	return number;
}

function idsOf(check: InputChecker, label: string, value: unknown): number[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list
		.map((entry) => String(plainValue(entry) ?? '').trim())
		.filter((entry) => entry !== '')
		.map((entry) => check.id(label, entry));
}

function listOf(check: InputChecker, label: string, value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	const text = String(value ?? '').trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// reported below
		}
		check.fail(label, `"${text}" is not a JSON array`);
	}
	if (text === '') return [];
	return text.split(',').map((entry) => {
		const trimmed = entry.trim();
		return /^[0-9]+$/.test(trimmed) ? Number(trimmed) : trimmed;
	});
}

export function toApiValue(check: InputChecker, spec: ValueSpec, given: unknown): ApiValue {
	const value = plainValue(given);
	const { label } = spec;
	if (isNothing(value)) check.empty(label, EMPTY_REMEDY[spec.purpose]);
	switch (spec.kind) {
		case 'id':
			return check.id(label, value);
		case 'integer':
			return whole(check, label, value);
		case 'decimal':
			return decimal(check, label, value);
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (/^(true|false)$/i.test(String(value).trim()))
				return String(value).trim().toLowerCase() === 'true';
			return check.fail(label, `"${String(value)}" is not true or false`);
		case 'dateTime':
			return check.date(label, value, {
				utc: isUtcDate(spec.property ?? ''),
				timeZone: spec.timeZone,
				seconds: spec.purpose === 'field',
			});
		case 'enum':
			return spec.enumValues
				? byNameOrNumber(check, spec, value, spec.enumValues)
				: whole(check, label, value);
		case 'dayOfWeek':
			return byNameOrNumber(check, spec, value, DAYS_OF_WEEK);
		case 'idList':
			return nonEmpty(check, spec, idsOf(check, label, value));
		case 'list':
			return nonEmpty(check, spec, listOf(check, label, value));
		case 'string':
			if (value !== null && typeof value === 'object') {
				check.fail(label, 'must be text, not an object or a list');
			}
			return String(value);
	}
}

/** `" , "` is a list of nothing: as empty as `''`. */
function nonEmpty<T>(check: InputChecker, spec: ValueSpec, list: T[]): T[] {
	if (list.length === 0) check.empty(spec.label, EMPTY_REMEDY[spec.purpose]);
	return list;
}

/**
 * What Clear Fields sends to empty a field: '' for text, [] for lists, null for a nullable value
 * (`int?`, `DateTime?`); undefined for a field that cannot be empty (required, or a plain number,
 * yes/no or enum, which .NET always holds).
 */
export function clearingValue(field: CatalogueField): '' | [] | null | undefined {
	if (field.required) return undefined;
	const kind = kindOf(field.type);
	if (kind === 'list' || kind === 'idList') return [];
	if (kind === 'string') return '';
	return field.type.endsWith('?') ? null : undefined;
}
