/** What the fields and filters of a customer product mean, by Nexudus API name. */
export const customerProduct: Record<string, string> = {
	CoworkerId: 'The customer the product is sold to.',
	BusinessId: 'The location that sells the product and invoices it.',
	ProductId: 'The product sold (e.g. a locker, a parking space, printing credit).',
	Quantity: 'How many units are sold.',
	RepeatCycle:
		'How often a recurring sale repeats (monthly, weekly...); one-off sales do not repeat.',
	CreditAmount: "Credit given to the customer with the sale, in the location's currency.",
	DiscountAmount: "The discount on the sale, in the location's currency.",
	Price: "The unit price, in the location's currency; it replaces the product's own price.",
	Notes: 'Notes on the sale, printed on the invoice line.',
	PurchaseOrder: "The customer's purchase order number, printed on the invoice.",
	InvoiceThisCoworker:
		'Whether the sale is invoiced to this customer rather than to their paying team member.',
	RegularCharge: 'Whether the product is charged every period (recurring) rather than once.',
	RepeatUnit: 'The repeat interval: every N periods of the Repeat Cycle.',
	RepeatFrom: 'The first date a recurring sale is charged on.',
	RepeatUntil: 'The last date a recurring sale is charged on.',
	SaleDate: 'The date of the sale.',
	InvoiceOn: 'The date the sale is to be invoiced on.',
	DueDate: 'The date payment for the sale is due.',
	Invoiced: 'Whether the sale has been put on an invoice.',
	ApplyProRating: 'Whether a recurring charge is prorated for a part period.',
	CreatedOn: 'When the sale was recorded (date and time).',
	CoworkerInvoiceNumber: 'The number of the invoice the sale is on.',
	CoworkerInvoicePaid: 'Whether the invoice the sale is on has been paid.',
};
