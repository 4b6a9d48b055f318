import type { ResourceDefinition } from './definition';

export const resource: ResourceDefinition = {
	value: 'resource',
	label: 'Resource',
	entity: 'Resource',
	noun: 'resource',
	// The catalogue names the time slots' properties without their types.
	childKinds: { TimeSlots: { DayOfWeek: 'dayOfWeek', FromTime: 'dateTime', ToTime: 'dateTime' } },
	simplified: [
		'Name',
		'ResourceTypeId',
		'ResourceTypeName',
		'BusinessId',
		'BusinessName',
		'Allocation',
		'GroupName',
		'Visible',
		'Archived',
		'RequiresConfirmation',
	],
};
