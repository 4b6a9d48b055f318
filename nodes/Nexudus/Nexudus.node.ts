import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getLocations } from '../shared/locations';
import { router } from './actions/router';
import * as webHook from './actions/webhook';
import { commonDescription } from './generic/commonDescription';
import { resourceDescription } from './generic/description';
import { OTHER_RECORD, otherRecordDescription } from './generic/otherRecord';
import { outputDescription, SIMPLIFIED_BY_DEFAULT_FROM } from './generic/output';
import { catalogueLoadOptions, searchEntities } from './methods/loadOptions';
import { pickerSearches } from './methods/pickers';
import { RESOURCES } from './resources';

const catalogueResources = [...RESOURCES.map((definition) => definition.value), OTHER_RECORD];

const resourceOptions = [
	...RESOURCES.map((definition) => ({ name: definition.label, value: definition.value })),
	{ name: 'Other Record', value: OTHER_RECORD },
	{ name: 'WebHook', value: 'webHook' },
].sort((a, b) => a.name.localeCompare(b.name));

// Built once when n8n loads the node: the catalogue-driven parts are generated, not written.
const catalogueProperties = [
	...RESOURCES.flatMap(resourceDescription),
	...otherRecordDescription,
	// WebHook's Get Many shares Return All, Limit and Sort (it has no Run Command).
	...commonDescription([...catalogueResources, 'webHook']),
	...outputDescription(RESOURCES.map((definition) => definition.value)),
];

export class Nexudus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nexudus',
		name: 'nexudus',
		icon: { light: 'file:../../icons/nexudus.svg', dark: 'file:../../icons/nexudus.dark.svg' },
		group: ['transform'],
		// 1.1 differs only in Output's default (Simplified, not Raw). New nodes stay on 1, so a
		// saved workflow and a new node give the same output; new AI-agent tools start at 1.1.
		version: [1, SIMPLIFIED_BY_DEFAULT_FROM],
		defaultVersion: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and change Nexudus coworking records: customers, bookings, invoices, webhooks and more',
		defaults: {
			name: 'Nexudus',
		},
		usableAsTool: { replacements: { defaultVersion: SIMPLIFIED_BY_DEFAULT_FROM } },
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
				options: resourceOptions,
				// WebHook stays the default: saved workflows omit default values, so changing it would
				// turn their WebHook nodes into another resource.
				default: 'webHook',
			},
			...webHook.description,
			...catalogueProperties,
		],
	};

	methods = {
		listSearch: { ...pickerSearches, searchEntities },
		loadOptions: { getLocations, ...catalogueLoadOptions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
