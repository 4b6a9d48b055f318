import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputChecker } from '../../../shared/validation';
import type { WebHookFields } from '../../../shared/webhooks';
import { updateWebHook } from '../../../shared/webhooks';
import type { OperationResult } from './fields';
import {
	activeField,
	descriptionField,
	eventField,
	getExistingWebHook,
	nameField,
	noWebHookWithId,
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const id = check.id('WebHook ID', this.getNodeParameter('webHookId', itemIndex));
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	if (Object.keys(changes).length === 0) {
		check.fail('Update Fields', 'add at least one field to change');
	}

	const changed: Partial<WebHookFields> = {};
	if (changes.locationId !== undefined)
		changed.BusinessId = check.id('Location', changes.locationId);
	if (changes.name !== undefined) changed.Name = check.name('Name', changes.name);
	if (changes.event !== undefined) changed.Action = check.event('Event', changes.event);
	if (changes.url !== undefined) changed.URL = check.url('URL', changes.url);
	if (changes.description !== undefined) changed.Description = changes.description;
	if (changes.active !== undefined) changed.Active = changes.active;

	const updated = await updateWebHook.call(this, id, changed, itemIndex);
	if (!updated) throw noWebHookWithId(this, id, itemIndex);
	return await getExistingWebHook.call(this, id, itemIndex);
}
