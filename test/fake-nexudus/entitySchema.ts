/**
 * What the fake derives from one catalogue entry: the record's properties and their types, what
 * POST/PUT accept and require, the search filters, the properties list rows leave out, and the
 * "navigation" properties (e.g. a booking's `ResourceName`) read from the record an id points at.
 */
import { BASE_PROPERTIES } from '../evidence/check';
import { type CatalogueChild, type CatalogueEntity, type Verb } from './catalogue';
import { type FieldKind, type SearchField } from './search';

export type ValueType =
	| 'text'
	| 'bool'
	| 'int'
	| 'long'
	| 'decimal'
	| 'date'
	| 'enum'
	| 'intList'
	| 'list';

export interface FieldSchema {
	name: string;
	type: ValueType;
	nullable: boolean;
	onCreate: boolean;
	onUpdate: boolean;
	requiredOnCreate: boolean;
	/** Required on PUT too: the record a PUT leaves behind must still be valid. */
	requiredOnUpdate: boolean;
	/** Allowed enum values, when the catalogue lists them. */
	enumValues?: ReadonlySet<number>;
	/** Served entity this `<Entity>Id` field points at. */
	references?: string;
}

/** `<Nav><Property>` read from the `<Nav>` record the `<Nav>Id` field points at, e.g. `CoworkerFullName`. */
export interface DerivedProperty {
	name: string;
	via: string;
	target: string;
	property: string;
}

/** A search filter: `SearchField` plus, for a filter on a related record, how to read its value. */
export interface FilterSchema extends SearchField {
	derived?: DerivedProperty;
}

/** `AddedTeams` / `RemovedTeams` change the `Teams` list without resending it. */
export interface ListCompanion {
	list: string;
	mode: 'add' | 'remove';
}

export interface EntitySchema {
	entity: string;
	path: string;
	verbs: ReadonlySet<Verb>;
	commands: boolean;
	/** Fields POST or PUT accept, in catalogue order. */
	fields: FieldSchema[];
	companions: ReadonlyMap<string, ListCompanion>;
	children: CatalogueChild[];
	/** Properties only Nexudus sets (e.g. `Invoiced`), known from the filters: kept as they are by PUT. */
	readOnly: Array<{ name: string; type: ValueType; nullable: boolean }>;
	derived: DerivedProperty[];
	filters: FilterSchema[];
	/** Properties a list row leaves out (collections and long text): only `GET {path}/{id}` has them. */
	omittedInList: ReadonlySet<string>;
	/** Every stored property name (for `orderBy`). */
	properties: string[];
}

/** Long text a summary row does without (the WebHook list leaves out Description the same way). */
const LONG_TEXT = /(Description|Notes|Html|Summary|Text|Content|Address|Addresses)$/;

/** Filters the fake served before it read the catalogue, kept so nothing that used them breaks. */
const EXTRA_FILTERS: Record<string, Array<{ param: string; type: string }>> = {
	Business: [
		{ param: 'Business_WebAddress', type: 'string' },
		{ param: 'Business_Active', type: 'bool' },
	],
};

/**
 * Type of a property the catalogue names without a type (key fields, filters only the 2020 docs list),
 * guessed from its name: flags, amounts and dates; anything else is text.
 */
export function guessedType(name: string): string {
	if (
		/^(Is|Has|Can)[A-Z]|(Paid|Sent|Online|Invoiced|Active|Cancelled|Arrived|Collected|Processed|Draft|Activated|Visible|Archived)$/.test(
			name,
		)
	)
		return 'bool';
	if (/(Amount|Price|Total)$/.test(name)) return 'decimal';
	if (/(Date|On|Time)$/.test(name)) return 'DateTime?';
	return 'string';
}

export function valueType(catalogueType: string): { type: ValueType; nullable: boolean } {
	const nullable = catalogueType.endsWith('?');
	switch (catalogueType.replace(/\?$/, '')) {
		case 'string':
		case 'Guid':
			return { type: 'text', nullable: true };
		case 'bool':
			return { type: 'bool', nullable };
		case 'int':
		case 'DayOfWeek':
			return { type: 'int', nullable };
		case 'long':
			return { type: 'long', nullable: true };
		case 'decimal':
			return { type: 'decimal', nullable };
		case 'DateTime':
			return { type: 'date', nullable: true };
		case 'enum':
			// null until set: 0 is not a value of most Nexudus enums, so a default 0 could not be sent back
			return { type: 'enum', nullable: true };
		case 'int[]':
			return { type: 'intList', nullable: false };
		case 'list':
			return { type: 'list', nullable: false };
		default:
			// an entity type name (`Business`, `Coworker`…): a navigation filter on that record's Id
			return { type: 'long', nullable: true };
	}
}

/** The value a property has when nothing was sent: what .NET gives a missing JSON property. */
export function defaultValue(type: ValueType, nullable: boolean): unknown {
	if (type === 'intList' || type === 'list') return [];
	if (nullable) return null;
	if (type === 'bool') return false;
	if (type === 'int' || type === 'decimal' || type === 'enum') return 0;
	return null;
}

function searchKind(type: ValueType): FieldKind {
	switch (type) {
		case 'text':
			return 'text';
		case 'bool':
			return 'bool';
		case 'date':
			return 'date';
		case 'decimal':
			return 'number';
		default:
			return 'int';
	}
}

/** Fields POST/PUT accept (by name, catalogue order) and the `Added…`/`Removed…` list companions. */
function writableFields(
	entry: CatalogueEntity,
	served: ReadonlySet<string>,
): { byName: Map<string, FieldSchema>; companions: Map<string, ListCompanion> } {
	const byName = new Map<string, FieldSchema>();
	const fieldNames = new Set([...entry.create, ...entry.update].map((field) => field.field));
	// a list only Nexudus writes (e.g. a team's TeamMembers, judged read-only) still has companions
	const lists = new Set([
		...fieldNames,
		...(entry.readOnlyProperties ?? []).map((property) => property.name),
	]);
	const companions = new Map<string, ListCompanion>();
	for (const name of fieldNames) {
		const match = /^(Added|Removed)(.+)$/.exec(name);
		if (match && lists.has(match[2]))
			companions.set(name, { list: match[2], mode: match[1] === 'Added' ? 'add' : 'remove' });
	}
	const addField = (field: CatalogueEntity['create'][number], verb: 'create' | 'update') => {
		if (companions.has(field.field)) return;
		let schema = byName.get(field.field);
		if (!schema) {
			const target = /^(.+)Id$/.exec(field.field)?.[1];
			const enumValues = entry.enums[field.field];
			schema = {
				name: field.field,
				...valueType(field.type),
				onCreate: false,
				onUpdate: false,
				requiredOnCreate: false,
				requiredOnUpdate: false,
				enumValues: enumValues ? new Set(Object.keys(enumValues).map(Number)) : undefined,
				references: target !== undefined && served.has(target) ? target : undefined,
			};
			byName.set(field.field, schema);
		}
		if (verb === 'create') {
			schema.onCreate = true;
			schema.requiredOnCreate = field.required === true;
		} else {
			schema.onUpdate = true;
		}
	};
	entry.create.forEach((field) => addField(field, 'create'));
	entry.update.forEach((field) => addField(field, 'update'));
	for (const field of byName.values())
		field.requiredOnUpdate = field.requiredOnCreate && field.onUpdate;
	return { byName, companions };
}

/**
 * One search filter per catalogue filter (plus the 2020 docs' ones): `X_Nav` and `X_Nav_Id` match the
 * `NavId` field, `X_Nav_Prop` reads `Prop` of the record `NavId` points at, anything else a property of
 * the record itself. Properties only filters name become read-only properties (`readOnly`).
 */
function searchFilters(
	entry: CatalogueEntity,
	byName: ReadonlyMap<string, FieldSchema>,
	own: Set<string>,
	readOnly: EntitySchema['readOnly'],
	derive: (name: string) => DerivedProperty | undefined,
): FilterSchema[] {
	const filters: FilterSchema[] = [];
	const prefix = `${entry.entity}_`;
	// the 2020 docs' filters the current reference lacks are real too (e.g. CoworkerInvoice_Paid)
	const documented2020 = (entry.gitbook2020FiltersNotInCli ?? []).map((param) => ({
		param,
		type: guessedType(param.split('_').pop() as string),
	}));
	for (const filter of [
		...entry.filters,
		...documented2020,
		...(EXTRA_FILTERS[entry.entity] ?? []),
	]) {
		if (!filter.param.startsWith(prefix)) continue;
		const rest = filter.param.slice(prefix.length);
		const { type, nullable } = valueType(filter.type);
		const base = {
			param: rest,
			range: 'range' in filter && filter.range === true,
			rangeOnly: 'rangeOnly' in filter && filter.rangeOnly === true,
		};
		const segments = rest.split('_');
		const navigationId = segments.length === 1 ? `${rest}Id` : `${segments[0]}Id`;
		const isNavigationId =
			(segments.length === 1 && !byName.has(rest)) ||
			(segments.length === 2 && segments[1] === 'Id');
		if (isNavigationId && byName.has(navigationId)) {
			// Booking_Resource=<id> matches ResourceId
			filters.push({ ...base, property: navigationId, kind: 'int' });
			continue;
		}
		const name = segments.join('');
		const navigation = segments.length === 2 ? derive(name) : undefined;
		if (navigation?.target === segments[0]) {
			filters.push({ ...base, property: name, kind: searchKind(type), derived: navigation });
			continue;
		}
		if (segments.length === 1 && !own.has(rest)) {
			readOnly.push({ name: rest, type, nullable });
			own.add(rest);
		}
		const ownType = byName.get(name)?.type ?? readOnly.find((p) => p.name === name)?.type;
		const kind =
			rest === 'CreatedOn' || rest === 'UpdatedOn' ? 'date' : searchKind(ownType ?? type);
		filters.push({ ...base, property: name, kind });
	}
	return filters;
}

export function buildSchema(entry: CatalogueEntity, served: ReadonlySet<string>): EntitySchema {
	const { byName, companions } = writableFields(entry, served);
	const fields = Array.from(byName.values());
	const own = new Set<string>([
		...BASE_PROPERTIES,
		...byName.keys(),
		...entry.children.map((child) => child.field),
	]);
	const derive = (name: string): DerivedProperty | undefined => {
		for (let cut = 1; cut < name.length; cut++) {
			const nav = name.slice(0, cut);
			const via = byName.get(`${nav}Id`);
			if (via?.references === nav)
				return { name, via: via.name, target: nav, property: name.slice(cut) };
		}
		return undefined;
	};

	const readOnly: EntitySchema['readOnly'] = [];
	const derivedReadOnly: DerivedProperty[] = [];
	// what the evidence judged computed or copied: a navigation name is read from its record, the rest kept
	for (const property of entry.readOnlyProperties ?? []) {
		if (own.has(property.name)) continue;
		const navigation = derive(property.name);
		if (navigation) derivedReadOnly.push(navigation);
		else readOnly.push({ name: property.name, ...valueType(property.type) });
		own.add(property.name);
	}
	const filters = searchFilters(entry, byName, own, readOnly, derive);
	const derived = new Map<string, DerivedProperty>(
		derivedReadOnly.map((navigation) => [navigation.name, navigation]),
	);
	for (const filter of filters)
		if (filter.derived) derived.set(filter.derived.name, filter.derived);
	// key fields are what a record is shown by: navigation names (CoworkerFullName) or read-only values
	for (const key of entry.keyFields) {
		if (own.has(key) || derived.has(key)) continue;
		const navigation = derive(key);
		if (navigation) derived.set(key, navigation);
		else {
			readOnly.push({ name: key, ...valueType(guessedType(key)) });
			own.add(key);
		}
	}

	const keyFields = new Set(entry.keyFields);
	const omittedInList = new Set<string>(entry.getOnlyListProperties ?? []);
	for (const child of entry.children) omittedInList.add(child.field);
	for (const field of fields) {
		const collection = field.type === 'intList' || field.type === 'list';
		const longText = field.type === 'text' && LONG_TEXT.test(field.name);
		if ((collection || longText) && !keyFields.has(field.name)) omittedInList.add(field.name);
	}

	return {
		entity: entry.entity,
		path: entry.path,
		verbs: new Set(entry.verbs),
		commands: entry.commands === true,
		fields,
		companions,
		children: entry.children,
		readOnly,
		derived: Array.from(derived.values()),
		filters,
		omittedInList,
		properties: Array.from(own),
	};
}
