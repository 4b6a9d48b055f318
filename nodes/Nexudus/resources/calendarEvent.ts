import type { ResourceDefinition } from './definition';

export const calendarEvent: ResourceDefinition = {
	value: 'calendarEvent',
	label: 'Calendar Event',
	entity: 'CalendarEvent',
	noun: 'calendar event',
};
