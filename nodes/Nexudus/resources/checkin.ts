import type { ResourceDefinition } from './definition';

export const checkin: ResourceDefinition = {
	value: 'checkin',
	label: 'Check-in',
	entity: 'Checkin',
	noun: 'check-in',
	simplified: [
		'CoworkerId',
		'CoworkerFullName',
		'BusinessId',
		'BusinessName',
		'FromTime',
		'ToTime',
		'Source',
		'TariffAtTheTimeOfCheckin',
	],
};
