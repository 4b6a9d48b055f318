/**
 * Entity commands (`GET {path}/commands`, `POST {path}/runcommand`). Nexudus documents neither the keys
 * nor the list's shape, so these are the fake's own: one generic command for every entity with
 * commands, plus a few that flip a flag and fail (in-band, HTTP 200) when the flag is already set.
 * COWORKER_PIN_REMINDER is a key seen in third-party code; PAY_COWORKER_INVOICE_MANUAL is the one
 * real clients mark an invoice paid with (body `Parameters: [{Name: 'Payment Method', Type:
 * 'ePaymentProvider', Value}]`, lintaba/laravel-nexudus).
 */
import { isoSeconds } from './common';

export type StoredRecord = Record<string, unknown> & { Id: number };

export interface CommandParameter {
	Name: string;
	/** `string`, `int`, `bool`, or a Nexudus enum type such as `ePaymentProvider`. */
	Type: string;
	Required: boolean;
}

export interface CommandDefinition {
	Key: string;
	Name: string;
	Parameters: CommandParameter[];
	/**
	 * Changes the record, or answers why the command failed for it. `types` holds the `Type` each
	 * parameter was sent with.
	 */
	run: (
		record: StoredRecord,
		parameters: Record<string, unknown>,
		types: Record<string, unknown>,
	) => string | undefined;
}

/** What `GET {path}/commands` answers per command. */
export type CommandListing = Omit<CommandDefinition, 'run'>;

function setExternalId(entity: string): CommandDefinition {
	return {
		Key: `${entity.toUpperCase()}_SET_EXTERNAL_ID`,
		Name: 'Set external system id',
		Parameters: [{ Name: 'SystemId', Type: 'string', Required: true }],
		run: (record, parameters) => {
			record.SystemId = String(parameters.SystemId);
			return undefined;
		},
	};
}

/** Sets `property` to `value`; fails for a record where it already has that value. */
function flagCommand(
	Key: string,
	Name: string,
	property: string,
	value: unknown,
	alreadyMessage: string,
): CommandDefinition {
	return {
		Key,
		Name,
		Parameters: [],
		run: (record) => {
			if (record[property] === value) return alreadyMessage;
			record[property] = value;
			return undefined;
		},
	};
}

/** ePaymentProvider values real code sends with PAY_COWORKER_INVOICE_MANUAL (lintaba/laravel-nexudus). */
export const PAYMENT_PROVIDERS: Record<string, string> = {
	'15': 'Credit Card',
	'989': 'Manual (Direct Debit)',
	'991': 'Manual (Credit Card)',
	'992': 'Manual (Credit Card - Terminal 1)',
	'993': 'Manual (Credit Card - Terminal 2)',
	'994': 'Manual (Credit Note)',
	'995': 'Manual (Gift Card)',
	'996': 'Manual (Bank Transfer)',
	'997': 'Manual (Cash)',
	'998': 'Manual (Check)',
	'999': 'Manual (Other Method)',
};

const PAY_MANUAL: CommandDefinition = {
	Key: 'PAY_COWORKER_INVOICE_MANUAL',
	Name: 'Mark as paid (manual payment)',
	Parameters: [{ Name: 'Payment Method', Type: 'ePaymentProvider', Required: true }],
	run: (record, parameters, types) => {
		if (types['Payment Method'] !== 'ePaymentProvider')
			return `Parameter 'Payment Method' must have Type ePaymentProvider (got ${JSON.stringify(types['Payment Method'] ?? null)}).`;
		const method = String(parameters['Payment Method']).trim();
		if (!(method in PAYMENT_PROVIDERS)) return `'${method}' is not a valid ePaymentProvider value.`;
		if (record.Void === true) return 'The invoice is void.';
		if (record.Paid === true) return 'The invoice is already paid.';
		record.Paid = true;
		record.PaidOn = isoSeconds();
		if ('PaidAmount' in record) record.PaidAmount = record.TotalAmount ?? null;
		return undefined;
	},
};

const SPECIFIC: Record<string, CommandDefinition[]> = {
	CoworkerInvoice: [PAY_MANUAL],
	Coworker: [
		{
			Key: 'COWORKER_PIN_REMINDER',
			Name: 'Send access PIN reminder',
			Parameters: [],
			run: (record) =>
				typeof record.AccessPincode === 'string' && record.AccessPincode !== ''
					? undefined
					: 'The customer has no access PIN.',
		},
	],
	Booking: [
		flagCommand(
			'BOOKING_CONFIRM',
			'Confirm tentative booking',
			'Tentative',
			false,
			'The booking is not tentative.',
		),
	],
	Checkin: [
		{
			Key: 'CHECKIN_CHECKOUT',
			Name: 'Check out now',
			Parameters: [],
			run: (record) => {
				if (record.ToTime !== null && record.ToTime !== undefined)
					return 'The customer has already checked out.';
				record.ToTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
				return undefined;
			},
		},
	],
	Visitor: [
		flagCommand(
			'VISITOR_CHECKIN',
			'Mark as arrived',
			'Arrived',
			true,
			'The visitor has already arrived.',
		),
	],
	CoworkerDelivery: [
		flagCommand(
			'DELIVERY_COLLECTED',
			'Mark as collected',
			'Collected',
			true,
			'The delivery has already been collected.',
		),
	],
};

export function commandsFor(entity: string): CommandDefinition[] {
	return [...(SPECIFIC[entity] ?? []), setExternalId(entity)];
}

export function listing(commands: CommandDefinition[]): CommandListing[] {
	return commands.map(({ Key, Name, Parameters }) => ({ Key, Name, Parameters }));
}
