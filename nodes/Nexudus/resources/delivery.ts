import type { ResourceDefinition } from './definition';

export const delivery: ResourceDefinition = {
	value: 'delivery',
	label: 'Delivery',
	entity: 'CoworkerDelivery',
	noun: 'delivery',
};
