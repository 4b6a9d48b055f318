/**
 * The Nexudus entity catalogue the fake serves from: `catalogue/entities.json` is a verbatim copy of
 * the shared research file (see its README in the research notes), corrected on load by the
 * real-world evidence (`test/evidence/evidence.json`: names, fields and filters live records have,
 * read-only properties, what real creates send, verbs): see `applyEvidence`. Neither comes from the
 * node's own catalogue, so the node's guesses cannot shape the fake. Only the keys the fake reads are typed.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server reads its data file
import { readFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server reads its data file
import { join } from 'path';

import { BASE_PROPERTIES, type EvidenceEntity } from '../evidence/check';
import { guessedType } from './entitySchema';

export type Verb = 'search' | 'get' | 'create' | 'update' | 'delete';

export interface CatalogueField {
	field: string;
	type: string;
	required?: boolean;
	/** The 2020 docs' spelling of a derived name (`MonOpen` -> `MondayOpenTime`). */
	gitbookCandidates?: string[];
}

export interface CatalogueFilter {
	param: string;
	type: string;
	range?: boolean;
	rangeOnly?: boolean;
	gitbookCandidates?: string[];
}

export interface CatalogueChild {
	field: string;
	writable: string[];
	on: Array<'create' | 'update'>;
}

export interface CatalogueEntity {
	entity: string;
	plural: string;
	path: string;
	verbs: Verb[];
	commands?: boolean;
	filters: CatalogueFilter[];
	create: CatalogueField[];
	update: CatalogueField[];
	children: CatalogueChild[];
	/** `{Field: {"1": "Name"}}` */
	enums: Record<string, Record<string, string>>;
	keyFields: string[];
	getOnlyListProperties?: string[];
	/** Filter names only the 2020 docs list. */
	gitbook2020FiltersNotInCli?: string[];
	/** Properties Nexudus computes or copies (from the evidence): records carry them, writes ignore them. */
	readOnlyProperties?: Array<{ name: string; type: string }>;
}

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the data file sits next to this module
export const CATALOGUE_FILE = join(__dirname, 'catalogue', 'entities.json');
// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the evidence sits in the test tree
export const EVIDENCE_FILE = join(__dirname, '..', 'evidence', 'evidence.json');

/** The first-class resources of issue 9 (WebHook is served by its own hand-written code). */
export const FIRST_CLASS_ENTITIES = [
	'Coworker',
	'Booking',
	'Checkin',
	'CoworkerInvoice',
	'CoworkerContract',
	'CoworkerProduct',
	'Team',
	'Visitor',
	'Resource',
	'Business',
	'Tariff',
	'Product',
	'CalendarEvent',
	'CoworkerDelivery',
	'CoworkerNote',
	'HelpDeskMessage',
] as const;

/**
 * A sample of "Other Record" entities of differing shapes: look-ups (Country, Currency, SimpleTimeZone),
 * a small CRUD entity other records point at (ResourceType), one with commands and inline children
 * (ExtraService), one in another module (CoworkerTask, /api/crm) and one only known from the 2020 docs
 * (AccessToken, completeness "partial", with commands).
 */
export const SAMPLE_ENTITIES = [
	'Country',
	'Currency',
	'SimpleTimeZone',
	'ResourceType',
	'ExtraService',
	'CoworkerTask',
	'AccessToken',
] as const;

export const SERVED_ENTITIES: readonly string[] = [...FIRST_CLASS_ENTITIES, ...SAMPLE_ENTITIES];

const STANDARD_VERBS: readonly string[] = ['search', 'get', 'create', 'update', 'delete'];
const BASE = new Set<string>(BASE_PROPERTIES);

/** Type of a property the evidence names without one: the catalogue copy's type for that name elsewhere, or by its name. */
type TypeOf = (name: string) => string;

function renamer(entry: CatalogueEntity, seen: EvidenceEntity): (name: string) => string {
	const real = new Map<string, string>();
	for (const field of [...entry.create, ...entry.update])
		if (field.gitbookCandidates?.[0]) real.set(field.field, field.gitbookCandidates[0]);
	for (const [wrong, fact] of Object.entries(seen.wrongNames ?? {})) real.set(wrong, fact.real);
	return (name) => real.get(name) ?? name;
}

/**
 * The catalogue copy corrected by what live tenants showed: real names; for a type with a complete
 * live record only the properties it has (plus names real requests sent) and the missing ones
 * added; read-only properties out of POST/PUT; required only what real creates sent; filters on
 * properties records lack dropped (so Nexudus-like, the fake ignores them and answers every record);
 * the verbs real code used, minus the ones a source says the API lacks.
 */
export function applyEvidence(
	entry: CatalogueEntity,
	seen: EvidenceEntity,
	typeOf: TypeOf,
): CatalogueEntity {
	const rename = renamer(entry, seen);
	const meta = seen.fieldMeta ?? {};
	const known = seen.fields ?? {};
	const complete = (seen.complete ?? []).length > 0;
	const readOnly = new Set(Object.keys(meta).filter((name) => meta[name].readOnly));
	const sent = seen.createdWith ? new Set(seen.createdWith.fields) : undefined;
	const kept = (name: string) => !readOnly.has(name) && (!complete || name in known);
	const fix = (fields: CatalogueField[]) => {
		const out = fields
			.map((field) => ({ ...field, field: rename(field.field) }))
			.filter((field) => kept(field.field))
			.map((field) =>
				sent && field.required && !sent.has(field.field) ? { ...field, required: false } : field,
			);
		const names = new Set([...entry.create, ...entry.update].map((field) => rename(field.field)));
		const children = new Set(entry.children.map((child) => child.field));
		for (const name of Object.keys(meta)) {
			if (BASE.has(name) || readOnly.has(name) || names.has(name) || children.has(name)) continue;
			out.push({ field: name, type: typeOf(name) });
		}
		return out;
	};
	const prefix = `${entry.entity}_`;
	const hasProperty = (param: string) => {
		const [head, tail] = param.slice(prefix.length).split('_');
		return (
			BASE.has(head) ||
			head in known ||
			`${head}Id` in known ||
			(tail !== undefined && `${head}${tail}` in known)
		);
	};
	const renameFilter = (param: string) =>
		param.startsWith(prefix) ? `${prefix}${rename(param.slice(prefix.length))}` : param;
	const filters = entry.filters
		.map((filter) => ({
			...filter,
			param: filter.gitbookCandidates?.[0] ?? renameFilter(filter.param),
		}))
		.filter(
			(filter) => !complete || hasProperty(filter.param) || filter.param in (seen.filters ?? {}),
		);
	for (const param of Object.keys(seen.filters ?? {})) {
		const base = param.replace(/^(from|to)_/, '');
		if (!filters.some((filter) => filter.param === base))
			filters.push({ param: base, type: typeOf(base.slice(prefix.length)) });
	}
	const lacking = new Set(Object.keys(seen.notVerbs ?? {}));
	const verbs = [...entry.verbs, ...(Object.keys(seen.verbs ?? {}) as Verb[])].filter(
		(verb, i, all) =>
			STANDARD_VERBS.includes(verb) && !lacking.has(verb) && all.indexOf(verb) === i,
	);
	const enums = Object.fromEntries(
		Object.entries(entry.enums).map(([name, values]) => [rename(name), values]),
	);
	return {
		...entry,
		verbs,
		create: fix(entry.create),
		update: fix(entry.update),
		filters,
		gitbook2020FiltersNotInCli: (entry.gitbook2020FiltersNotInCli ?? []).filter(
			(param) => !complete || hasProperty(param),
		),
		keyFields: entry.keyFields
			.map(rename)
			.filter((name) => !complete || name in known || BASE.has(name)),
		enums,
		readOnlyProperties: Array.from(readOnly, (name) => ({ name, type: typeOf(name) })),
	};
}

let cached: Map<string, CatalogueEntity> | undefined;

/** Every catalogue entity that has a name and a path, by entity name. */
export function catalogue(): Map<string, CatalogueEntity> {
	if (!cached) {
		const parsed = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as {
			entities: Array<Partial<CatalogueEntity>>;
		};
		const evidence = JSON.parse(readFileSync(EVIDENCE_FILE, 'utf8')) as {
			envelope: { commands: { keys?: Record<string, unknown> } };
			entities: Record<string, EvidenceEntity>;
		};
		// record types real code runs commands on (invoices: PAY_COWORKER_INVOICE_MANUAL) have them
		const runsCommands = new Set(Object.keys(evidence.envelope.commands.keys ?? {}));
		const types = new Map<string, string>();
		for (const entry of parsed.entities)
			for (const field of [...(entry.create ?? []), ...(entry.update ?? [])])
				if (!types.has(field.field)) types.set(field.field, field.type);
		const typeOf: TypeOf = (name) => {
			const known = types.get(name);
			if (known) return /Id$/.test(name) && known.startsWith('int') ? 'long' : known;
			if (/Id$/.test(name)) return 'long';
			return guessedType(name);
		};
		cached = new Map();
		for (const entry of parsed.entities) {
			if (!entry.entity || !entry.path) continue;
			const full = {
				...entry,
				verbs: entry.verbs ?? [],
				filters: entry.filters ?? [],
				create: entry.create ?? [],
				update: entry.update ?? [],
				children: entry.children ?? [],
				enums: entry.enums ?? {},
				keyFields: entry.keyFields ?? [],
			} as CatalogueEntity;
			const seen = evidence.entities[entry.entity];
			if (runsCommands.has(entry.entity)) full.commands = true;
			cached.set(entry.entity, seen ? applyEvidence(full, seen, typeOf) : full);
		}
	}
	return cached;
}

export function catalogueEntity(name: string): CatalogueEntity {
	const entry = catalogue().get(name);
	if (!entry) throw new Error(`The catalogue has no entity named ${name} with a path`);
	return entry;
}
