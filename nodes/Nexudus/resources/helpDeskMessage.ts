import type { ResourceDefinition } from './definition';

export const helpDeskMessage: ResourceDefinition = {
	value: 'helpDeskMessage',
	label: 'Help Desk Message',
	entity: 'HelpDeskMessage',
	noun: 'help desk message',
	simplified: [
		'Subject',
		'CoworkerId',
		'CoworkerFullName',
		'BusinessId',
		'HelpDeskDepartmentName',
		'Priority',
		'OwnerFullName',
		'Closed',
		'ClosedOn',
		'MessageText',
	],
};
