import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputChecker } from '../../../shared/validation';
import type { OperationResult } from './fields';
import { getExistingWebHook, webHookIdField } from './fields';

export const description: INodeProperties[] = [
	{ ...webHookIdField, displayOptions: { show: { resource: ['webHook'], operation: ['get'] } } },
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const check = new InputChecker(this.getNode(), itemIndex);
	const id = check.id('WebHook ID', this.getNodeParameter('webHookId', itemIndex));
	return await getExistingWebHook.call(this, id, itemIndex);
}
