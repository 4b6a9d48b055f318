/** What the fields and filters of a invoice mean, by Nexudus API name. */
export const invoice: Record<string, string> = {
	CoworkerId: 'The customer the invoice is made out to.',
	BusinessId: 'The location that issued the invoice.',
	InvoiceNumber: 'The invoice number printed on the invoice.',
	PaymentReference: 'The reference of the payment that settled the invoice.',
	BillToName: 'The name the invoice is made out to.',
	BillToAddress: 'The billing address printed on the invoice.',
	BillToCity: 'The city of the billing address.',
	BillToPostCode: 'The postcode of the billing address.',
	BillToTaxIDNumber: "The customer's tax (VAT) number printed on the invoice.",
	PurchaseOrder: "The customer's purchase order number.",
	DueDate: 'The date payment is due.',
	InvoiceFromDate: 'The first day of the period the invoice covers.',
	InvoiceToDate: 'The last day of the period the invoice covers.',
	CurrencyId: 'The currency the invoice is in.',
	Draft: 'Whether the invoice is still a draft (not yet issued to the customer).',
	PaidOn: 'When the invoice was paid (date and time); empty while unpaid.',
	DoNotApplyCreditAutomatically:
		"Whether the customer's credit balance is left unused for this invoice.",
	CreatedOn: 'When the invoice was raised (date and time).',
	TransactionTotalAmount:
		"The invoice total in the currency the customer paid in, when it differs from the invoice's.",
	Billed: "Whether the invoice has been charged to the customer's payment method.",
	DueDateLocal: "The date payment is due, in the location's local time.",
	PaidOnLocal: "When the invoice was paid, in the location's local time.",
};
