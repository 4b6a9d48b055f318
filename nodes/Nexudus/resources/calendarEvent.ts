import type { ResourceDefinition } from './definition';

export const calendarEvent: ResourceDefinition = {
	value: 'calendarEvent',
	label: 'Calendar Event',
	entity: 'CalendarEvent',
	noun: 'calendar event',
	fieldNotes: {
		Repeats: 'Nexudus requires a value, but uses it only when Repeat Event is on.',
	},
	simplified: [
		'Name',
		'BusinessId',
		'ResourceId',
		'StartDate',
		'EndDate',
		'Location',
		'HostFullName',
		'ShortDescription',
		'PublishDate',
		'Allocation',
	],
};
