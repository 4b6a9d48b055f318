import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getLocations, searchLocations } from '../shared/locations';
import { router } from './actions/router';
import * as webHook from './actions/webhook';

export class Nexudus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nexudus',
		name: 'nexudus',
		icon: { light: 'file:../../icons/nexudus.svg', dark: 'file:../../icons/nexudus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage webhooks of Nexudus coworking locations',
		defaults: {
			name: 'Nexudus',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'nexudusApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'WebHook',
						value: 'webHook',
					},
				],
				default: 'webHook',
			},
			...webHook.description,
		],
	};

	methods = {
		listSearch: { searchLocations },
		loadOptions: { getLocations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
