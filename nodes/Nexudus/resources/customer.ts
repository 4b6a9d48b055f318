import type { ResourceDefinition } from './definition';

export const customer: ResourceDefinition = {
	value: 'customer',
	label: 'Customer',
	entity: 'Coworker',
	noun: 'customer',
};
