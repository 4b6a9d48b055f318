import type { ResourceDefinition } from './definition';

export const product: ResourceDefinition = {
	value: 'product',
	label: 'Product',
	entity: 'Product',
	noun: 'product',
};
