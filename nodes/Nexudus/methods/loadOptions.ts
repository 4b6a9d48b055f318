import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nexudusApiRequest } from '../../shared/transport';
import type { CatalogueEntity } from '../../shared/catalogue';
import {
	allEntities,
	entityNamed,
	findEntity,
	kindOf,
	queryParameters,
	writableChildren,
	writableFields,
} from '../../shared/catalogue';
import { listedCommands } from '../generic/commandParameters';
import { OTHER_RECORD } from '../generic/otherRecord';
import { findDefinition } from '../resources';

/**
 * What the editor loads for the catalogue-driven resources: Other Record's entity list, filter
 * and field names (read from the bundled catalogue, so they stay out of the static
 * description), sort fields, and the commands Nexudus offers for a record type.
 */

function currentEntity(context: ILoadOptionsFunctions): CatalogueEntity {
	const resource = context.getCurrentNodeParameter('resource') as string;
	if (resource === OTHER_RECORD) {
		const name = String(context.getCurrentNodeParameter('entity', { extractValue: true }) ?? '');
		const entity = findEntity(name);
		if (!entity) {
			throw new NodeOperationError(
				context.getNode(),
				`Record Type: choose a record type first (got "${name}")`,
			);
		}
		return entity;
	}
	const definition = findDefinition(resource);
	return entityNamed(definition?.entity ?? 'WebHook');
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export async function searchEntities(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: allEntities()
			.filter(
				(entity) =>
					needle === '' ||
					entity.entity.toLowerCase().includes(needle) ||
					entity.path.toLowerCase().includes(needle),
			)
			.map((entity) => ({ name: entity.entity, value: entity.entity }))
			.sort(byName),
	};
}

/** The names the node's saved name/value pairs use (`filterPairs` -> `filter`). */
function savedNames(context: ILoadOptionsFunctions, parameter: string, key: string): Set<string> {
	const pairs = context.getCurrentNodeParameter(parameter) as
		| Record<string, Array<{ name?: unknown }> | undefined>
		| undefined;
	return new Set((pairs?.[key] ?? []).map((pair) => String(pair.name ?? '')));
}

/**
 * Former names (`Coworker_City`) are listed only where a saved pair uses one, so the editor shows
 * it as valid; the node sends it under today's name. New pairs are offered today's names only.
 */
function formerOptions(
	name: string,
	formerly: string[] | undefined,
	saved: Set<string>,
): INodePropertyOptions[] {
	return (formerly ?? [])
		.filter((old) => saved.has(old))
		.map((old) => ({
			name: `${old} (former name of ${name})`,
			value: old,
			description: `Saved under its former name; sent as ${name}`,
		}));
}

export async function getEntityFilters(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const saved = savedNames(this, 'filterPairs', 'filter');
	return queryParameters(currentEntity(this))
		.flatMap((parameter) => [
			{
				name: parameter.param,
				value: parameter.param,
				description: `${parameter.kind}${parameter.end ? ` (${parameter.end === 'from' ? 'at or after' : 'at or before'})` : ''}${parameter.unconfirmed ? ', name not confirmed' : ''}`,
			},
			...formerOptions(parameter.param, parameter.formerly, saved),
		])
		.sort(byName);
}

export async function getEntityFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const entity = currentEntity(this);
	const operation = this.getCurrentNodeParameter('operation') === 'update' ? 'update' : 'create';
	const saved = savedNames(this, 'fieldPairs', 'field');
	return [
		...writableFields(entity, operation).flatMap((field) => [
			{
				name: field.field,
				value: field.field,
				description: `${kindOf(field.type)}${field.required && operation === 'create' ? ', required' : ''}${field.unconfirmed ? ', name not confirmed' : ''}`,
			},
			...formerOptions(field.field, field.formerly, saved),
		]),
		...writableChildren(entity, operation).map((child) => ({
			name: child.field,
			value: child.field,
			description: `JSON list of items with ${child.writable.join(', ')}`,
		})),
	].sort(byName);
}

export async function getSortFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = currentEntity(this);
	// Writable fields, and read-only ones the entity can be filtered on (`WebHook_ErrorCount`).
	const filtered = entity.filters
		.map((filter) => filter.param.slice(entity.entity.length + 1))
		.filter((name) => name !== '' && !name.includes('_'));
	const names = new Set([
		'Id',
		'CreatedOn',
		'UpdatedOn',
		...entity.fields.map((field) => field.field),
		...filtered,
	]);
	return [...names].map((name) => ({ name, value: name })).sort(byName);
}

/** Nexudus lists a record type's commands at `{path}/commands`. */
export async function getCommands(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = currentEntity(this);
	const answer = (await nexudusApiRequest.call(this, {
		method: 'GET',
		path: `${entity.path}/commands`,
	})) as unknown;
	return listedCommands(answer)
		.map((command) => ({
			name: String(command.Name ?? command.DisplayName ?? command.Key),
			value: command.Key as string,
			description: typeof command.Description === 'string' ? command.Description : undefined,
		}))
		.sort(byName);
}

export const catalogueLoadOptions = {
	getCommands,
	getEntityFields,
	getEntityFilters,
	getSortFields,
};
