import type { ResourceDefinition } from './definition';

export const customerProduct: ResourceDefinition = {
	value: 'customerProduct',
	label: 'Customer Product',
	entity: 'CoworkerProduct',
	noun: 'customer product',
};
