import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { InputChecker } from '../../shared/validation';

/**
 * Parameters every catalogue-driven resource shares (one copy in the description, shown for all
 * of them): paging and sorting for Get Many, and the Run Command inputs.
 */
export function commonDescription(resources: string[]): INodeProperties[] {
	const showFor = (operation: string) => ({
		show: { resource: resources, operation: [operation] },
	});
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor('getAll'),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...showFor('getAll').show, returnAll: [false] } },
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'collection',
			placeholder: 'Add Sort Option',
			default: {},
			description: 'The order Nexudus lists the records in',
			displayOptions: showFor('getAll'),
			options: [
				{
					displayName: 'Direction',
					name: 'direction',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 0 },
						{ name: 'Descending', value: 1 },
					],
					description: 'Ascending lists A to Z, oldest first and smallest first',
					default: 0,
				},
				{
					displayName: 'Sort By Name or ID',
					name: 'orderBy',
					type: 'options',
					typeOptions: {
						loadOptionsMethod: 'getSortFields',
						loadOptionsDependsOn: ['resource', 'entity.value'],
					},
					default: '',
					description:
						'The field to sort by. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
		{
			displayName: 'Command Name or ID',
			name: 'command',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getCommands',
				loadOptionsDependsOn: ['resource', 'entity.value'],
			},
			required: true,
			default: '',
			description:
				'The command to run, as Nexudus lists it for this record type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: showFor('runCommand'),
		},
		{
			displayName: 'Record IDs',
			name: 'commandIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 123, 456',
			description: 'IDs of the records to run the command on, separated by commas',
			displayOptions: showFor('runCommand'),
		},
		{
			displayName: 'Parameters',
			name: 'commandParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			description: 'Parameters the command takes, by name (e.g. Payment Method)',
			displayOptions: showFor('runCommand'),
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The parameter name the command expects',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'The parameter value, as text',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'string',
							default: '',
							placeholder: 'e.g. ePaymentProvider',
							description:
								"The parameter's Nexudus type, sent with its value. Leave empty to use the type Nexudus lists for the command.",
						},
					],
				},
			],
		},
	];
}

/**
 * What the shared Get Many parameters ask for: the sort as Nexudus query parameters, and how many
 * records to read (undefined: all). Values from expressions are checked like typed ones.
 */
export function readGetManyOptions(
	context: IExecuteFunctions,
	check: InputChecker,
	itemIndex: number,
): { sortQuery: IDataObject; limit?: number } {
	const sort = context.getNodeParameter('sort', itemIndex, {}) as {
		orderBy?: string;
		direction?: number;
	};
	const sortQuery: IDataObject = {};
	if (sort.orderBy) sortQuery.orderBy = sort.orderBy;
	if (sort.direction !== undefined) sortQuery.dir = sort.direction;
	const returnAll = check.boolean(
		'Return All',
		context.getNodeParameter('returnAll', itemIndex, false),
	);
	const limit = returnAll
		? undefined
		: check.limit('Limit', context.getNodeParameter('limit', itemIndex, 50));
	return { sortQuery, limit };
}
