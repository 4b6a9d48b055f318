import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputChecker } from '../../../shared/validation';
import { replaceWebHook } from '../../../shared/webhooks';
import type { OperationResult } from './fields';
import {
	activeField,
	descriptionField,
	eventField,
	getExistingWebHook,
	nameField,
	urlField,
	webHookIdField,
} from './fields';

const showOnlyForUpdate = { resource: ['webHook'], operation: ['update'] };

interface UpdateFields {
	active?: boolean;
	description?: string;
	event?: number;
	locationId?: string;
	name?: string;
	url?: string;
}

export const description: INodeProperties[] = [
	{ ...webHookIdField, displayOptions: { show: showOnlyForUpdate } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForUpdate },
		description: 'Only the fields added here change; the rest of the record is kept',
		options: [
			activeField,
			descriptionField,
			eventField,
			{
				displayName: 'Location Name or ID',
				name: 'locationId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getLocations' },
				default: '',
				description:
					'Move the webhook to another location. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			nameField,
			urlField,
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const id = check.id('WebHook ID', this.getNodeParameter('webHookId', itemIndex));
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	if (Object.keys(changes).length === 0) {
		check.fail('Update Fields', 'add at least one field to change');
	}

	// Nexudus replaces the whole record on PUT: start from the full record (not a list row,
	// which lacks Description) so that fields the user did not touch are kept.
	const current = await getExistingWebHook.call(this, id, itemIndex);
	await replaceWebHook.call(
		this,
		{
			Id: id,
			BusinessId:
				changes.locationId !== undefined ? check.id('Location', changes.locationId) : current.BusinessId,
			Name: changes.name !== undefined ? check.name('Name', changes.name) : current.Name,
			Action: changes.event !== undefined ? check.event('Event', changes.event) : current.Action,
			URL: changes.url !== undefined ? check.url('URL', changes.url) : current.URL,
			Description: changes.description !== undefined ? changes.description : current.Description,
			Active: changes.active !== undefined ? changes.active : current.Active,
		},
		itemIndex,
	);
	return await getExistingWebHook.call(this, id, itemIndex);
}
