import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteWebHook } from '../../../shared/webhooks';
import { InputChecker } from '../../../shared/validation';
import type { OperationResult } from './fields';
import { webHookIdField } from './fields';

export const description: INodeProperties[] = [
	{ ...webHookIdField, displayOptions: { show: { resource: ['webHook'], operation: ['delete'] } } },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const id = check.id('WebHook ID', this.getNodeParameter('webHookId', itemIndex));
	if (!(await deleteWebHook.call(this, id, itemIndex))) {
		throw new NodeOperationError(this.getNode(), `No WebHook with Id ${id}`, { itemIndex });
	}
	return { Id: id, deleted: true };
}
