import type { ResourceDefinition } from './definition';

export const plan: ResourceDefinition = {
	value: 'plan',
	label: 'Plan',
	entity: 'Tariff',
	noun: 'plan',
	formerlyRequired: [
		'DisplayOrder',
		'BookingDueDateStrategy',
		'AddressIdentityCheckProvider',
		'AddressIdentityCheckRepeatPattern',
		'IdentityCheckProvider',
		'IdentityCheckRepeatPattern',
		'DeliveryPreferencesMail',
		'DeliveryPreferencesParcels',
		'DeliveryPreferencesChecks',
		'DeliveryPreferencesPublicity',
		'DeliveryPreferencesOther',
	],
	simplified: [
		'Name',
		'BusinessId',
		'BusinessName',
		'Price',
		'CurrencyCode',
		'InvoiceEvery',
		'GroupName',
		'Visible',
		'Archived',
		'ActiveContracts',
	],
};
