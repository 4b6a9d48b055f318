import type { ResourceDefinition } from './definition';

export const customer: ResourceDefinition = {
	value: 'customer',
	label: 'Customer',
	entity: 'Coworker',
	noun: 'customer',
	// CountryId, SimpleTimeZoneId and TariffId get their pickers by name; these by what they hold.
	pickers: {
		BillingCountryId: 'country',
		BillingCountry: 'country',
		BillingSimpleTimeZoneId: 'timeZone',
		BillingSimpleTimeZone: 'timeZone',
	},
	fieldNotes: {
		TariffId:
			'The plan the new customer is signed up to, as real creates send it with Billing Day and Renewal Date.',
		BillingDay: 'Day of the month the plan is invoiced on (1-28).',
		StartDate: 'When the plan starts.',
		RenewalDate: 'When the plan is next renewed and invoiced.',
	},
	simplified: [
		'FullName',
		'Email',
		'CompanyName',
		'CoworkerType',
		'TariffId',
		'TariffName',
		'InvoicingBusinessId',
		'InvoicingBusinessName',
		'TeamNames',
		'Active',
		'Archived',
		'HasDueInvoices',
		'MobilePhone',
	],
};
