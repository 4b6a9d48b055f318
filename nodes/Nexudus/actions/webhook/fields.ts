import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eventOptions } from '../../../shared/events';
import type { WebHookRecord } from '../../../shared/webhooks';
import { findWebHook } from '../../../shared/webhooks';

export const webHookIdField: INodeProperties = {
	displayName: 'WebHook ID',
	name: 'webHookId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 87654321',
	description: 'The ID of the Nexudus WebHook record',
};

export const eventField: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	options: eventOptions({ includeNone: true }),
	default: 3,
	description: 'The Nexudus action that fires the webhook',
};

export const activeField: INodeProperties = {
	displayName: 'Active',
	name: 'active',
	type: 'boolean',
	default: true,
	description: 'Whether Nexudus calls the URL when the event happens',
};

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: "What the webhook is for. Nexudus's list rows leave it out; Get returns it.",
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Display name of the webhook in Nexudus',
};

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/nexudus-events',
	description: 'The address Nexudus POSTs the event to',
};

/** The full record, or an error that names the Id Nexudus does not know. */
export async function getExistingWebHook(
	this: IExecuteFunctions,
	id: number,
	itemIndex: number,
): Promise<WebHookRecord> {
	const record = await findWebHook.call(this, id, itemIndex);
	if (!record) throw noWebHookWithId(this, id, itemIndex);
	return record;
}

export function noWebHookWithId(context: IExecuteFunctions, id: number, itemIndex: number) {
	return new NodeOperationError(context.getNode(), `No WebHook with Id ${id}`, { itemIndex });
}

export type OperationResult = IDataObject | IDataObject[];
