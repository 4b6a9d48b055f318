import type { InputChecker } from '../../shared/validation';
import type { ValueKind } from '../../shared/catalogue';

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
	const number = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
	if (typeof value === 'boolean' || !Number.isInteger(number)) {
		check.fail(label, `"${String(value)}" is not a whole number`);
	}
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

/** Record fields keep the wall-clock time written, to the second: `2025-01-31T09:30:00`. */
function fieldDate(check: InputChecker, label: string, value: unknown): string {
	const luxonLike = value as { toISO?: () => string; isValid?: boolean } | undefined;
	const text =
		typeof luxonLike?.toISO === 'function' && luxonLike.isValid !== false
			? luxonLike.toISO()
			: value instanceof Date
				? value.toISOString()
				: String(value ?? '').trim();
	const written = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!written) check.fail(label, `"${text}" is not a date (use e.g. 2025-01-31T09:30:00)`);
	const [, day, hours = '00', minutes = '00', seconds = '00'] = written;
	return `${day}T${hours}:${minutes}:${seconds}`;
}

export function toApiValue(check: InputChecker, spec: ValueSpec, given: unknown): ApiValue {
	const value = plainValue(given);
	const { label } = spec;
	switch (spec.kind) {
		case 'id':
			return check.id(label, value);
		case 'integer':
			return whole(check, label, value);
		case 'decimal': {
			const number = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
			if (typeof value === 'boolean' || !Number.isFinite(number)) {
				check.fail(label, `"${String(value)}" is not a number`);
			}
			return number;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (/^(true|false)$/i.test(String(value).trim()))
				return String(value).trim().toLowerCase() === 'true';
			return check.fail(label, `"${String(value)}" is not true or false`);
		case 'dateTime':
			return spec.purpose === 'filter' ? check.date(label, value) : fieldDate(check, label, value);
		case 'enum':
			return spec.enumValues
				? byNameOrNumber(check, spec, value, spec.enumValues)
				: whole(check, label, value);
		case 'dayOfWeek':
			return byNameOrNumber(check, spec, value, DAYS_OF_WEEK);
		case 'idList':
			return idsOf(check, label, value);
		case 'list':
			return listOf(check, label, value);
		case 'string':
			if (value !== null && typeof value === 'object') {
				check.fail(label, 'must be text, not an object or a list');
			}
			return value === null || value === undefined ? '' : String(value);
	}
}
