import type { ResourceDefinition } from './definition';

export const invoice: ResourceDefinition = {
	value: 'invoice',
	label: 'Invoice',
	entity: 'CoworkerInvoice',
	noun: 'invoice',
	pickers: { BillToCountryId: 'country', BillToCountry: 'country' },
};
