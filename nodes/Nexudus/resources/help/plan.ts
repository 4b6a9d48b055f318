/** What the fields and filters of a plan mean, by Nexudus API name. */
export const plan: Record<string, string> = {
	BusinessId: 'The location that offers the plan.',
	Name: "The plan's name (e.g. Hot Desk Monthly), as customers see it.",
	SystemTariffType: 'The kind of plan, as Nexudus classifies it.',
	Price: "The price per invoicing period, in the plan's currency.",
	CurrencyId: 'The currency the plan is priced in.',
	CancellationPeriod: 'The notice a customer must give to cancel, in days.',
	DisplayOrder: 'Where the plan appears in lists: lower numbers come first.',
	InvoiceEvery: 'How many months each invoicing period lasts (0 if invoiced in weeks).',
	InvoiceEveryWeeks: 'How many weeks each invoicing period lasts (0 if invoiced in months).',
	BookingDueDateStrategy: 'When bookings made under the plan must be paid.',
	AddressIdentityCheckProvider: "Which service checks the customer's proof of address.",
	AddressIdentityCheckRepeatPattern: 'How often the proof-of-address check is repeated.',
	IdentityCheckProvider: "Which service checks the customer's identity.",
	IdentityCheckRepeatPattern: 'How often the identity check is repeated.',
	DeliveryPreferencesMail: 'What is done with mail for customers on the plan, by default.',
	DeliveryPreferencesParcels: 'What is done with parcels for customers on the plan, by default.',
	DeliveryPreferencesChecks: 'What is done with cheques for customers on the plan, by default.',
	DeliveryPreferencesPublicity:
		'What is done with advertising mail for customers on the plan, by default.',
	DeliveryPreferencesOther:
		'What is done with other deliveries for customers on the plan, by default.',
	Visible: 'Whether customers can see and sign up to the plan on the portal.',
	Description: 'A description of what the plan includes.',
	SignUpFee: "A one-off fee charged when the customer signs up, in the plan's currency.",
	DefaultContractTerm: 'The minimum term of new contracts, in months.',
	CheckinMonthLimit: 'How many check-ins a month the plan includes (0 for no limit).',
	HoursMonthLimit: 'How many hours of access a month the plan includes (0 for no limit).',
	BookingMinuteMonthLimit:
		'How many minutes of bookings a month the plan includes (0 for no limit).',
	Archived: 'Whether the plan is archived: no new sign-ups, kept for existing contracts.',
	GroupName: 'The group the plan is listed under on the portal.',
	CanBePaused: 'Whether customers can pause contracts on the plan.',
	IsVirtualOffice: 'Whether the plan is a virtual office (mail handling, no desk).',
	TaxRateId: 'The tax rate charged on the plan.',
	ProrateCancellations:
		'Whether the last invoice is prorated when a contract is cancelled mid-period.',
	AutoCancelAfter:
		'How many invoicing periods after which contracts on the plan end by themselves (0 for never).',
	SubscribersLimit: 'The most customers who can be on the plan at once (0 for no limit).',
	VisitorMonthLimit: 'How many visitors a month the plan includes (0 for no limit).',
	Starred: 'Whether the plan is highlighted on the portal.',
	CancelMemeberAccountAfter:
		"How long after their contract on the plan ends a customer's account is deactivated (Nexudus spells the name so).",
	SendOnBoardingFormByEmail: 'Whether new customers on the plan are emailed the onboarding form.',
};
