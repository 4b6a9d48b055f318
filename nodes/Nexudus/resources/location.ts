import type { ResourceDefinition } from './definition';

export const location: ResourceDefinition = {
	value: 'location',
	label: 'Location',
	entity: 'Business',
	noun: 'location',
	simplified: [
		'Name',
		'EmailContact',
		'Phone',
		'Address',
		'CountryName',
		'CurrencyCode',
		'SimpleTimeZoneId',
		'WebAddress',
		'Suspended',
	],
};
