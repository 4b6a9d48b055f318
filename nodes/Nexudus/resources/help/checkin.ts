/** What the fields and filters of a check-in mean, by Nexudus API name. */
export const checkin: Record<string, string> = {
	BusinessId: 'The location the customer checked in at.',
	FromTime:
		"When the customer checked in (date and time); From Time Local gives it in the location's time zone.",
	ToTime: 'When the customer checked out: date and time; empty while they are still in.',
	CoworkerId: 'The customer who checked in.',
	CountsTowardsPlanLimits:
		"Whether this visit counts against the check-in allowance of the customer's plan.",
	AutoCheckout: 'Whether Nexudus checks the customer out automatically at the end of the day.',
	LastActivity: 'The last time the customer was seen on the network or at a door (date and time).',
	CoworkerTimePassGuid: 'The time pass (day pass) this visit used up, by its unique ID.',
	MacAddresses:
		'The network addresses of the devices that checked the customer in, separated by commas.',
	FromTimeLocal: "When the customer checked in, in the location's local time.",
	ToTimeLocal: "When the customer checked out, in the location's local time.",
	CreatedOn: 'When the check-in was recorded (date and time).',
	UpdatedOn: 'When the check-in was last changed (date and time).',
	ValidateCheckinJobId: 'The background job Nexudus runs to validate the check-in; set by Nexudus.',
	TeamsAtCheckin: "The customer's teams at the time of the check-in, as text.",
	TariffAtCheckin: "The customer's plan at the time of the check-in, as text.",
};
