import type { ResourceDefinition } from './definition';

export const visitor: ResourceDefinition = {
	value: 'visitor',
	label: 'Visitor',
	entity: 'Visitor',
	noun: 'visitor',
	simplified: [
		'FullName',
		'Email',
		'CompanyName',
		'CoworkerId',
		'CoworkerFullName',
		'BusinessId',
		'ExpectedArrival',
		'Arrived',
		'CheckedInAt',
		'DepartureDate',
		'HostApprovalStatus',
	],
};
