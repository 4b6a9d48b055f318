import type { ResourceDefinition } from './definition';

export const delivery: ResourceDefinition = {
	value: 'delivery',
	label: 'Delivery',
	entity: 'CoworkerDelivery',
	noun: 'delivery',
	simplified: [
		'Name',
		'CoworkerId',
		'CoworkerFullName',
		'BusinessId',
		'DeliveryType',
		'Location',
		'ReceivedBy',
		'Collected',
		'CollectedOn',
		'Processed',
		'Notes',
	],
};
