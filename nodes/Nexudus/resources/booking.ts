import type { ResourceDefinition } from './definition';

export const booking: ResourceDefinition = {
	value: 'booking',
	label: 'Booking',
	entity: 'Booking',
	noun: 'booking',
	formerlyRequired: ['Repeats', 'WhichBookingsToUpdate'],
	fieldNotes: {
		Repeats: 'Nexudus uses it only when Repeat Booking is on.',
	},
	// The catalogue names the inline children's properties without their types.
	childKinds: {
		BookingProducts: { ProductId: 'id', Quantity: 'integer', InvoiceInMinutes: 'boolean' },
		BookingVisitors: { VisitorFullName: 'string', VisitorEmail: 'string' },
	},
	simplified: [
		'BookingNumber',
		'CoworkerId',
		'CoworkerFullName',
		'ResourceId',
		'ResourceName',
		'FromTime',
		'ToTime',
		'Tentative',
		'Online',
		'Invoiced',
		'CheckedInAt',
		'Notes',
	],
};
