import type { IDataObject } from 'n8n-workflow';

import type { CatalogueEntity } from '../../shared/catalogue';
import { enumValues } from '../../shared/catalogue';

/**
 * What Update sends back to Nexudus and what it checks afterwards. A PUT replaces the whole
 * record, so the node sends the record it read with the user's changes, except:
 * - action flags (`ChargeNow`, `InvoiceNow`, `WhichBookingsToUpdate`, `Send…Notification`…): they
 *   ask Nexudus to do something now, so what was read never goes back: unless the user sets one,
 *   a yes/no goes as false, an enum as its lowest value ("Update This Booking Only") or, when
 *   Nexudus holds none, as the null it holds (what live clients send back), anything else not at all;
 * - the twin of a changed date (`FromTimeLocal` beside a changed `FromTime`, `InvoiceDateLocal`,
 *   `…Utc`): the old twin would contradict the new value.
 * Inline child lists the user does not set go back as read, each item with its Id, so Nexudus
 * keeps them (an item without Id would be a new one).
 */

const ACTION_FIELD =
	/^(ChargeNow|InvoiceNow|WhichBookingsToUpdate|InvoiceThisCoworker|CreateZoomWebinarInvite|Send\w*(Notification|ByEmail))$/;

export function isActionField(name: string): boolean {
	return ACTION_FIELD.test(name);
}

/** `FromTime` -> `FromTimeLocal`, `FromTimeUtc` (and back): the twins the record carries. */
export function twinsOf(name: string, record: IDataObject): string[] {
	const base = name.replace(/(Local|Utc)$/, '');
	return [base, `${base}Local`, `${base}Utc`].filter(
		(candidate) => candidate !== name && candidate in record,
	);
}

/** `AddedTeams` -> `Teams`: the list a companion edits. */
const companionList = (name: string) => /^(Added|Removed)(.+)$/.exec(name)?.[2];

export function putBody(
	entity: CatalogueEntity,
	record: IDataObject,
	changes: IDataObject,
	id: number,
): IDataObject {
	const body: IDataObject = { ...record };
	for (const name of Object.keys(body)) {
		if (!isActionField(name) || name in changes) continue;
		const names = enumValues(entity, name);
		if (typeof body[name] === 'boolean') body[name] = false;
		else if (names && body[name] !== null) body[name] = Math.min(...Object.keys(names).map(Number));
		else delete body[name];
	}
	for (const name of Object.keys(changes)) {
		for (const twin of twinsOf(name, record)) if (!(twin in changes)) delete body[twin];
	}
	return { ...body, ...changes, Id: id };
}

// ----- comparing values as Nexudus gives them back -----

const DATE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** `2025-01-31T09:30:00Z`, `2025-01-31 09:30:00.000` -> `2025-01-31T09:30:00`. */
const dateDigits = (text: string) =>
	text
		.replace(' ', 'T')
		.replace(/(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i, '')
		.padEnd(19, ':00')
		.slice(0, 19);

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Whether Nexudus holds what was sent: dates to the second, lists in any order, child items without their Ids. */
export function holds(sent: unknown, held: unknown): boolean {
	if (isBlank(sent) || (Array.isArray(sent) && sent.length === 0)) {
		return isBlank(held) || (Array.isArray(held) && held.length === 0);
	}
	if (Array.isArray(sent)) {
		if (!Array.isArray(held) || held.length !== sent.length) return false;
		const rest = [...held];
		return sent.every((item) => {
			const index = rest.findIndex((candidate) => holds(item, candidate));
			if (index < 0) return false;
			rest.splice(index, 1);
			return true;
		});
	}
	if (typeof sent === 'number' && held !== null && typeof held === 'object' && 'Id' in held) {
		// A list of IDs that Nexudus gives back as records.
		return (held as IDataObject).Id === sent;
	}
	if (typeof sent === 'object') {
		if (held === null || typeof held !== 'object') return false;
		return Object.entries(sent as IDataObject).every(([key, value]) =>
			holds(value, (held as IDataObject)[key]),
		);
	}
	if (typeof sent === 'string' && typeof held === 'string' && DATE.test(sent) && DATE.test(held)) {
		return dateDigits(sent) === dateDigits(held);
	}
	if (typeof sent === 'number' && typeof held === 'number') return Math.abs(sent - held) < 1e-9;
	if (typeof sent === 'string' && typeof held === 'string') {
		// Line endings and surrounding blanks are Nexudus's to normalise.
		const plain = (text: string) => text.replace(/\r\n/g, '\n').trim();
		return plain(sent) === plain(held);
	}
	// An untyped child property sent as text (`"2"`) that Nexudus holds typed (2, true).
	if (typeof sent === 'string' && (typeof held === 'number' || typeof held === 'boolean')) {
		return sent.trim().toLowerCase() === String(held).toLowerCase();
	}
	return sent === held;
}

/** Two values as read: the same record state. */
export function sameAsRead(a: unknown, b: unknown): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Fields the user set that Nexudus does not hold after the update. */
export function notTaken(changes: IDataObject, after: IDataObject): string[] {
	return Object.entries(changes)
		.filter(([name, value]) => {
			const list = companionList(name);
			if (list && Array.isArray(after[list])) {
				const held = after[list] as unknown[];
				const ids = Array.isArray(value) ? value : [];
				return name.startsWith('Added')
					? !ids.every((id) => held.includes(id))
					: ids.some((id) => held.includes(id));
			}
			return !holds(value, after[name]);
		})
		.map(([name]) => name);
}

/** What Nexudus changes on every write: not worth a warning. */
const BOOKKEEPING = new Set(['UpdatedOn', 'UpdatedBy', 'ToStringText', 'LocalizationDetails']);

/**
 * Properties the user did not set that changed anyway (a child list's count, the twin of an
 * unchanged field, a flag Nexudus resets). Expected ones are left out: bookkeeping, action flags
 * (reset on purpose), the twins of changed fields, the list a companion edits, and what is read
 * through a changed `…Id` (`ResourceName` beside `ResourceId`).
 */
export function unrequestedChanges(
	changes: IDataObject,
	before: IDataObject,
	after: IDataObject,
): string[] {
	const expected = new Set<string>(BOOKKEEPING);
	for (const name of Object.keys(changes)) {
		expected.add(name);
		for (const twin of twinsOf(name, after)) expected.add(twin);
		const list = companionList(name);
		if (list) expected.add(list);
	}
	const navigations = Object.keys(changes)
		.filter((name) => /.Id$/.test(name))
		.map((name) => name.slice(0, -2));
	return Object.keys(after).filter(
		(name) =>
			!expected.has(name) &&
			!isActionField(name) &&
			!navigations.some((base) => name.startsWith(base)) &&
			!sameAsRead(before[name], after[name]),
	);
}
