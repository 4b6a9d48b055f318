/** What the fields and filters of a resource mean, by Nexudus API name. */
export const resource: Record<string, string> = {
	BusinessId: 'The location the resource is in.',
	Name: "The resource's name (e.g. Meeting Room 1), as customers see it.",
	SystemResourceType: 'The kind of resource, as Nexudus classifies it (room, desk, office...).',
	ResourceTypeId: 'The resource type it belongs to (your own grouping, e.g. Meeting rooms).',
	DisplayOrder: 'Where the resource appears in lists: lower numbers come first.',
	CancellationFeeType: 'How a late cancellation fee is worked out: a fixed amount or a percentage.',
	Description: 'A description of the resource, shown when booking.',
	Visible: 'Whether customers can see and book the resource on the portal.',
	RequiresConfirmation: 'Whether the team must confirm each booking of the resource.',
	Allocation: 'How many people the resource holds (its capacity).',
	AllowMultipleBookings:
		'Whether the resource can be booked by several customers at the same time.',
	MinBookingLength: 'The shortest booking allowed, in minutes.',
	MaxBookingLength: 'The longest booking allowed, in minutes.',
	BookInAdvanceLimit: 'How far ahead the resource can be booked, in days (empty for no limit).',
	LateBookingLimit:
		'The least notice a booking needs: how long before the start it must be made, in minutes.',
	LateCancellationLimit:
		'How close to the start a booking can still be cancelled free of charge, in minutes.',
	IntervalLimit:
		'The booking time grid, in minutes (e.g. 15: bookings start at :00, :15, :30, :45).',
	OnlyForMembers: 'Whether only members (customers with a plan) can book the resource.',
	OnlyForContacts: 'Whether only contacts (customers without a plan) can book the resource.',
	Archived: 'Whether the resource is archived and can no longer be booked.',
	HideInCalendar: 'Whether the resource is left out of the bookings calendar.',
	GroupName: 'The group the resource is listed under.',
	ChargeCancellationFee: 'Whether a fee is charged when a booking is cancelled late.',
	CancellationFeeAmount: "The late cancellation fee, in the location's currency.",
	CancellationFeePercentage: "The late cancellation fee, in percent of the booking's price.",
};
