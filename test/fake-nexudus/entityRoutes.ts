/**
 * The HTTP face of the entity store, for each served entity and only for the verbs its catalogue entry lists:
 *
 *   GET    {path}                 search (list envelope, partial rows)        role <Entity>-List
 *   GET    {path}?id=[1,2]        batch: JSON array of partial rows           role <Entity>-Read
 *   GET    {path}/{id}            full record, 404 {Message} when missing     role <Entity>-Read
 *   POST   {path}                 create, write envelope / 400 validation    role <Entity>-Create
 *   PUT    {path}                 update (Id in the body, replaces)          role <Entity>-Edit
 *   DELETE {path}/{id}            delete, write envelope / 404               role <Entity>-Delete
 *   GET    {path}/commands        [{Key, Name, Parameters}]                  role <Entity>-List
 *   POST   {path}/runcommand      {Key, Ids, Parameters: [{Name, Type, Value}]} role <Entity>-Update
 *
 * A verb the catalogue does not list has no route (404 "No HTTP resource…").
 */
import { SERVED_ENTITIES, catalogueEntity } from './catalogue';
import {
	INVALID_VALUE,
	REQUIRED,
	type Reply,
	type Route,
	type RouteContext,
	type ValidationError,
	deletedReply,
	idFromPath,
	isPlainObject,
	isoSeconds,
	json,
	jsonObjectOf,
	notFound,
	savedReply,
	searchReply,
	validationFailed,
} from './common';
import { listing } from './entityCommands';
import { seedDemo, seedEntity } from './entitySeed';
import { type EntityStore, type StoredRecord, type WriteOutcome } from './entityStore';

const BATCH_IDS = /^\[\s*\d+(\s*,\s*\d+)*\s*\]$/;

/** The roles that give access to every route of the served entities. */
export function entityRoles(): string[] {
	return SERVED_ENTITIES.flatMap((entity) => {
		const { verbs, commands } = catalogueEntity(entity);
		const roles: string[] = [];
		if (verbs.includes('search') || commands) roles.push(`${entity}-List`);
		if (verbs.includes('get')) roles.push(`${entity}-Read`);
		if (verbs.includes('create')) roles.push(`${entity}-Create`);
		if (verbs.includes('update')) roles.push(`${entity}-Edit`);
		if (verbs.includes('delete')) roles.push(`${entity}-Delete`);
		if (commands) roles.push(`${entity}-Update`);
		return roles;
	});
}

export function entityRoutes(store: EntityStore, email: string): Route[] {
	return store.served().flatMap((entity) => routesOf(store, entity, email));
}

function routesOf(store: EntityStore, entity: string, email: string): Route[] {
	const { path, verbs, commands } = store.schema(entity);
	const base = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const collection = new RegExp(`^${base}/?$`, 'i');
	const single = new RegExp(`^${base}/([^/]+)/?$`, 'i');
	const routes: Route[] = [];
	const add = (method: string, pattern: RegExp, role: Route['role'], handle: Route['handle']) =>
		routes.push({ method, pattern, role, handle });

	if (verbs.has('search'))
		add(
			'GET',
			collection,
			(query) => `${entity}-${query.id !== undefined ? 'Read' : 'List'}`,
			({ query }) => searchOrBatch(store, entity, query),
		);
	if (commands) {
		add('GET', new RegExp(`^${base}/commands/?$`, 'i'), `${entity}-List`, () =>
			json(200, listing(store.commands(entity))),
		);
		add('POST', new RegExp(`^${base}/runcommand/?$`, 'i'), `${entity}-Update`, (context) =>
			runCommand(store, entity, context, email),
		);
	}
	if (verbs.has('get'))
		add('GET', single, `${entity}-Read`, ({ id }) => {
			const record = withId(id, (n) => store.find(entity, n));
			return record ? json(200, record) : notFound(entity);
		});
	const write =
		(verb: 'created' | 'updated'): Route['handle'] =>
		({ body }) => {
			const parsed = jsonObjectOf(body);
			if ('reply' in parsed) return parsed.reply;
			const outcome =
				verb === 'created'
					? store.create(entity, parsed.value)
					: store.update(entity, parsed.value);
			return writeReply(entity, verb, outcome);
		};
	if (verbs.has('create')) add('POST', collection, `${entity}-Create`, write('created'));
	if (verbs.has('update')) add('PUT', collection, `${entity}-Edit`, write('updated'));
	if (verbs.has('delete'))
		add('DELETE', single, `${entity}-Delete`, ({ id }) => {
			const deleted = withId(id, (n) => (store.remove(entity, n) ? n : undefined));
			return deleted !== undefined ? deletedReply(entity, deleted) : notFound(entity);
		});
	return routes;
}

function withId<T>(idText: string | undefined, use: (id: number) => T | undefined): T | undefined {
	const id = idFromPath(idText);
	return id === undefined ? undefined : use(id);
}

function writeReply(entity: string, verb: 'created' | 'updated', outcome: WriteOutcome): Reply {
	if ('errors' in outcome) return validationFailed(outcome.errors);
	if ('notFound' in outcome) return notFound(entity);
	return savedReply(
		entity,
		verb,
		outcome.record as StoredRecord & { UpdatedOn: string; UpdatedBy: string },
	);
}

function searchOrBatch(store: EntityStore, entity: string, query: Record<string, string>): Reply {
	if (query.id !== undefined) {
		if (!BATCH_IDS.test(query.id))
			return validationFailed([
				{ AttemptedValue: query.id, Message: 'expected [id1,id2,...]', PropertyName: 'id' },
			]);
		return json(200, store.batch(entity, (JSON.parse(query.id) as number[]).map(Number)));
	}
	return searchReply(() => store.search(entity, query));
}

/** Malformed bodies answer 400; everything the command itself rejects answers 200 with WasSuccessful false. */
function runCommand(
	store: EntityStore,
	entity: string,
	{ body }: RouteContext,
	email: string,
): Reply {
	const parsed = jsonObjectOf(body);
	if ('reply' in parsed) return parsed.reply;
	const { Key: key, Ids: ids, Parameters: parameters } = parsed.value;
	const errors: ValidationError[] = [];
	if (typeof key !== 'string' || key.trim() === '')
		errors.push({ AttemptedValue: key ?? null, Message: REQUIRED, PropertyName: 'Key' });
	if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id)))
		errors.push({ AttemptedValue: ids ?? null, Message: INVALID_VALUE, PropertyName: 'Ids' });
	const named = new Map<string, unknown>();
	const types: Record<string, unknown> = {};
	if (parameters !== undefined && parameters !== null) {
		const valid =
			Array.isArray(parameters) &&
			parameters.every((p) => isPlainObject(p) && typeof p.Name === 'string');
		if (valid)
			for (const p of parameters as Array<{ Name: string; Type?: unknown; Value: unknown }>) {
				named.set(p.Name, p.Value);
				types[p.Name] = p.Type;
			}
		else
			errors.push({
				AttemptedValue: parameters,
				Message: INVALID_VALUE,
				PropertyName: 'Parameters',
			});
	}
	if (errors.length > 0) return validationFailed(errors);
	const outcome = store.runCommand(
		entity,
		key as string,
		ids as number[],
		Object.fromEntries(named),
		types,
	);
	return json(200, {
		Status: 200,
		Message: outcome.Message,
		Value: null,
		OpenInDialog: false,
		OpenInWindow: false,
		RedirectURL: null,
		JavaScript: null,
		UpdatedOn: isoSeconds(),
		UpdatedBy: email,
		Errors: null,
		WasSuccessful: outcome.WasSuccessful,
	});
}

/**
 * Control endpoints for other processes (unauthenticated, like the rest of /__control):
 *   GET  /__control/entities                   {served: [{entity, path, count}]}
 *   GET  /__control/entities/<Entity>          full stored records
 *   POST /__control/entities/<Entity>/seed     {count} or {records: [...]}, optional businessId -> created records
 *   POST /__control/entities/clear             {entity?}: drops records (all but Business without entity)
 *   POST /__control/entities/seed-demo         the demo records for every location
 */
export function entityControl(
	store: EntityStore,
	method: string,
	path: string,
	input: Record<string, unknown>,
): Reply | undefined {
	if (!path.startsWith('/__control/entities')) return undefined;
	const ok = json(200, { ok: true });
	if (method === 'GET' && path === '/__control/entities') {
		const served = store.served().map((entity) => ({
			entity,
			path: store.schema(entity).path,
			count: store.records(entity).length,
		}));
		return json(200, { served });
	}
	if (method === 'POST' && path === '/__control/entities/clear') {
		store.clear(typeof input.entity === 'string' ? input.entity : undefined);
		return ok;
	}
	if (method === 'POST' && path === '/__control/entities/seed-demo') {
		seedDemo(store);
		return ok;
	}
	const match = /^\/__control\/entities\/([A-Za-z]+)(\/seed)?$/.exec(path);
	if (!match || !store.served().includes(match[1]))
		return json(404, { Message: `Unknown control endpoint ${method} ${path}` });
	const entity = match[1];
	if (method === 'GET' && !match[2])
		return json(
			200,
			store.records(entity).map((record) => store.find(entity, record.Id)),
		);
	if (method === 'POST' && match[2]) {
		const what = Array.isArray(input.records)
			? (input.records as Array<Record<string, unknown>>)
			: Number(input.count ?? 1);
		const businessId = typeof input.businessId === 'number' ? input.businessId : undefined;
		return json(200, seedEntity(store, entity, what, businessId));
	}
	return json(404, { Message: `Unknown control endpoint ${method} ${path}` });
}
