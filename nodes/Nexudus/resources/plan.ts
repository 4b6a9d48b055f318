import type { ResourceDefinition } from './definition';

export const plan: ResourceDefinition = {
	value: 'plan',
	label: 'Plan',
	entity: 'Tariff',
	noun: 'plan',
	simplified: [
		'Name',
		'BusinessId',
		'BusinessName',
		'Price',
		'CurrencyCode',
		'InvoiceEvery',
		'GroupName',
		'Visible',
		'Archived',
		'ActiveContracts',
	],
};
