/** What the fields and filters of a calendar event mean, by Nexudus API name. */
export const calendarEvent: Record<string, string> = {
	BusinessId: 'The location that hosts the event.',
	Name: "The event's title, as shown on the events page.",
	StartDate:
		"When the event starts (date and time); Start Date Local gives it in the location's time zone.",
	EndDate:
		"When the event ends (date and time); End Date Local gives it in the location's time zone.",
	Repeats: 'How often the event repeats (daily, weekly, monthly...), used when Repeat Event is on.',
	WhichEventsToUpdate:
		'For a repeating event: whether a change applies to this event only or to the ones after it too.',
	HostFullName: 'The name of the person hosting the event.',
	ShortDescription: 'A one-line summary shown in event lists.',
	LongDescription: "The full description shown on the event's page (HTML allowed).",
	Location: 'Where in the building the event takes place, in words (e.g. Main hall).',
	VenueAddress: 'The street address, for events held away from the location.',
	ResourceId: 'The room booked for the event, if any.',
	Allocation: 'How many people can attend (number of places).',
	PublishDate: "When the event appears on the members' portal (date and time).",
	OnlyForMembers: 'Whether only members (customers with a plan) can sign up.',
	OnlyForContacts: 'Whether only contacts (customers without a plan) can sign up.',
	EnableWaitList: 'Whether people can join a waiting list once the event is full.',
	ShowInHomePage: "Whether the event is listed on the portal's home page.",
	ShowEventAttendees: 'Whether attendees can see who else is coming.',
	AllowComments: 'Whether members can comment on the event.',
	IncludeZoomInvite: 'Whether a Zoom meeting is created for the event and sent to attendees.',
	RepeatEvent: 'Whether the event repeats (see Repeats and Repeat Until).',
	RepeatUntil: 'The last date a repeating event repeats on.',
	TicketNotes: "Notes printed on the attendees' tickets.",
	CreatedOn: 'When the event was created (date and time).',
};
