/** What the fields and filters of a check-in mean, by Nexudus API name. */
export const checkin: Record<string, string> = {
	BusinessId: 'The location the customer checked in at.',
	FromTime: "When the customer checked in: date and time, in the location's local time.",
	ToTime:
		"When the customer checked out: date and time, in the location's local time; empty while they are still in.",
	CoworkerId: 'The customer who checked in.',
	LastActivity: 'The last time the customer was seen on the network or at a door (date and time).',
	CoworkerTimePassGuid: 'The time pass (day pass) this visit used up, by its unique ID.',
	MacAddresses:
		'The network addresses of the devices that checked the customer in, separated by commas.',
	CreatedOn: 'When the check-in was recorded (date and time).',
	UpdatedOn: 'When the check-in was last changed (date and time).',
	TeamsAtTheTimeOfCheckin:
		"The customer's teams at the time of the check-in, as text (names separated by commas).",
	TariffAtTheTimeOfCheckin: "The customer's plan at the time of the check-in, by name.",
	Source:
		'How the customer checked in (e.g. the members’ app, a door, the network, the front desk), as text.',
	Coworker_FullName: "The checked-in customer's full name, or part of it.",
	Business_Name: "The location's name, or part of it.",
};
