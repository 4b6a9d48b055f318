import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputChecker } from '../../../shared/validation';
import { isTriggerRecordUrl, searchWebHooks } from '../../../shared/webhooks';
import { readGetManyOptions } from '../../generic/commonDescription';
import type { OperationResult } from './fields';
import { eventField } from './fields';

const showOnlyForGetMany = { resource: ['webHook'], operation: ['getAll'] };

type FilterKind = 'id' | 'event' | 'text' | 'boolean' | 'count' | 'date';

/** Each filter: the n8n field, how its value is checked, and the Nexudus query parameter. */
const FILTERS: Array<{ field: string; label: string; kind: FilterKind; query: string }> = [
	{ field: 'active', label: 'Active', kind: 'boolean', query: 'WebHook_Active' },
	{ field: 'createdFrom', label: 'Created From', kind: 'date', query: 'from_WebHook_CreatedOn' },
	{ field: 'createdTo', label: 'Created To', kind: 'date', query: 'to_WebHook_CreatedOn' },
	{ field: 'description', label: 'Description', kind: 'text', query: 'WebHook_Description' },
	{ field: 'errorCount', label: 'Error Count', kind: 'count', query: 'WebHook_ErrorCount' },
	{
		field: 'errorCountFrom',
		label: 'Error Count From',
		kind: 'count',
		query: 'from_WebHook_ErrorCount',
	},
	{ field: 'errorCountTo', label: 'Error Count To', kind: 'count', query: 'to_WebHook_ErrorCount' },
	{ field: 'event', label: 'Event', kind: 'event', query: 'WebHook_Action' },
	{ field: 'lastError', label: 'Last Error', kind: 'text', query: 'WebHook_LastError' },
	{ field: 'lastTrigger', label: 'Last Trigger', kind: 'date', query: 'WebHook_LastTrigger' },
	{
		field: 'lastTriggerFrom',
		label: 'Last Trigger From',
		kind: 'date',
		query: 'from_WebHook_LastTrigger',
	},
	{
		field: 'lastTriggerTo',
		label: 'Last Trigger To',
		kind: 'date',
		query: 'to_WebHook_LastTrigger',
	},
	{ field: 'locationId', label: 'Location', kind: 'id', query: 'WebHook_Business' },
	{ field: 'name', label: 'Name', kind: 'text', query: 'WebHook_Name' },
	{ field: 'updatedFrom', label: 'Updated From', kind: 'date', query: 'from_WebHook_UpdatedOn' },
	{ field: 'updatedTo', label: 'Updated To', kind: 'date', query: 'to_WebHook_UpdatedOn' },
	{ field: 'url', label: 'URL', kind: 'text', query: 'WebHook_URL' },
];

const FIELD_TYPE: Record<FilterKind, INodeProperties['type']> = {
	id: 'options',
	event: 'options',
	text: 'string',
	boolean: 'boolean',
	count: 'number',
	date: 'dateTime',
};

function filterProperty(filter: (typeof FILTERS)[number]): INodeProperties {
	if (filter.kind === 'event')
		return { ...eventField, description: 'Only webhooks for this event' };
	const property: INodeProperties = {
		displayName: filter.label,
		name: filter.field,
		type: FIELD_TYPE[filter.kind],
		default: filter.kind === 'boolean' ? true : filter.kind === 'count' ? 0 : '',
		description:
			filter.kind === 'boolean'
				? `Whether only active (on) or only inactive (off) webhooks are listed. Nexudus filter ${filter.query}.`
				: `Nexudus filter ${filter.query}`,
	};
	if (filter.kind === 'id') {
		return {
			...property,
			displayName: 'Location Name or ID',
			typeOptions: { loadOptionsMethod: 'getLocations' },
			description:
				'Only webhooks of this location. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		};
	}
	if (filter.kind === 'count') return { ...property, typeOptions: { minValue: 0 } };
	return property;
}

/** Not a Nexudus filter: n8n keeps only the rows whose URL is one a Nexudus Trigger registers. */
const CREATED_BY_TRIGGER = 'createdByTrigger';

const createdByTriggerFilter: INodeProperties = {
	displayName: 'Created by Nexudus Trigger',
	name: CREATED_BY_TRIGGER,
	type: 'boolean',
	default: true,
	description:
		"Whether to return only the records n8n's Nexudus Trigger keeps (URL ending in /webhook?action=N, perhaps with &location=ID), or only the others",
};

export const description: INodeProperties[] = [
	// Return All, Limit and Sort are the node's shared Get Many parameters (commonDescription).
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForGetMany },
		description: 'Text filters match part of the value; date ranges are inclusive',
		options: [...FILTERS.map(filterProperty), createdByTriggerFilter].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

/** Turns the filters the user added into Nexudus query parameters, checking each value. */
export function buildSearchQuery(check: InputChecker, filters: IDataObject): IDataObject {
	const query: IDataObject = {};
	for (const filter of FILTERS) {
		const value = filters[filter.field];
		if (value === undefined) continue;
		if (filter.kind === 'id') query[filter.query] = check.id(filter.label, value);
		else if (filter.kind === 'event') query[filter.query] = check.event(filter.label, value);
		else if (filter.kind === 'count') query[filter.query] = check.count(filter.label, value);
		else if (filter.kind === 'date') query[filter.query] = check.date(filter.label, value);
		else if (filter.kind === 'boolean') query[filter.query] = check.boolean(filter.label, value);
		else query[filter.query] = String(value);
	}
	const unknown = Object.keys(filters).filter(
		(key) => key !== CREATED_BY_TRIGGER && !FILTERS.some((f) => f.field === key),
	);
	if (unknown.length > 0) check.fail('Filters', `unknown filter ${unknown.join(', ')}`);
	return query;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filterQuery = buildSearchQuery(check, filters);
	const { sortQuery, limit } = readGetManyOptions(this, check, itemIndex);
	const query = { ...filterQuery, ...sortQuery };
	if (filters[CREATED_BY_TRIGGER] === undefined) {
		return await searchWebHooks.call(this, query, limit, itemIndex);
	}
	// Filtered here, so every row is read before the limit applies.
	const wanted = check.boolean('Created by Nexudus Trigger', filters[CREATED_BY_TRIGGER]);
	const rows = await searchWebHooks.call(this, query, undefined, itemIndex);
	const kept = rows.filter((row) => isTriggerRecordUrl(row.URL) === wanted);
	return limit === undefined ? kept : kept.slice(0, limit);
}
