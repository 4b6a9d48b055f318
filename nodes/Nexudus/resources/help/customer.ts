/** What the fields and filters of a customer mean, by Nexudus API name. */
export const customer: Record<string, string> = {
	CoworkerType: 'The kind of customer: an individual or a company account.',
	FullName: "The customer's full name, as shown across Nexudus and on invoices.",
	Gender: "The customer's gender, as they gave it (or not specified).",
	Email: "The customer's email address; they sign in to the members' portal with it.",
	CountryId: "The country of the customer's address.",
	SimpleTimeZoneId: "The customer's time zone, used for the times in their emails.",
	TaxRateType: 'Which tax rate applies to the customer: the standard, reduced or exempt one.',
	MondayAttendance:
		'Whether and how the customer usually comes in on Mondays, for the attendance planner.',
	TuesdayAttendance:
		'Whether and how the customer usually comes in on Tuesdays, for the attendance planner.',
	WednesdayAttendance:
		'Whether and how the customer usually comes in on Wednesdays, for the attendance planner.',
	ThursdayAttendance:
		'Whether and how the customer usually comes in on Thursdays, for the attendance planner.',
	FridayAttendance:
		'Whether and how the customer usually comes in on Fridays, for the attendance planner.',
	SaturdayAttendance:
		'Whether and how the customer usually comes in on Saturdays, for the attendance planner.',
	SundayAttendance:
		'Whether and how the customer usually comes in on Sundays, for the attendance planner.',
	CompanyName: 'The company the customer works for.',
	MobilePhone: "The customer's mobile phone number.",
	Address: "The customer's street address.",
	PostCode: "The postcode of the customer's address.",
	InvoicingBusinessId: 'The location that invoices the customer (their home location).',
	BillingEmail: "Where invoices are emailed, if not to the customer's own address.",
	BillingName: "The name invoices are made out to, if not the customer's.",
	TaxIDNumber: "The customer's tax (VAT) number, printed on invoices.",
	Active: "Whether the customer's account is active; inactive customers cannot sign in or book.",
	Archived: 'Whether the customer is archived (kept for history, hidden from lists).',
	CanMakeBookings: 'Whether the customer may book resources.',
	CanAccessCommunity:
		'Whether the customer can use the community features (directory, discussion boards).',
	NotifyOnNewInvoice: 'Whether the customer is emailed when an invoice is raised for them.',
	Notes: 'Internal notes on the customer; the customer does not see them.',
	Tag: 'Tags on the customer, separated by commas, for grouping and filtering.',
	ReferenceNumber: 'Your own reference for the customer (e.g. from another system).',
	AccessPincode: 'The PIN the customer opens doors with, where the location has PIN locks.',
	RegistrationDate: 'When the customer signed up (date and time).',
	DateOfBirth: "The customer's date of birth.",
	CreatedOn: 'When the customer record was created (date and time).',
	UpdatedOn: 'When the customer record was last changed (date and time).',
	TariffId:
		'The plan the new customer is signed up to (only on Create); real creates send it with Billing Day and Renewal Date.',
	BillingDay:
		'The day of the month the plan is invoiced on, 1 to 28 (only on Create, with a plan).',
	StartDate:
		"When the plan starts: a date, in the location's local time (only on Create, with a plan).",
	RenewalDate:
		"When the plan is next renewed and invoiced: a date, in the location's local time (only on Create, with a plan).",
	CityName: "The town or city of the customer's address.",
	State: "The state, county or region of the customer's address.",
	BillingAddress: 'The street address invoices are made out to, if not the customer’s own.',
	BillingCityName: 'The town or city of the billing address.',
	BillingPostCode: 'The postcode of the billing address.',
	EnableGoCardlessPayments:
		"Whether the customer's invoices are collected by GoCardless direct debit.",
	DoNotProcessInvoicesAutomatically:
		"Whether the customer's invoices are left out of automatic card and direct-debit collection.",
	NotifyOnDelivery: 'Whether the customer is emailed when a delivery arrives for them.',
};
