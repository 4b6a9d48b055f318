import type { ResourceDefinition } from './definition';

export const product: ResourceDefinition = {
	value: 'product',
	label: 'Product',
	entity: 'Product',
	noun: 'product',
	simplified: [
		'Name',
		'BusinessId',
		'BusinessName',
		'Price',
		'CurrencyCode',
		'Sku',
		'Visible',
		'Archived',
		'TrackStock',
		'CurrentStock',
	],
};
