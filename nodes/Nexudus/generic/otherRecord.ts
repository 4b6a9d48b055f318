import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputChecker } from '../../shared/validation';
import { allEntities, findEntity } from '../../shared/catalogue';
import type { Target } from './checks';
import { CLEAR_FIELDS_HELP } from './description';
import { unknownNameProblem } from './names';

/**
 * "Other Record": every catalogue entity with a path, chosen by name. Its filters and fields
 * are name/value pairs whose names the editor loads from the bundled catalogue (loadOptions),
 * so the static description stays small; the names are checked again before any request.
 */

export const OTHER_RECORD = 'otherRecord';

const show = (operations: string[]) => ({
	show: { resource: [OTHER_RECORD], operation: operations },
});

export const otherRecordDescription: INodeProperties[] = [
	{
		displayName: 'Record Type',
		name: 'entity',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The kind of Nexudus record, as the API names it (e.g. CoworkerTask)',
		displayOptions: { show: { resource: [OTHER_RECORD] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a record type...',
				typeOptions: { searchListMethod: 'searchEntities', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. CoworkerTask' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [OTHER_RECORD] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a record of the chosen type from field names and values',
				action: 'Create a record',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a record of the chosen type by ID',
				action: 'Delete a record',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a record of the chosen type by ID',
				action: 'Get a record',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List records of the chosen type matching filters',
				action: 'Get many records',
			},
			{
				name: 'Run Command',
				value: 'runCommand',
				description: 'Run a Nexudus command on records of the chosen type by ID',
				action: 'Run a command on records',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the given fields of a record and keep all others',
				action: 'Update a record',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234567',
		description: 'The ID of the record',
		displayOptions: show(['get', 'update', 'delete']),
	},
	{
		displayName: 'Filters',
		name: 'filterPairs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description:
			'Only records matching every filter. Ranges are from_… and to_… filters; dates as 2025-01-31T09:30.',
		displayOptions: show(['getAll']),
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getEntityFilters',
							loadOptionsDependsOn: ['entity.value'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value records must have; dates as 2026-01-31T09:00',
					},
				],
			},
		],
	},
	{
		displayName: 'Fields Input',
		name: 'fieldsInput',
		type: 'options',
		options: [
			{ name: 'Name/Value Pairs', value: 'pairs' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'pairs',
		description: 'How the field values are given: one name and value at a time, or one JSON object',
		displayOptions: show(['create', 'update']),
	},
	{
		displayName: 'Fields',
		name: 'fieldPairs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		description: 'Field values by Nexudus name; on update only these change',
		displayOptions: { show: { ...show(['create', 'update']).show, fieldsInput: ['pairs'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getEntityFields',
							loadOptionsDependsOn: ['entity.value', 'operation'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'The value to write; true or false for yes/no fields, dates as 2026-01-31T09:00',
					},
				],
			},
		],
	},
	{
		displayName: 'Clear Field Names or IDs',
		name: 'clearFields',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getEntityFields',
			loadOptionsDependsOn: ['entity.value', 'operation'],
		},
		default: [],
		description: `${CLEAR_FIELDS_HELP} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		displayOptions: show(['update']),
	},
	{
		displayName: 'Fields (JSON)',
		name: 'fieldsJson',
		type: 'json',
		default: '{}',
		description: 'An object of Nexudus field names and values; on update only these change',
		displayOptions: { show: { ...show(['create', 'update']).show, fieldsInput: ['json'] } },
	},
];

/** The entity the user chose, or an error naming the closest known ones. */
export function otherRecordTarget(context: IExecuteFunctions, itemIndex: number): Target {
	const check: InputChecker = new InputChecker(context.getNode(), itemIndex);
	const name = check.name(
		'Record Type',
		context.getNodeParameter('entity', itemIndex, '', { extractValue: true }),
	);
	const entity = findEntity(name);
	if (!entity) {
		check.fail(
			'Record Type',
			unknownNameProblem(
				'record type',
				name,
				'the Nexudus API',
				allEntities().map((candidate) => candidate.entity),
			),
		);
	}
	return { entity, label: entity.entity };
}
