import type { ResourceDefinition } from './definition';

export const invoice: ResourceDefinition = {
	value: 'invoice',
	label: 'Invoice',
	entity: 'CoworkerInvoice',
	noun: 'invoice',
	pickers: { BillToCountryId: 'country', BillToCountry: 'country' },
	simplified: [
		'InvoiceNumber',
		'CoworkerId',
		'CoworkerFullName',
		'BusinessId',
		'BusinessName',
		'TotalAmount',
		'DueAmount',
		'CurrencyCode',
		'DueDate',
		'Paid',
		'PaidOn',
		'Draft',
		'Void',
		'CreditNote',
	],
};
