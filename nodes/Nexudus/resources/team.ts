import type { ResourceDefinition } from './definition';

export const team: ResourceDefinition = {
	value: 'team',
	label: 'Team',
	entity: 'Team',
	noun: 'team',
	simplified: [
		'Name',
		'BusinessId',
		'BusinessName',
		'PayingMemberId',
		'PayingMemberFullName',
		'CoworkerIds',
		'CoworkerFullNames',
		'DefaultMemberTariffName',
		'ActiveContracts',
	],
};
