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
