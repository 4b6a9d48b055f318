/** What the fields and filters of a contract mean, by Nexudus API name. */
export const contract: Record<string, string> = {
	IssuedById: 'The location that issues the contract and invoices it.',
	CoworkerId: 'The customer who holds the contract.',
	TariffId: 'The plan (membership) the contract is for.',
	BillingDay: 'The day of the month the contract is invoiced on (1 to 28).',
	Quantity: 'How many of the plan the customer takes (e.g. 3 desks).',
	NextTariffId: 'The plan the contract moves to at its next renewal, if it changes.',
	StartDate: 'The first day of the contract.',
	RenewalDate: 'The date the contract next renews and is invoiced for a new period.',
	CancellationDate: 'The date the contract ends after a cancellation; empty while it runs.',
	ContractTerm: 'The end of the minimum term: the contract cannot be cancelled before this date.',
	Price: "The price per period for one unit, in the plan's currency; it replaces the plan's price.",
	Notes: 'Internal notes on the contract.',
	PurchaseOrder: "The customer's purchase order number, printed on the invoices.",
	IncludeSignupFee: "Whether the plan's sign-up fee is charged with the first invoice.",
	ApplyProRating: 'Whether the first invoice is prorated to the billing day.',
	InvoiceAdvancedCycles: 'Whether periods are invoiced in advance.',
	CancellationReason: "Why the customer cancelled, from Nexudus's list of reasons.",
	CancellationNotes: 'Notes on the cancellation.',
	CancellationLimitDays: 'Days of notice the customer must give to cancel.',
	PricePlanTermsAccepted: "Whether the customer accepted the plan's terms and conditions.",
	CreatedOn: 'When the contract was created (date and time).',
	DeliveryHandlingPreferenceMail:
		"What is done with the customer's mail under this contract (store, forward, scan...).",
	DeliveryHandlingPreferenceParcels:
		"What is done with the customer's parcels under this contract.",
	DeliveryHandlingPreferenceChecks:
		'What is done with cheques that arrive for the customer under this contract.',
	DeliveryHandlingPreferencePublicity:
		'What is done with advertising mail for the customer under this contract.',
};
