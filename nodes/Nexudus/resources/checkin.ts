import type { ResourceDefinition } from './definition';

export const checkin: ResourceDefinition = {
	value: 'checkin',
	label: 'Check-in',
	entity: 'Checkin',
	noun: 'check-in',
};
