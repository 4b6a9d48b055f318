import type { INodeProperties } from 'n8n-workflow';

/** The Location picker both nodes use: from the list of the account's locations, or by ID. */
export const locationLocator: INodeProperties = {
	displayName: 'Location',
	name: 'location',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Nexudus location (business) the webhook belongs to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a location...',
			typeOptions: { searchListMethod: 'searchLocations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234567',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[0-9]+$', errorMessage: 'A location ID is a whole number' },
				},
			],
		},
	],
};
