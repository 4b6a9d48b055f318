/**
 * The generic record store behind every catalogue entity the fake serves (see `SERVED_ENTITIES`).
 * Business records live in the `FakeNexudus.businesses` array itself, so `addBusiness` and the
 * generic endpoints see the same locations.
 *
 * Behaviour (the HTTP side is in entityRoutes.ts):
 * - records carry the base fields, every create/update field of the catalogue, the inline children,
 *   the read-only properties the filters name (e.g. Booking `Invoiced`) and navigation properties read
 *   live from the record an id points at (Booking `ResourceName`, `CoworkerFullName`);
 * - create/update validate bodies as entityValidation.ts says; unknown properties are ignored;
 * - PUT replaces: every update field the body leaves out becomes null/false/0/[] ("what .NET gives a
 *   missing property"); read-only and create-only properties keep their values;
 * - `Added<List>` / `Removed<List>` add ids to / remove ids from `<List>` after that (they read back as []);
 * - `SystemId` (the external id every record has) is writable and replaced like the other fields.
 */
import { randomUUID } from 'crypto';

import { SERVED_ENTITIES, catalogueEntity } from './catalogue';
import { INVALID_VALUE, REQUIRED, type ValidationError, isBlank, isoSeconds } from './common';
import { type CommandDefinition, type StoredRecord, commandsFor } from './entityCommands';
import { BASE_PROPERTIES } from '../evidence/check';
import { type EntitySchema, buildSchema, defaultValue } from './entitySchema';
import { type RecordIndex, normalize, validateBody } from './entityValidation';
import { type PagedResult, type SearchField, search, type TextMatch } from './search';

export type { StoredRecord } from './entityCommands';

export const FIRST_ENTITY_ID = 100001;

interface Table {
	values(): StoredRecord[];
	get(id: number): StoredRecord | undefined;
	set(record: StoredRecord): void;
	delete(id: number): boolean;
	clear(): void;
}

class MapTable implements Table {
	private readonly records = new Map<number, StoredRecord>();
	values = () => Array.from(this.records.values());
	get = (id: number) => this.records.get(id);
	set = (record: StoredRecord) => void this.records.set(record.Id, record);
	delete = (id: number) => this.records.delete(id);
	clear = () => this.records.clear();
}

/** A table over an array other code also reads and changes (the fake's `businesses`). */
class ArrayTable implements Table {
	constructor(private readonly rows: StoredRecord[]) {}
	values = () => [...this.rows];
	get = (id: number) => this.rows.find((row) => row.Id === id);
	set = (record: StoredRecord) => {
		if (!this.rows.includes(record)) this.rows.push(record);
	};
	delete = (id: number) => {
		const index = this.rows.findIndex((row) => row.Id === id);
		if (index >= 0) this.rows.splice(index, 1);
		return index >= 0;
	};
	clear = () => void this.rows.splice(0);
}

export interface EntityStoreOptions {
	email: string;
	/** The array `FakeNexudus.businesses`: the Business entity's records. */
	businesses: object[];
	/** Id for a Business added through the store (keeps `addBusiness` ids unique). */
	nextBusinessId: () => number;
	textFilterMatch?: () => TextMatch;
}

export type WriteOutcome =
	| { record: StoredRecord }
	| { errors: ValidationError[] }
	| { notFound: true };

export interface CommandOutcome {
	WasSuccessful: boolean;
	Message: string;
}

export class EntityStore {
	private readonly schemas = new Map<string, EntitySchema>();
	private readonly tables = new Map<string, Table>();
	private readonly commandSets = new Map<string, CommandDefinition[]>();
	private readonly defaults = new Map<string, Array<[string, unknown]>>();
	private nextId = FIRST_ENTITY_ID;
	private nextChildId = 1;

	constructor(private readonly options: EntityStoreOptions) {
		const served = new Set(SERVED_ENTITIES);
		for (const name of SERVED_ENTITIES) {
			const schema = buildSchema(catalogueEntity(name), served);
			this.schemas.set(name, schema);
			this.tables.set(
				name,
				name === 'Business' ? new ArrayTable(options.businesses as StoredRecord[]) : new MapTable(),
			);
			if (schema.commands) this.commandSets.set(name, commandsFor(name));
		}
	}

	/** Names of the served entities, first-class resources first. */
	served(): string[] {
		return Array.from(this.schemas.keys());
	}

	schema(entity: string): EntitySchema {
		const schema = this.schemas.get(entity);
		if (!schema)
			throw new Error(`The fake does not serve ${entity}; served: ${this.served().join(', ')}`);
		return schema;
	}

	/** The stored records (live objects: changing them changes what the API answers). */
	records(entity: string): StoredRecord[] {
		return this.table(entity).values();
	}

	/** The full record as `GET {path}/{id}` answers it, or undefined. */
	find(entity: string, id: number): StoredRecord | undefined {
		const stored = this.table(entity).get(id);
		return stored && this.fullRecord(entity, stored);
	}

	/** Stores a record as given (no validation), filling every missing property with its default. */
	add(entity: string, values: Record<string, unknown> = {}): StoredRecord {
		const schema = this.schema(entity);
		const now = isoSeconds();
		const id = typeof values.Id === 'number' ? values.Id : this.allocateId(entity);
		const record: StoredRecord = {
			...this.skeleton(schema),
			Id: id,
			UniqueId: randomUUID(),
			CreatedOn: now,
			UpdatedOn: now,
			UpdatedBy: this.options.email,
			IsNew: false,
			SystemId: null,
			LocalizationDetails: null,
			CustomFields: null,
			...values,
		};
		if (values.ToStringText === undefined) record.ToStringText = displayName(entity, record);
		if (entity !== 'Business') this.nextId = Math.max(this.nextId, id + 1);
		this.table(entity).set(record);
		return record;
	}

	/** Drops the records of one entity, or of every entity but Business. */
	clear(entity?: string): void {
		for (const name of entity ? [entity] : this.served().filter((n) => n !== 'Business'))
			this.table(name).clear();
	}

	// ----- the API verbs -----

	/** Throws `QueryError` for a malformed filter value; unknown parameters are ignored. */
	search(entity: string, query: Record<string, string>): PagedResult<Record<string, unknown>> {
		const schema = this.schema(entity);
		return search(
			this.table(entity).values(),
			query,
			{ prefix: entity, fields: this.searchFields(schema), properties: schema.properties },
			(record) => this.listRow(entity, record),
			this.options.textFilterMatch?.() ?? 'contains',
		);
	}

	/** `GET {path}?id=[1,2]`: the rows that exist, partial like list rows. */
	batch(entity: string, ids: number[]): Array<Record<string, unknown>> {
		const table = this.table(entity);
		return ids
			.map((id) => table.get(id))
			.filter((record): record is StoredRecord => record !== undefined)
			.map((record) => this.listRow(entity, record));
	}

	create(entity: string, body: Record<string, unknown>): WriteOutcome {
		const schema = this.schema(entity);
		const errors = validateBody(schema, body, 'create', this.index);
		if (errors.length > 0) return { errors };
		const record = this.add(entity, {});
		this.assign(schema, record, body, 'create');
		return { record };
	}

	/** PUT: `Id` in the body; the record is replaced field by field (see the file header). */
	update(entity: string, body: Record<string, unknown>): WriteOutcome {
		const schema = this.schema(entity);
		const errors = validateBody(schema, body, 'update', this.index);
		if (!Number.isInteger(body.Id)) {
			errors.unshift({
				AttemptedValue: body.Id ?? null,
				Message: isBlank(body.Id) ? REQUIRED : INVALID_VALUE,
				PropertyName: 'Id',
			});
		}
		if (errors.length > 0) return { errors };
		const record = this.table(entity).get(body.Id as number);
		if (!record) return { notFound: true };
		this.assign(schema, record, body, 'update');
		return { record };
	}

	/**
	 * An edit made outside the API (the admin panel): `values` written as given, `UpdatedOn` moved
	 * on (at least a second, so that it always differs), `UpdatedBy` set to `by`.
	 */
	edit(entity: string, id: number, values: Record<string, unknown>, by: string): void {
		const record = this.table(entity).get(id);
		if (!record) throw new Error(`The fake has no ${entity} ${id}`);
		const previous = Date.parse(String(record.UpdatedOn));
		Object.assign(record, values);
		this.touch(entity, record);
		record.UpdatedOn = isoSeconds(Math.max(Date.now(), (previous || 0) + 1000));
		record.UpdatedBy = by;
	}

	remove(entity: string, id: number): boolean {
		return this.table(entity).delete(id);
	}

	commands(entity: string): CommandDefinition[] {
		return this.commandSets.get(entity) ?? [];
	}

	/** Runs a command on each id; fails (in-band) for unknown keys, missing parameters and records it cannot act on. */
	runCommand(
		entity: string,
		key: string,
		ids: number[],
		parameters: Record<string, unknown>,
		types: Record<string, unknown> = {},
	): CommandOutcome {
		const command = this.commands(entity).find((candidate) => candidate.Key === key);
		if (!command) return { WasSuccessful: false, Message: `Unknown command: ${key}` };
		const missing = command.Parameters.filter((p) => p.Required && isBlank(parameters[p.Name]));
		if (missing.length > 0) {
			const names = missing.map((p) => p.Name).join(', ');
			return { WasSuccessful: false, Message: `Missing command parameter: ${names}` };
		}
		if (ids.length === 0) return { WasSuccessful: false, Message: 'No records were selected.' };
		const failures: string[] = [];
		for (const id of ids) {
			const record = this.table(entity).get(id);
			const failure = record ? command.run(record, parameters, types) : `${entity} not found`;
			if (failure) failures.push(`${id}: ${failure}`);
			else if (record) this.touch(entity, record);
		}
		return failures.length > 0
			? { WasSuccessful: false, Message: failures.join('\n') }
			: { WasSuccessful: true, Message: `${command.Name}: done for ${ids.length} record(s).` };
	}

	// ----- records -----

	private table(entity: string): Table {
		this.schema(entity);
		return this.tables.get(entity) as Table;
	}

	private allocateId(entity: string): number {
		return entity === 'Business' ? this.options.nextBusinessId() : this.nextId++;
	}

	/** Every property a record has, with its default; lists are fresh arrays each time. */
	private skeleton(schema: EntitySchema): Record<string, unknown> {
		let defaults = this.defaults.get(schema.entity);
		if (!defaults) {
			defaults = [
				...schema.fields.map((field) => [field.name, defaultValue(field.type, field.nullable)]),
				...schema.children.map((child) => [child.field, []]),
				// write-only: GET shows them empty, as the catalogue lists them among what get returns
				...Array.from(schema.companions.keys()).map((name) => [name, []]),
				...schema.readOnly.map((property) => [
					property.name,
					defaultValue(property.type, property.nullable),
				]),
				...BASE_PROPERTIES.map((name) => [name, null]),
			] as Array<[string, unknown]>;
			this.defaults.set(schema.entity, defaults);
		}
		const record: Record<string, unknown> = {};
		for (const [name, value] of defaults) record[name] = Array.isArray(value) ? [] : value;
		return record;
	}

	private fullRecord(entity: string, stored: StoredRecord): StoredRecord {
		const schema = this.schema(entity);
		// records the store created have every property; locations from addBusiness do not
		const record: StoredRecord =
			entity === 'Business' ? { ...this.skeleton(schema), ...stored } : { ...stored };
		for (const derived of schema.derived) record[derived.name] = this.navigate(stored, derived);
		return record;
	}

	private listRow(entity: string, stored: StoredRecord): Record<string, unknown> {
		const row: Record<string, unknown> = this.fullRecord(entity, stored);
		for (const name of this.schema(entity).omittedInList) delete row[name];
		return row;
	}

	private navigate(
		record: Record<string, unknown>,
		derived: EntitySchema['derived'][number],
	): unknown {
		const id = record[derived.via];
		const target = typeof id === 'number' ? this.table(derived.target).get(id) : undefined;
		return target?.[derived.property] ?? null;
	}

	private searchFields(schema: EntitySchema): SearchField[] {
		return schema.filters.map(({ derived, ...field }) =>
			derived
				? { ...field, value: (row: object) => this.navigate(row as StoredRecord, derived) }
				: field,
		);
	}

	private touch(entity: string, record: StoredRecord): void {
		record.UpdatedOn = isoSeconds();
		record.UpdatedBy = this.options.email;
		record.ToStringText = displayName(entity, record);
	}

	/** Writes the body into the record: fields of this verb not in the body get their default (PUT replaces). */
	private assign(
		schema: EntitySchema,
		record: StoredRecord,
		body: Record<string, unknown>,
		verb: 'create' | 'update',
	): void {
		for (const field of schema.fields) {
			if (!(verb === 'create' ? field.onCreate : field.onUpdate)) continue;
			const value = body[field.name];
			record[field.name] =
				value === undefined || value === null
					? defaultValue(field.type, field.nullable)
					: normalize(field.type, value);
		}
		if ('SystemId' in body || verb === 'update') record.SystemId = body.SystemId ?? null;
		for (const child of schema.children) {
			if (!child.on.includes(verb)) continue;
			const items = Array.isArray(body[child.field]) ? (body[child.field] as object[]) : [];
			record[child.field] = items.map((item) => {
				const values = item as Record<string, unknown>;
				// items sent back with their Id (read, then PUT whole) keep it
				const kept: Record<string, unknown> = {
					Id: typeof values.Id === 'number' ? values.Id : this.nextChildId++,
				};
				for (const name of child.writable) kept[name] = values[name] ?? null;
				return kept;
			});
		}
		for (const [name, companion] of schema.companions) {
			const ids = body[name];
			if (!Array.isArray(ids)) continue;
			const current = Array.isArray(record[companion.list])
				? (record[companion.list] as unknown[])
				: [];
			record[companion.list] =
				companion.mode === 'add'
					? [...current, ...ids.filter((id) => !current.includes(id))]
					: current.filter((id) => !ids.includes(id));
			record[name] = [];
		}
		this.touch(schema.entity, record);
	}

	private readonly index: RecordIndex = {
		serves: (entity) => this.schemas.has(entity),
		exists: (entity, id) =>
			this.schemas.has(entity) &&
			typeof id === 'number' &&
			this.table(entity).get(id) !== undefined,
	};
}

function displayName(entity: string, record: Record<string, unknown>): string {
	for (const name of ['Name', 'FullName', 'Subject', 'InvoiceNumber']) {
		const value = record[name];
		if (typeof value === 'string' && value !== '') return value;
	}
	return `${entity} ${record.Id}`;
}
