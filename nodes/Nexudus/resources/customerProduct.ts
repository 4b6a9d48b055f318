import type { ResourceDefinition } from './definition';

export const customerProduct: ResourceDefinition = {
	value: 'customerProduct',
	label: 'Customer Product',
	entity: 'CoworkerProduct',
	noun: 'customer product',
	simplified: [
		'CoworkerId',
		'CoworkerFullName',
		'ProductId',
		'ProductName',
		'BusinessId',
		'Quantity',
		'TotalPrice',
		'ProductCurrencyCode',
		'SaleDate',
		'RegularCharge',
		'Activated',
		'Invoiced',
	],
};
