/**
 * The one place that reads the Nexudus entity catalogue (entities.json: edited in this repository,
 * see docs/catalogue.md; test/unit/catalogueEvidence.test.ts holds it against the real-world
 * evidence). Everything else asks this module about entities, their verbs, filters, fields, inline
 * children and enum names.
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

/** A key of the catalogue's `sources` table (`fr` = a live record, `c` = derived only...). */
export type SourceKey = string;

export interface CatalogueSource {
	kind: 'live record' | 'live request' | 'official page' | 'admin panel' | 'derived only';
	source: string;
	date: string;
}

/** What every field and filter says about its name. */
interface Provenance {
	/** The sources that confirm the name, strongest first. */
	src: SourceKey[];
	/** Names this one had in earlier versions of the catalogue (a saved workflow may still use them). */
	formerly?: string[];
	/** No source gives the type: it was guessed from the name. */
	typeGuessed?: boolean;
	/** Only a derived name backs it (no API answer, request or page shows it). */
	unconfirmed?: boolean;
}

export interface CatalogueFilter extends Provenance {
	param: string;
	type: string;
	range?: boolean;
	/** Only from_/to_ are accepted (CreatedOn, UpdatedOn). */
	rangeOnly?: boolean;
	/** Why Nexudus has no such filter: not offered, and an error where a saved workflow uses it. */
	withdrawn?: string;
}

export interface CatalogueField extends Provenance {
	field: string;
	type: string;
	/** Required on create. */
	required?: boolean;
	/** Only on create or only on update; both when absent. */
	on?: 'create' | 'update';
	/** Why it cannot be written: not offered, and an error where a saved workflow uses it. */
	withdrawn?: string;
}

/** One parameter of a command, as real clients send it in `Parameters: [{Name, Type, Value}]`. */
export interface CommandParameter {
	name: string;
	/** The `Type` sent: `Boolean`, or a Nexudus enum type such as `ePaymentProvider`. */
	type: string;
	/** The enum type whose values (in the catalogue's `enumTypes`) the value is one of. */
	enum?: string;
}

export interface CatalogueCommand {
	parameters: CommandParameter[];
	src: SourceKey[];
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
	/** Where each verb is confirmed. */
	verbSources: Partial<Record<Verb, SourceKey[]>>;
	/** Verbs a source says the API lacks (withdrawn), with that source. */
	notVerbs?: Partial<Record<Verb, SourceKey[]>>;
	commands?: boolean;
	commandSources?: SourceKey[];
	/** Command keys real clients run, by key (`PAY_COWORKER_INVOICE_MANUAL`). */
	commandKeys?: Record<string, CatalogueCommand>;
	completeness: 'full' | 'partial' | 'stub';
	filters: CatalogueFilter[];
	/** Fields Create/Update may send. */
	fields: CatalogueField[];
	/** Properties a record carries that Nexudus computes or copies: output only, never sent. */
	readOnly?: string[];
	/**
	 * Field names and filter parameters earlier versions offered that no live record has: a saved
	 * workflow that still uses one should fail with a clear error, not silently lose it.
	 */
	withdrawnFields?: Array<Pick<CatalogueField, 'field' | 'type' | 'on'>>;
	withdrawnFilters?: Array<Pick<CatalogueFilter, 'param' | 'type' | 'range' | 'rangeOnly'>>;
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

const catalogue = bundle as unknown as {
	sources: Record<SourceKey, CatalogueSource>;
	enumTypes: Record<string, Record<string, string>>;
	entities: CatalogueEntity[];
};
const entities = catalogue.entities;
const byName = new Map(entities.map((entity) => [entity.entity, entity]));

/** What a source key in `src` stands for. */
export function catalogueSource(key: SourceKey): CatalogueSource | undefined {
	return catalogue.sources[key];
}

/** The values of a Nexudus enum type a command parameter names (`ePaymentProvider`). */
export function enumTypeValues(name: string): Record<string, string> | undefined {
	return catalogue.enumTypes[name];
}

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
const WITHDRAWN = 'no live Nexudus record has it';

export function withdrawnParameters(entity: CatalogueEntity): QueryParameter[] {
	return parametersOf(entity, [
		...entity.filters.filter((filter) => filter.withdrawn),
		...(entity.withdrawnFilters ?? []).map((filter) => ({ ...filter, src: [], withdrawn: WITHDRAWN })),
	]);
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
	return [
		...entity.fields.filter((field) => field.withdrawn),
		...(entity.withdrawnFields ?? []).map((field) => ({ ...field, src: [], withdrawn: WITHDRAWN })),
	].filter((field) => field.on === undefined || field.on === operation);
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
	if (base === undefined) return false;
	// the list itself may be output only (a team's TeamMembers): then the companions are how it is edited
	return (
		entity.fields.some((candidate) => candidate.field === base) ||
		(entity.readOnly ?? []).includes(base)
	);
}
