import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteWebHook } from '../../../shared/webhooks';
import { InputChecker } from '../../../shared/validation';
import type { OperationResult } from './fields';
import { noWebHookWithId, webHookIdField } from './fields';

export const description: INodeProperties[] = [
	{ ...webHookIdField, displayOptions: { show: { resource: ['webHook'], operation: ['delete'] } } },
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const id = check.id('WebHook ID', this.getNodeParameter('webHookId', itemIndex));
	if (!(await deleteWebHook.call(this, id, itemIndex))) throw noWebHookWithId(this, id, itemIndex);
	return { Id: id, deleted: true };
}
