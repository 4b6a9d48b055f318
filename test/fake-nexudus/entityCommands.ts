/**
 * Entity commands (`GET {path}/commands`, `POST {path}/runcommand`). Nexudus documents neither the keys
 * nor the list's shape, so these are the fake's own: one generic command for every entity with
 * commands, plus a few that flip a flag and fail (in-band, HTTP 200) when the flag is already set.
 * COWORKER_PIN_REMINDER is a key seen in third-party code; PAY_COWORKER_INVOICE_MANUAL (parameter
 * 'Payment Method', an ePaymentProvider value) is how real code marks an invoice paid (lintaba/laravel-nexudus).
 */
export type StoredRecord = Record<string, unknown> & { Id: number };

export interface CommandParameter {
	Name: string;
	/** A scalar, or the Nexudus enum type real clients send (`ePaymentProvider`). */
	Type: 'string' | 'int' | 'bool' | 'ePaymentProvider';
	Required: boolean;
}

export interface CommandDefinition {
	Key: string;
	Name: string;
	Parameters: CommandParameter[];
	/** Changes the record, or answers why the command failed for it. */
	run: (record: StoredRecord, parameters: Record<string, unknown>) => string | undefined;
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

const SPECIFIC: Record<string, CommandDefinition[]> = {
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
	CoworkerInvoice: [
		{
			Key: 'PAY_COWORKER_INVOICE_MANUAL',
			Name: 'Mark as paid',
			Parameters: [{ Name: 'Payment Method', Type: 'ePaymentProvider', Required: true }],
			run: (record, parameters) => {
				if (!/^\d+$/.test(String(parameters['Payment Method'])))
					return 'Payment Method is not a payment provider.';
				if (record.Paid === true) return 'The invoice is already paid.';
				record.Paid = true;
				record.PaidOn = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
				return undefined;
			},
		},
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
