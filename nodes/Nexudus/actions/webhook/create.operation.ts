import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locationLocator } from '../../../shared/descriptions';
import { createWebHook } from '../../../shared/webhooks';
import { InputChecker } from '../../../shared/validation';
import type { OperationResult } from './fields';
import {
	activeField,
	descriptionField,
	eventField,
	getExistingWebHook,
	nameField,
	urlField,
} from './fields';

const showOnlyForCreate = { resource: ['webHook'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ ...locationLocator, displayOptions: { show: showOnlyForCreate } },
	{ ...nameField, required: true, displayOptions: { show: showOnlyForCreate } },
	{ ...eventField, required: true, displayOptions: { show: showOnlyForCreate } },
	{ ...urlField, required: true, displayOptions: { show: showOnlyForCreate } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional settings of the new webhook',
		displayOptions: { show: showOnlyForCreate },
		options: [activeField, descriptionField],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as {
		active?: boolean;
		description?: string;
	};
	const id = await createWebHook.call(
		this,
		{
			BusinessId: check.id(
				'Location',
				this.getNodeParameter('location', itemIndex, '', { extractValue: true }),
			),
			Name: check.name('Name', this.getNodeParameter('name', itemIndex)),
			Action: check.event('Event', this.getNodeParameter('event', itemIndex)),
			URL: check.url('URL', this.getNodeParameter('url', itemIndex)),
			Description: additionalFields.description || null,
			// A record created inactive never fires, so Active defaults to true.
			Active: additionalFields.active ?? true,
		},
		itemIndex,
	);
	return await getExistingWebHook.call(this, id, itemIndex);
}
