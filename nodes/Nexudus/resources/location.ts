import type { ResourceDefinition } from './definition';

export const location: ResourceDefinition = {
	value: 'location',
	label: 'Location',
	entity: 'Business',
	noun: 'location',
};
