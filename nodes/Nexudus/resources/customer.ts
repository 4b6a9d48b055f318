import type { ResourceDefinition } from './definition';

export const customer: ResourceDefinition = {
	value: 'customer',
	label: 'Customer',
	entity: 'Coworker',
	noun: 'customer',
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
