import type { ResourceDefinition } from './definition';

export const contract: ResourceDefinition = {
	value: 'contract',
	label: 'Contract',
	entity: 'CoworkerContract',
	noun: 'contract',
	// The catalogue names the schedule's properties without their types.
	childKinds: { ContractSchedules: { Price: 'decimal', ApplyOn: 'dateTime' } },
	simplified: [
		'CoworkerId',
		'CoworkerFullName',
		'TariffId',
		'TariffName',
		'IssuedById',
		'IssuedByName',
		'StartDate',
		'RenewalDate',
		'CancellationDate',
		'Active',
		'Cancelled',
		'MainContract',
		'Price',
		'Quantity',
	],
};
