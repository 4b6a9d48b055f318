import type {
	DisplayCondition,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResourceDefinition } from '../resources/definition';

/**
 * What a record-returning operation (Get, Get Many, Create, Update) outputs: the record as
 * Nexudus sends it (Raw, ~200 fields for a customer), its key fields (Simplified, chosen per
 * resource in its definition) or the fields named (Selected Fields). The Id is always kept.
 *
 * Node version 1 defaults to Raw, so saved workflows (which omit default values) keep their
 * output; version 1.1 defaults to Simplified. New Nexudus nodes stay on version 1; the tool
 * variant n8n makes for AI agents starts at 1.1 (see `usableAsTool` in Nexudus.node.ts).
 */

export type OutputMode = 'simple' | 'raw' | 'fields';

export const OUTPUT_OPERATIONS = ['get', 'getAll', 'create', 'update'];

/** The version from which new nodes default to Simplified. */
export const SIMPLIFIED_BY_DEFAULT_FROM = 1.1;

export function outputDescription(resources: string[]): INodeProperties[] {
	const shownFor = { resource: resources, operation: OUTPUT_OPERATIONS };
	const output = (
		defaultMode: OutputMode,
		versions: Array<number | DisplayCondition>,
	): INodeProperties => ({
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Simplified',
				value: 'simple',
				description:
					'The key fields of each record (who, which plan, which location, what state); the README lists them per resource',
			},
			{ name: 'Raw', value: 'raw', description: 'Every field Nexudus returns' },
			{
				name: 'Selected Fields',
				value: 'fields',
				description: 'Only the fields named, and the ID',
			},
		],
		default: defaultMode,
		description: 'How much of each record to return',
		displayOptions: { show: { ...shownFor, '@version': versions } },
	});
	return [
		output('raw', [1]),
		output('simple', [{ _cnd: { gte: SIMPLIFIED_BY_DEFAULT_FROM } }]),
		{
			displayName: 'Fields',
			name: 'outputFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. FullName, Email, TariffName',
			description:
				'Nexudus API names of the fields to return, separated by commas (case does not matter); the ID is always returned',
			displayOptions: { show: { ...shownFor, output: ['fields'] } },
		},
	];
}

function pick(record: IDataObject, names: string[]): IDataObject {
	const picked: IDataObject = {};
	if ('Id' in record) picked.Id = record.Id;
	for (const name of names) if (name in record) picked[name] = record[name];
	return picked;
}

/** The record's own spelling of each name given, matched without regard to case. */
function namesIn(records: IDataObject[], given: string[]): { found: string[]; missing: string[] } {
	const keys = new Map<string, string>();
	for (const record of records)
		for (const key of Object.keys(record)) keys.set(key.toLowerCase(), key);
	const found: string[] = [];
	const missing: string[] = [];
	for (const name of given) {
		const key = keys.get(name.toLowerCase());
		if (key) found.push(key);
		else missing.push(name);
	}
	return { found, missing };
}

/** Shapes what a record-returning operation gives back; other operations pass through. */
export function shapeOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	definition: ResourceDefinition,
	operation: string,
	result: IDataObject | IDataObject[],
): IDataObject | IDataObject[] {
	if (!OUTPUT_OPERATIONS.includes(operation)) return result;
	const mode = context.getNodeParameter('output', itemIndex, 'raw') as OutputMode;
	if (mode === 'raw') return result;
	const records = Array.isArray(result) ? result : [result];
	let names: string[];
	if (mode === 'simple') {
		names = definition.simplified;
	} else if (mode === 'fields') {
		const given = String(context.getNodeParameter('outputFields', itemIndex, '') ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== '');
		if (given.length === 0) {
			throw new NodeOperationError(context.getNode(), 'Fields: name at least one field to return', {
				itemIndex,
			});
		}
		const { found, missing } = namesIn(records, given);
		// An empty Get Many has nothing to check the names against.
		if (records.length > 0 && missing.length > 0) {
			throw new NodeOperationError(
				context.getNode(),
				`Fields: no ${missing.join(', ')} in the ${definition.label} records Nexudus returned`,
				{
					itemIndex,
					description: `Give Nexudus API names, e.g. ${definition.simplified.slice(0, 3).join(', ')}; Output: Raw shows them all.`,
				},
			);
		}
		names = found;
	} else {
		throw new NodeOperationError(context.getNode(), `Output: unknown choice "${String(mode)}"`, {
			itemIndex,
		});
	}
	const shaped = records.map((record) => pick(record, names));
	return Array.isArray(result) ? shaped : shaped[0];
}
