/** What the fields and filters of a booking mean, by Nexudus API name. */
export const booking: Record<string, string> = {
	ResourceId: 'The room, desk or office booked (a Nexudus resource).',
	FromTime:
		"When the booking starts (date and time); From Time Local gives it in the location's time zone.",
	ToTime:
		"When the booking ends (date and time), after the start; To Time Local gives it in the location's time zone.",
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
	Billed: 'Whether the booking has been billed to the customer.',
	IncludeZoomInvite:
		'Whether a Zoom meeting is created for the booking and sent with the confirmation.',
	FromTimeLocal: "When the booking starts, in the location's local time.",
	ToTimeLocal: "When the booking ends, in the location's local time.",
	CreatedOn: 'When the booking was made (date and time).',
	UpdatedOn: 'When the booking was last changed (date and time).',
};
