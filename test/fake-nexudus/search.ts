/**
 * Generic Nexudus-style search: filters, range filters, sorting and paging over in-memory rows.
 *
 * Query parameters understood (for a resource with prefix `WebHook`):
 * - `page` (default 1), `size` (default 25, clamped to 1000), `orderBy` (property name, case-insensitive), `dir` (0 asc, 1 desc)
 * - `WebHook_<Field>`: equality for numbers/booleans (an integer also matches a list containing it), case-insensitive
 *   "contains" for text, same minute for dates
 * - `from_WebHook_<Field>` / `to_WebHook_<Field>`: inclusive ranges for numbers and dates (dates as `YYYY-MM-DDTHH:mm`, UTC)
 * Unknown parameters are ignored; a malformed value throws a `QueryError` naming the parameter.
 */

export type FieldKind = 'int' | 'number' | 'text' | 'bool' | 'date';

export interface SearchField {
	/** Name used in the query string after the prefix, e.g. `Business` in `WebHook_Business`. */
	param: string;
	/** Record property the filter applies to, e.g. `BusinessId`. */
	property: string;
	kind: FieldKind;
	/** Only `from_`/`to_` range parameters exist for this field (e.g. CreatedOn). */
	rangeOnly?: boolean;
	/** Whether `from_`/`to_` parameters exist; by default for int and date fields. */
	range?: boolean;
	/** Reads the value from somewhere else than `row[property]` (e.g. a related record). */
	value?: (row: object) => unknown;
}

export interface SearchSpec {
	prefix: string;
	fields: SearchField[];
	/** All record property names, used to resolve `orderBy` case-insensitively. */
	properties: readonly string[];
}

export interface PagedResult<T> {
	Records: T[];
	CurrentPage: number;
	CurrentPageSize: number;
	CurrentOrderField: string;
	CurrentSortDirection: number;
	FirstItem: number;
	LastItem: number;
	TotalItems: number;
	TotalPages: number;
	HasNextPage: boolean;
	HasPreviousPage: boolean;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export class QueryError extends Error {
	constructor(
		readonly parameter: string,
		readonly attemptedValue: string,
		readonly reason: string,
	) {
		super(`${parameter}: ${reason}`);
		this.name = 'QueryError';
	}
}

type Predicate = (row: object) => boolean;

const DATE_PARAM_FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MS_PER_MINUTE = 60_000;

function propertyOf(row: object, property: string): unknown {
	return (row as Record<string, unknown>)[property];
}

function parseIntParam(name: string, value: string): number {
	if (!/^-?\d+$/.test(value)) throw new QueryError(name, value, 'is not a valid integer');
	return Number(value);
}

function parseNumberParam(name: string, value: string): number {
	if (!/^-?\d+(\.\d+)?$/.test(value)) throw new QueryError(name, value, 'is not a valid number');
	return Number(value);
}

function parseBoolParam(name: string, value: string): boolean {
	const lower = value.toLowerCase();
	if (lower !== 'true' && lower !== 'false')
		throw new QueryError(name, value, 'is not a valid boolean (true or false)');
	return lower === 'true';
}

/** `YYYY-MM-DDTHH:mm` (UTC) to minutes since the epoch; anything else (or an impossible date) is rejected. */
function parseDateParam(name: string, value: string): number {
	const match = DATE_PARAM_FORMAT.exec(value);
	const [year, month, day, hour, minute] = (match ?? []).slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute);
	const date = new Date(ms);
	const roundTrips =
		match !== null &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute;
	if (!roundTrips)
		throw new QueryError(name, value, 'is not a valid date, expected format YYYY-MM-DDTHH:mm');
	return ms / MS_PER_MINUTE;
}

function recordMinute(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / MS_PER_MINUTE);
}

/** How text filters compare: Nexudus matches part of the value; `equals` models a stricter API. */
export type TextMatch = 'contains' | 'equals';

function equalityPredicate(
	field: SearchField,
	name: string,
	value: string,
	textMatch: TextMatch,
): Predicate {
	const get = (row: object) => (field.value ? field.value(row) : propertyOf(row, field.property));
	switch (field.kind) {
		case 'int':
		case 'number': {
			const wanted =
				field.kind === 'int' ? parseIntParam(name, value) : parseNumberParam(name, value);
			return (row) => {
				const actual = get(row);
				return Array.isArray(actual) ? actual.includes(wanted) : actual === wanted;
			};
		}
		case 'bool': {
			const wanted = parseBoolParam(name, value);
			return (row) => get(row) === wanted;
		}
		case 'date': {
			const wanted = parseDateParam(name, value);
			return (row) => recordMinute(get(row)) === wanted;
		}
		case 'text': {
			const needle = value.toLowerCase();
			return (row) => {
				const actual = get(row);
				if (typeof actual !== 'string') return false;
				const lower = actual.toLowerCase();
				return textMatch === 'equals' ? lower === needle : lower.includes(needle);
			};
		}
	}
}

function rangePredicate(
	field: SearchField,
	name: string,
	value: string,
	bound: 'from' | 'to',
): Predicate {
	const limit =
		field.kind === 'date'
			? parseDateParam(name, value)
			: field.kind === 'number'
				? parseNumberParam(name, value)
				: parseIntParam(name, value);
	const toComparable = (raw: unknown) =>
		field.kind === 'date' ? recordMinute(raw) : typeof raw === 'number' ? raw : undefined;
	return (row) => {
		const raw = field.value ? field.value(row) : propertyOf(row, field.property);
		const actual = toComparable(raw);
		if (actual === undefined) return false;
		return bound === 'from' ? actual >= limit : actual <= limit;
	};
}

/** Builds one predicate per filter parameter present (and non-empty) in the query. */
export function buildPredicates(
	spec: SearchSpec,
	query: Record<string, string>,
	textMatch: TextMatch = 'contains',
): Predicate[] {
	const predicates: Predicate[] = [];
	const present = (name: string) => query[name] !== undefined && query[name] !== '';
	for (const field of spec.fields) {
		const name = `${spec.prefix}_${field.param}`;
		if (!field.rangeOnly && present(name))
			predicates.push(equalityPredicate(field, name, query[name], textMatch));
		const ranged =
			field.rangeOnly || (field.range ?? (field.kind === 'int' || field.kind === 'date'));
		if (!ranged || field.kind === 'text' || field.kind === 'bool') continue;
		for (const bound of ['from', 'to'] as const) {
			const rangeName = `${bound}_${name}`;
			if (present(rangeName))
				predicates.push(rangePredicate(field, rangeName, query[rangeName], bound));
		}
	}
	return predicates;
}

function compareValues(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
	const left = String(a).toLowerCase();
	const right = String(b).toLowerCase();
	return left < right ? -1 : left > right ? 1 : 0;
}

function positiveInt(value: string | undefined, fallback: number): number {
	const parsed = value !== undefined && /^\d+$/.test(value) ? Number(value) : 0;
	return parsed >= 1 ? parsed : fallback;
}

/**
 * Filters, sorts (ties broken by Id, so `dir=1` is the exact reverse of `dir=0`) and pages `rows`;
 * `project` turns a stored record into the row returned in `Records`.
 */
export function search<T extends object, R>(
	rows: Iterable<T>,
	query: Record<string, string>,
	spec: SearchSpec,
	project: (row: T) => R,
	textMatch: TextMatch = 'contains',
): PagedResult<R> {
	const predicates = buildPredicates(spec, query, textMatch);
	const page = positiveInt(query.page, 1);
	const size = Math.min(positiveInt(query.size, DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
	const wantedOrder = (query.orderBy ?? '').toLowerCase();
	const orderField = spec.properties.find((p) => p.toLowerCase() === wantedOrder) ?? 'Id';
	const direction = query.dir === '1' ? 1 : 0;
	const sign = direction === 1 ? -1 : 1;

	const matching = Array.from(rows).filter((row) => predicates.every((matches) => matches(row)));
	matching.sort(
		(a, b) =>
			sign *
			(compareValues(propertyOf(a, orderField), propertyOf(b, orderField)) ||
				compareValues(propertyOf(a, 'Id'), propertyOf(b, 'Id'))),
	);

	const offset = (page - 1) * size;
	const records = matching.slice(offset, offset + size).map(project);
	const totalPages = Math.ceil(matching.length / size);
	return {
		Records: records,
		CurrentPage: page,
		CurrentPageSize: size,
		CurrentOrderField: orderField,
		CurrentSortDirection: direction,
		FirstItem: records.length > 0 ? offset + 1 : 0,
		LastItem: records.length > 0 ? offset + records.length : 0,
		TotalItems: matching.length,
		TotalPages: totalPages,
		HasNextPage: page < totalPages,
		HasPreviousPage: page > 1,
	};
}
