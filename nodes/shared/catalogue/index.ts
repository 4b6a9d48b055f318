/**
 * The one place that reads the bundled Nexudus entity catalogue (entities.json, written by
 * scripts/bundle-catalogue.js). Everything else asks this module about entities, their verbs,
 * filters, fields, inline children and enum names.
 */
import bundle from './entities.json';

export type Verb = 'search' | 'get' | 'create' | 'update' | 'delete';

/** How a value is typed in the node and checked before it goes to Nexudus. */
export type ValueKind =
	| 'id'
	| 'integer'
	| 'decimal'
	| 'boolean'
	| 'dateTime'
	| 'string'
	| 'enum'
	| 'dayOfWeek'
	| 'idList'
	| 'list';

export interface CatalogueFilter {
	param: string;
	type: string;
	range?: boolean;
	/** Only from_/to_ are accepted (CreatedOn, UpdatedOn). */
	rangeOnly?: boolean;
	/** The name was derived from the CLI and not found in the older API docs. */
	unconfirmed?: boolean;
	/** Full params this filter was known by before (`Coworker_City`): saved workflows keep them. */
	formerly?: string[];
	/** Why Nexudus has no such filter: not offered, and an error where a saved workflow uses it. */
	withdrawn?: string;
}

export interface CatalogueField {
	field: string;
	type: string;
	/** Required on create. */
	required?: boolean;
	/** Only on create or only on update; both when absent. */
	on?: 'create' | 'update';
	unconfirmed?: boolean;
	/** Names this field was known by before (`City`): saved workflows keep them. */
	formerly?: string[];
	/** Why it cannot be written: not offered, and an error where a saved workflow uses it. */
	withdrawn?: string;
}

export interface CatalogueChild {
	field: string;
	writable: string[];
	on: Array<'create' | 'update'>;
}

export interface CatalogueEntity {
	entity: string;
	path: string;
	verbs: Verb[];
	commands?: boolean;
	completeness: 'full' | 'partial' | 'stub';
	filters: CatalogueFilter[];
	fields: CatalogueField[];
	children: CatalogueChild[];
	enums?: Record<string, Record<string, string>>;
}

/** One query parameter the node can send: an equality filter or one end of a range. */
export interface QueryParameter {
	param: string;
	kind: ValueKind;
	/** The field the filter is about, for its enum names: `Booking_Resource` -> `Resource`. */
	property: string;
	end?: 'from' | 'to';
	unconfirmed?: boolean;
	/** Params this one was known by before: `Coworker_City`, `from_Coworker_City`. */
	formerly?: string[];
	/** Set for a withdrawn filter (see `withdrawnParameters`): why Nexudus has none. */
	withdrawn?: string;
}

const entities = (bundle as { entities: CatalogueEntity[] }).entities;
const byName = new Map(entities.map((entity) => [entity.entity, entity]));

export function allEntities(): CatalogueEntity[] {
	return entities;
}

export function findEntity(name: string): CatalogueEntity | undefined {
	return byName.get(name);
}

/** For the first-class resources: their entity is in the bundle or the build is broken. */
export function entityNamed(name: string): CatalogueEntity {
	const entity = byName.get(name);
	if (!entity) throw new Error(`The bundled Nexudus catalogue has no entity "${name}"`);
	return entity;
}

export function hasVerb(entity: CatalogueEntity, verb: Verb): boolean {
	return entity.verbs.includes(verb);
}

const SCALAR_KINDS: Record<string, ValueKind> = {
	long: 'id',
	int: 'integer',
	decimal: 'decimal',
	bool: 'boolean',
	DateTime: 'dateTime',
	string: 'string',
	Guid: 'string',
	enum: 'enum',
	DayOfWeek: 'dayOfWeek',
	'int[]': 'idList',
	list: 'list',
};

/** Catalogue types: scalars (`int?` is nullable), or an entity name for a navigation filter. */
export function kindOf(type: string): ValueKind {
	const scalar = SCALAR_KINDS[type.replace(/\?$/, '')];
	if (scalar) return scalar;
	// `Business`, `Coworker`, ... : a filter on a related record takes that record's Id.
	return 'id';
}

/** The enum names of a field (`{ "1": "Daily" }`), when the catalogue has them. */
export function enumValues(
	entity: CatalogueEntity,
	property: string,
): Record<string, string> | undefined {
	return entity.enums?.[property];
}

/** Every query parameter of an entity's search: equality filters and both ends of ranges. */
export function queryParameters(entity: CatalogueEntity): QueryParameter[] {
	return parametersOf(
		entity,
		entity.filters.filter((filter) => !filter.withdrawn),
	);
}

/**
 * Filters the catalogue withdrew (Nexudus has none by that name, so it would ignore them and
 * answer every record): never offered, but a saved workflow's value is kept, to fail by name.
 */
export function withdrawnParameters(entity: CatalogueEntity): QueryParameter[] {
	return parametersOf(
		entity,
		entity.filters.filter((filter) => filter.withdrawn),
	);
}

function parametersOf(entity: CatalogueEntity, filters: CatalogueFilter[]): QueryParameter[] {
	const prefix = `${entity.entity}_`;
	const parameters: QueryParameter[] = [];
	for (const filter of filters) {
		const property = filter.param.startsWith(prefix)
			? filter.param.slice(prefix.length)
			: filter.param;
		const common = {
			kind: kindOf(filter.type),
			property,
			unconfirmed: filter.unconfirmed,
			...(filter.withdrawn ? { withdrawn: filter.withdrawn } : {}),
		};
		const former = (end = '') => (filter.formerly ?? []).map((old) => `${end}${old}`);
		if (!filter.rangeOnly) parameters.push({ ...common, param: filter.param, formerly: former() });
		if (filter.range) {
			parameters.push({
				...common,
				param: `from_${filter.param}`,
				end: 'from',
				formerly: former('from_'),
			});
			parameters.push({
				...common,
				param: `to_${filter.param}`,
				end: 'to',
				formerly: former('to_'),
			});
		}
	}
	return parameters;
}

/**
 * The query parameter a filter name stands for: its own name, or one it was known by before
 * (`Coworker_City` -> `Coworker_CityName`), so that a workflow saved with the old name still filters.
 */
export function findQueryParameter(
	parameters: QueryParameter[],
	name: string,
): QueryParameter | undefined {
	return (
		parameters.find((candidate) => candidate.param === name) ??
		parameters.find((candidate) => candidate.formerly?.includes(name))
	);
}

/** The field a name stands for: its own name, or one it was known by before (`City` -> `CityName`). */
export function findField(fields: CatalogueField[], name: string): CatalogueField | undefined {
	return (
		fields.find((candidate) => candidate.field === name) ??
		fields.find((candidate) => candidate.formerly?.includes(name))
	);
}

/** Today's name of a field given by an old one (`City` -> `CityName`); other names as given. */
export function currentFieldName(entity: CatalogueEntity, name: string): string {
	return findField(entity.fields, name)?.field ?? name;
}

/** Fields a create (or an update) may carry, inline children excluded. */
export function writableFields(
	entity: CatalogueEntity,
	operation: 'create' | 'update',
): CatalogueField[] {
	return entity.fields.filter(
		(field) => !field.withdrawn && (field.on === undefined || field.on === operation),
	);
}

/** Fields the catalogue withdrew from Create / Update: kept where saved, to fail by name. */
export function withdrawnFields(
	entity: CatalogueEntity,
	operation: 'create' | 'update',
): CatalogueField[] {
	return entity.fields.filter(
		(field) => field.withdrawn && (field.on === undefined || field.on === operation),
	);
}

export function writableChildren(
	entity: CatalogueEntity,
	operation: 'create' | 'update',
): CatalogueChild[] {
	return entity.children.filter((child) => child.on.includes(operation));
}

/**
 * `AddedTeams` / `RemovedTeams` edit the list `Teams` without resending it. A fetched record
 * carries only `Teams`, so these companions are sent on update although the record lacks them.
 */
export function isListCompanion(entity: CatalogueEntity, field: string): boolean {
	const base = /^(Added|Removed)(.+)$/.exec(field)?.[2];
	return base !== undefined && entity.fields.some((candidate) => candidate.field === base);
}
