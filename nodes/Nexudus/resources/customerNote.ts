import type { ResourceDefinition } from './definition';

export const customerNote: ResourceDefinition = {
	value: 'customerNote',
	label: 'Customer Note',
	entity: 'CoworkerNote',
	noun: 'customer note',
	simplified: ['CoworkerId', 'Notes', 'AddedBy'],
};
