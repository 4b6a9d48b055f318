/**
 * The Nexudus webhook actions (eWebhookAction): number, API name and the name users see.
 * One webhook record holds exactly one action.
 */
export interface NexudusEvent {
	value: number;
	apiName: string;
	name: string;
}

export const NEXUDUS_EVENTS: readonly NexudusEvent[] = [
	{ value: 1, apiName: 'None', name: 'None' },
	{ value: 2, apiName: 'CoworkerUpdate', name: 'Coworker Updated' },
	{ value: 3, apiName: 'CoworkerCreate', name: 'Coworker Created' },
	{ value: 4, apiName: 'BlogPostCreate', name: 'Blog Post Created' },
	{ value: 5, apiName: 'BlogPostUpdate', name: 'Blog Post Updated' },
	{ value: 6, apiName: 'BookingCreate', name: 'Booking Created' },
	{ value: 7, apiName: 'BookingUpdate', name: 'Booking Updated' },
	{ value: 8, apiName: 'BookingDelete', name: 'Booking Deleted' },
	{ value: 9, apiName: 'SendWelcomeEmail', name: 'Welcome Email Sent' },
	{ value: 10, apiName: 'CoworkerContractActivate', name: 'Contract Activated' },
	{ value: 11, apiName: 'CoworkerContractCancel', name: 'Contract Cancelled' },
	{ value: 12, apiName: 'CoworkerContractRenew', name: 'Contract Renewed' },
	{
		value: 13,
		apiName: 'CoworkerContractUpgradeDowngrade',
		name: 'Contract Upgraded or Downgraded',
	},
	{ value: 14, apiName: 'CoworkerContractActivateFirst', name: 'First Contract Activated' },
	{ value: 15, apiName: 'CoworkerInvoiceCreateFirst', name: 'First Invoice Created' },
	{ value: 16, apiName: 'CoworkerInvoiceCreate', name: 'Invoice Created' },
	{ value: 17, apiName: 'CoworkerInvoiceDelete', name: 'Invoice Deleted' },
	{ value: 18, apiName: 'CoworkerInvoiceUpdate', name: 'Invoice Updated' },
	{ value: 19, apiName: 'CoworkerInvoiceRefund', name: 'Invoice Refunded' },
	{ value: 20, apiName: 'CoworkerInvoiceCreditNote', name: 'Invoice Credit Note Issued' },
	{ value: 21, apiName: 'CoworkerInvoicePaid', name: 'Invoice Paid' },
	{ value: 22, apiName: 'CoworkerInvoiceFailedPayment', name: 'Invoice Payment Failed' },
	{ value: 23, apiName: 'CoworkerInvoiceReceivedPayment', name: 'Invoice Payment Received' },
	{ value: 24, apiName: 'CoworkerInvoiceAwaitingPayment', name: 'Invoice Awaiting Payment' },
	{ value: 25, apiName: 'CalendarEventCreate', name: 'Calendar Event Created' },
	{ value: 26, apiName: 'CalendarEventUpdate', name: 'Calendar Event Updated' },
	{ value: 27, apiName: 'CalendarEventAttendeeDelete', name: 'Calendar Event Attendee Deleted' },
	{ value: 28, apiName: 'CalendarEventAttendeeCreate', name: 'Calendar Event Attendee Created' },
	{ value: 29, apiName: 'CalendarEventAttendeeUpdate', name: 'Calendar Event Attendee Updated' },
	{ value: 30, apiName: 'GlobalChatMessageCreate', name: 'Global Chat Message Created' },
	{ value: 31, apiName: 'NewsLetterSubscriberCreate', name: 'Newsletter Subscriber Created' },
	{
		value: 32,
		apiName: 'NewsLetterSubscriberSubscribed',
		name: 'Newsletter Subscriber Subscribed',
	},
	{
		value: 33,
		apiName: 'NewsLetterSubscriberUnSubscribed',
		name: 'Newsletter Subscriber Unsubscribed',
	},
	{
		value: 34,
		apiName: 'NewsLetterSubscriberRemovedFromGroup',
		name: 'Newsletter Subscriber Removed From Group',
	},
	{ value: 35, apiName: 'CoworkerCheckout', name: 'Coworker Checked Out' },
	{ value: 36, apiName: 'CoworkerCheckin', name: 'Coworker Checked In' },
	{ value: 37, apiName: 'CoworkerCheckinFailed', name: 'Coworker Check-In Failed' },
	{ value: 38, apiName: 'VisitorNotification', name: 'Visitor Notification' },
	{ value: 39, apiName: 'CommunityBoardNewThread', name: 'Community Board Thread Created' },
	{ value: 40, apiName: 'CommunityBoardNewReply', name: 'Community Board Reply Created' },
	{ value: 41, apiName: 'VisitorCheckedin', name: 'Visitor Checked In' },
	{ value: 42, apiName: 'VisitorRegistered', name: 'Visitor Registered' },
	{ value: 43, apiName: 'BlogPostDelete', name: 'Blog Post Deleted' },
	{ value: 44, apiName: 'CalendarEventDelete', name: 'Calendar Event Deleted' },
	{ value: 45, apiName: 'HelDeskMessageCreated', name: 'Help Desk Message Created' },
	{ value: 46, apiName: 'HelpDeskCommentCreated', name: 'Help Desk Comment Created' },
	{ value: 47, apiName: 'CheckinCreated', name: 'Check-In Created' },
	{ value: 48, apiName: 'CheckinUpdated', name: 'Check-In Updated' },
	{ value: 49, apiName: 'CheckinDeleted', name: 'Check-In Deleted' },
	{ value: 50, apiName: 'CoworkerDelete', name: 'Coworker Deleted' },
	{ value: 51, apiName: 'CoworkerMessageCreate', name: 'Coworker Message Created' },
	{ value: 52, apiName: 'DeliveryCreated', name: 'Delivery Created' },
	{ value: 53, apiName: 'DeliveryAssigned', name: 'Delivery Assigned' },
	{ value: 54, apiName: 'ProposalCreated', name: 'Proposal Created' },
	{ value: 55, apiName: 'ProposalUpdated', name: 'Proposal Updated' },
	{ value: 56, apiName: 'ProposalDeleted', name: 'Proposal Deleted' },
	{ value: 57, apiName: 'TeamCreated', name: 'Team Created' },
	{ value: 58, apiName: 'TeamUpdated', name: 'Team Updated' },
	{ value: 59, apiName: 'TeamDeleted', name: 'Team Deleted' },
	{ value: 60, apiName: 'CoworkerContractUpdate', name: 'Contract Updated' },
	{ value: 61, apiName: 'AccessControlUpdate', name: 'Access Control Updated' },
	{ value: 62, apiName: 'CoworkerContractCreate', name: 'Contract Created' },
	{ value: 63, apiName: 'FailedCheckin', name: 'Check-In Attempt Failed' },
	{ value: 64, apiName: 'VisitorDeleted', name: 'Visitor Deleted' },
	{ value: 65, apiName: 'CoworkerInvoiceLedgerEntryCreate', name: 'Invoice Ledger Entry Created' },
	{ value: 66, apiName: 'CoworkerInvoiceLedgerEntryDelete', name: 'Invoice Ledger Entry Deleted' },
	{ value: 67, apiName: 'CoworkerInvoiceLedgerEntryUpdate', name: 'Invoice Ledger Entry Updated' },
	{ value: 68, apiName: 'CoworkerProductCreate', name: 'Coworker Product Created' },
	{ value: 69, apiName: 'CoworkerProductUpdate', name: 'Coworker Product Updated' },
	{ value: 70, apiName: 'CoworkerProductDelete', name: 'Coworker Product Deleted' },
	{ value: 71, apiName: 'FloorPlanDeskCreate', name: 'Floor Plan Desk Created' },
	{ value: 72, apiName: 'FloorPlanDeskDelete', name: 'Floor Plan Desk Deleted' },
	{ value: 73, apiName: 'FloorPlanDeskUpdate', name: 'Floor Plan Desk Updated' },
	{ value: 74, apiName: 'TariffCreate', name: 'Plan Created' },
	{ value: 75, apiName: 'TariffDelete', name: 'Plan Deleted' },
	{ value: 76, apiName: 'TariffUpdate', name: 'Plan Updated' },
	{ value: 77, apiName: 'CoworkerContractDelete', name: 'Contract Deleted' },
	{ value: 78, apiName: 'FloorPlanCreate', name: 'Floor Plan Created' },
	{ value: 79, apiName: 'FloorPlanDelete', name: 'Floor Plan Deleted' },
	{ value: 80, apiName: 'FloorPlanUpdate', name: 'Floor Plan Updated' },
	{ value: 81, apiName: 'ProductCreate', name: 'Product Created' },
	{ value: 82, apiName: 'ProductDelete', name: 'Product Deleted' },
	{ value: 83, apiName: 'ProductUpdate', name: 'Product Updated' },
	{ value: 84, apiName: 'BusinessUpdate', name: 'Location Updated' },
	{ value: 85, apiName: 'CommunityGroupCreate', name: 'Community Group Created' },
	{ value: 86, apiName: 'CommunityGroupDelete', name: 'Community Group Deleted' },
	{ value: 87, apiName: 'CommunityGroupUpdate', name: 'Community Group Updated' },
	{ value: 88, apiName: 'CoworkerPaymentMethodCreate', name: 'Payment Method Created' },
	{ value: 89, apiName: 'CoworkerPaymentMethodDelete', name: 'Payment Method Deleted' },
	{ value: 90, apiName: 'CoworkerPaymentMethodUpdate', name: 'Payment Method Updated' },
];

const eventsByValue = new Map(NEXUDUS_EVENTS.map((event) => [event.value, event]));

export function findEvent(value: number): NexudusEvent | undefined {
	return eventsByValue.get(value);
}

/** Options for an n8n options/multiOptions field, sorted by name as n8n's lint requires. */
export function eventOptions({ includeNone }: { includeNone: boolean }) {
	return NEXUDUS_EVENTS.filter((event) => includeNone || event.value !== 1)
		.map((event) => ({
			name: event.name,
			value: event.value,
			description: `Nexudus action ${event.apiName} (${event.value})`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const eventsByApiName = new Map(
	NEXUDUS_EVENTS.map((event) => [event.apiName.toLowerCase(), event]),
);

/** One event given as a number, a numeric string or an API name (in any case). */
export function eventOf(part: unknown): NexudusEvent | undefined {
	if (typeof part === 'number') return findEvent(part);
	if (typeof part !== 'string') return undefined;
	return /^[0-9]+$/.test(part) ? findEvent(Number(part)) : eventsByApiName.get(part.toLowerCase());
}

export type ParsedEvents = { actions: number[] } | { problem: string };

/**
 * Reads the events a user chose, however an expression gave them: a number, a numeric string,
 * a comma-separated list (`"3,21"`), an API name (`CoworkerCreate`) or an array of any of those.
 * Answers the distinct action numbers in the order given, or what is wrong.
 */
export function parseEvents(value: unknown): ParsedEvents {
	const parts = (Array.isArray(value) ? value : [value]).flatMap((part) =>
		typeof part === 'string' ? part.split(',').map((text) => text.trim()) : [part],
	);
	const actions: number[] = [];
	for (const part of parts.filter((part) => part !== '')) {
		const event = eventOf(part);
		if (!event) {
			const shown = typeof part === 'string' ? `"${part}"` : (JSON.stringify(part) ?? String(part));
			return {
				problem: `${shown} is not a Nexudus event (give a number from 1 to 90 or an API name such as CoworkerCreate)`,
			};
		}
		if (!actions.includes(event.value)) actions.push(event.value);
	}
	return actions.length > 0 ? { actions } : { problem: 'choose at least one event' };
}
