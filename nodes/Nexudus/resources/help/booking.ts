/** What the fields and filters of a booking mean, by Nexudus API name. */
export const booking: Record<string, string> = {
	ResourceId: 'The room, desk or office booked (a Nexudus resource).',
	FromTime: "When the booking starts: date and time, in the location's local time.",
	ToTime: "When the booking ends: date and time, in the location's local time, after the start.",
	Repeats:
		'How often the booking repeats (daily, weekly, monthly...), used when Repeat Booking is on.',
	WhichBookingsToUpdate:
		'For a repeating booking: whether a change applies to this booking only or to the ones after it too.',
	CoworkerId:
		'The customer the booking is for; leave empty for a booking made by the space itself.',
	FloorPlanDeskId:
		'The desk on the floor plan, when a hot desk or office is booked from a floor plan.',
	ExtraServiceId:
		'The charge (extra service) the booking is priced with, when the resource has several.',
	Notes: 'A note on the booking that the customer can see.',
	InternalNotes: 'A note for the team only; customers do not see it.',
	Tentative: 'Whether the booking is only pencilled in (tentative) and not yet confirmed.',
	ChargeNow:
		'Whether the customer is charged at once when the booking is saved, not on the next invoice.',
	InvoiceNow: 'Whether an invoice for the booking is raised at once.',
	InvoiceThisCoworker:
		'Whether the booking is invoiced to this customer rather than to their paying team member.',
	DoNotUseBookingCredit:
		"Whether the customer's booking credit (included hours) is left untouched and the full price charged.",
	OverridePrice:
		"A price that replaces the resource's own for this booking, in the location's currency.",
	DiscountCode: "A discount code applied to the booking's price.",
	PurchaseOrder: "The customer's purchase order number, printed on the invoice.",
	RepeatBooking: 'Whether the booking repeats (see Repeats and Repeat Until).',
	RepeatUntil: 'The last date a repeating booking repeats on.',
	RepeatEvery: 'The repeat interval: every N days, weeks or months.',
	IncludeZoomInvite:
		'Whether a Zoom meeting is created for the booking and sent with the confirmation.',
	CreatedOn: 'When the booking was made (date and time).',
	UpdatedOn: 'When the booking was last changed (date and time).',
	TeamsAtTheTimeOfBooking:
		"The customer's teams when the booking was made, as text (names separated by commas).",
	TariffAtTheTimeOfBooking: "The customer's plan when the booking was made, by name.",
	CancelIfNotCheckedIn:
		'Whether the booking is cancelled when the customer has not checked in by its start.',
	CancelIfNotPaid: 'Whether the booking is cancelled when it is not paid for in time.',
	DisableConfirmation: 'Whether no confirmation email is sent to the customer for the booking.',
	IsEvent: 'Whether the booking holds the room for an event rather than a meeting.',
	IsTour: 'Whether the booking is a tour of the space for a prospective customer.',
	Online: 'Whether the booking was made online, by the customer, rather than by the team.',
	DiscountAmount: "An amount taken off the booking's price, in the location's currency.",
};
