/**
 * Holds a catalogue (the shape of nodes/shared/catalogue/entities.json) against the real-world
 * evidence (test/evidence/evidence.json, see its README) and lists every contradiction between them.
 * Used by test/unit/catalogueEvidence.test.ts and, for the counts, by `npm run catalogue:check`.
 */

export interface EvidenceEntity {
	path?: string;
	verbs?: Record<string, string[]>;
	notVerbs?: Record<string, string[]>;
	fields?: Record<string, string[]>;
	fieldMeta?: Record<string, { ctx: string[]; readOnly?: boolean }>;
	filters?: Record<string, string[]>;
	wrongNames?: Record<string, { real: string; sources: string[] }>;
	complete?: string[];
	createdWith?: { fields: string[]; sources: string[] };
}

export interface Evidence {
	envelope: { commands?: { keys?: Record<string, Record<string, unknown>> } };
	entities: Record<string, EvidenceEntity>;
}

interface Named {
	field?: string;
	type?: string;
	param?: string;
	required?: boolean;
	unconfirmed?: boolean;
}

export interface CheckedEntity {
	entity: string;
	path: string;
	verbs: string[];
	commands?: boolean | string[];
	commandKeys?: Record<string, unknown>;
	notVerbs?: Record<string, unknown>;
	fields: Named[];
	filters: Named[];
	children: Array<{ field: string }>;
	/** Properties a record carries that are output only (computed or copied by Nexudus). */
	readOnly?: string[];
}

export type ContradictionKind =
	| 'missing-entity'
	| 'path'
	| 'wrong-name'
	| 'real-name-missing'
	| 'missing-field'
	| 'read-only-writable'
	| 'not-in-live-record'
	| 'required-not-created'
	| 'verb-lacking'
	| 'verb-missing'
	| 'command-missing'
	| 'filter-missing'
	| 'filter-not-in-live-record';

export interface Contradiction {
	entity: string;
	kind: ContradictionKind;
	name: string;
	detail: string;
}

export interface ContradictionException {
	entity: string;
	kind: ContradictionKind;
	name: string;
	reason: string;
}

/**
 * Properties every record has; Nexudus sets them (fauxworking strips them before a PUT). The fake
 * Nexudus gives its records these too.
 */
export const BASE_PROPERTIES = [
	'Id',
	'UniqueId',
	'CreatedOn',
	'UpdatedOn',
	'UpdatedBy',
	'IsNew',
	'SystemId',
	'ToStringText',
	'LocalizationDetails',
	'CustomFields',
] as const;
const isBaseProperty = (name: string) => (BASE_PROPERTIES as readonly string[]).includes(name);

const VERBS = new Set(['search', 'get', 'create', 'update', 'delete']);

/** `Booking_Resource` -> `Resource`; `from_X`/`to_X` are the range ends of `X`. */
function filterProperty(entity: string, param: string): string {
	return param.replace(/^(from|to)_/, '').slice(entity.length + 1);
}

export function contradictions(
	catalogue: { entities: CheckedEntity[] },
	evidence: Evidence,
): Contradiction[] {
	const found: Contradiction[] = [];
	const byName = new Map(catalogue.entities.map((entity) => [entity.entity, entity]));
	const commandKeys = evidence.envelope.commands?.keys ?? {};
	for (const [name, seen] of Object.entries(evidence.entities)) {
		const add = (kind: ContradictionKind, what: string, detail: string) =>
			found.push({ entity: name, kind, name: what, detail });
		const entry = byName.get(name);
		if (!entry) {
			if (seen.path) add('missing-entity', name, `real code uses ${seen.path}`);
			continue;
		}
		if (seen.path && seen.path !== entry.path)
			add('path', entry.path, `the evidence has ${seen.path}`);

		const fields = new Map(entry.fields.map((field) => [field.field as string, field]));
		const children = new Set(entry.children.map((child) => child.field));
		const readOnly = new Set(entry.readOnly ?? []);
		const params = new Set(entry.filters.map((filter) => filter.param as string));
		const meta = seen.fieldMeta ?? {};
		const known = (property: string) =>
			fields.has(property) || children.has(property) || readOnly.has(property);

		for (const [wrong, { real }] of Object.entries(seen.wrongNames ?? {})) {
			if (fields.has(wrong) || children.has(wrong))
				add('wrong-name', wrong, `field: the API's name is ${real}`);
			for (const param of [`${name}_${wrong}`, `from_${name}_${wrong}`])
				if (params.has(param))
					add('wrong-name', param, `filter: the API's name is ${name}_${real}`);
			if (!known(real)) add('real-name-missing', real, `the real name of ${wrong} is absent`);
		}

		for (const [property, { readOnly: computed }] of Object.entries(meta)) {
			if (isBaseProperty(property)) continue;
			if (computed) {
				if (fields.has(property) || children.has(property))
					add('read-only-writable', property, 'output only, but offered in Create/Update');
			} else if (!known(property)) {
				add('missing-field', property, `seen as ${meta[property].ctx.join('/')}`);
			}
		}

		const complete = new Set(seen.complete ?? []);
		if (complete.size > 0) {
			// a name only real requests show (e.g. BookedByAdminUserId) is real although records lack it
			const seenAnywhere = (property: string) =>
				property in (seen.fields ?? {}) || isBaseProperty(property);
			for (const field of entry.fields)
				if (!seenAnywhere(field.field as string))
					add('not-in-live-record', field.field as string, 'no live record or request has it');
			for (const filter of entry.filters) {
				const param = filter.param as string;
				const [head, tail] = filterProperty(name, param).split('_');
				const ok =
					param in (seen.filters ?? {}) ||
					seenAnywhere(head) ||
					seenAnywhere(`${head}Id`) ||
					(tail !== undefined && seenAnywhere(`${head}${tail}`));
				if (!ok)
					add(
						'filter-not-in-live-record',
						param,
						'no live record has the property, so Nexudus would ignore the filter and answer every record',
					);
			}
		}

		if (seen.createdWith) {
			const sent = new Set(seen.createdWith.fields);
			for (const field of entry.fields)
				if (field.required && !sent.has(field.field as string))
					add('required-not-created', field.field as string, 'a real create left it out');
		}

		for (const verb of Object.keys(seen.notVerbs ?? {}))
			if (verb === 'commands' ? entry.commands : entry.verbs.includes(verb))
				add('verb-lacking', verb, 'a source says the API lacks it');
		for (const verb of Object.keys(seen.verbs ?? {})) {
			// sources that disagree (one uses the verb, another says the API lacks it): the catalogue
			// may follow the one that says it lacks it, if it records that in its own notVerbs
			const decided = seen.notVerbs?.[verb] !== undefined && entry.notVerbs?.[verb] !== undefined;
			if (VERBS.has(verb) && !entry.verbs.includes(verb) && !decided)
				add('verb-missing', verb, 'real code uses it');
		}

		const keys = commandKeys[name] ?? {};
		for (const key of Object.keys(keys)) {
			const listed = entry.commandKeys && key in entry.commandKeys;
			if (!entry.commands || !listed) add('command-missing', key, 'real code runs this command');
		}

		for (const param of Object.keys(seen.filters ?? {})) {
			const property = filterProperty(name, param);
			if (!params.has(param) && !params.has(`${name}_${property}`))
				add('filter-missing', param, 'real code searches with it');
		}
	}
	return found;
}

/** Contradictions not on the list of exceptions, and exceptions that no longer match anything. */
export function unexcused(
	found: Contradiction[],
	exceptions: ContradictionException[],
): { open: Contradiction[]; stale: ContradictionException[] } {
	const key = (c: { entity: string; kind: string; name: string }) =>
		`${c.entity}\u0000${c.kind}\u0000${c.name}`;
	const excused = new Set(exceptions.map(key));
	const present = new Set(found.map(key));
	return {
		open: found.filter((c) => !excused.has(key(c))),
		stale: exceptions.filter((e) => !present.has(key(e))),
	};
}

export function countByKind(found: Contradiction[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const c of found) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
	return counts;
}
