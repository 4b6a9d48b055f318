import type { ResourceDefinition } from './definition';

export const visitor: ResourceDefinition = {
	value: 'visitor',
	label: 'Visitor',
	entity: 'Visitor',
	noun: 'visitor',
};
