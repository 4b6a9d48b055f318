import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NexudusEvent } from '../shared/events';
import { findEvent } from '../shared/events';

export type ParsedDelivery = { records: IDataObject[] } | { problem: string };

/** Nexudus POSTs a JSON array of the affected records (sometimes a single object). */
export function parseDelivery(rawBody: Buffer | undefined, parsedBody: unknown): ParsedDelivery {
	let body = parsedBody;
	if (rawBody !== undefined) {
		const text = rawBody.toString('utf8').trim();
		if (text === '') return { problem: 'The body is empty: Nexudus sends a JSON array of records' };
		try {
			body = JSON.parse(text);
		} catch {
			return { problem: 'The body is not JSON: Nexudus sends a JSON array of records' };
		}
	}
	const records = Array.isArray(body) ? body : [body];
	if (records.length === 0) return { problem: 'The body holds no records' };
	if (
		!records.every(
			(record) => typeof record === 'object' && record !== null && !Array.isArray(record),
		)
	) {
		return { problem: 'Every record in the body must be a JSON object' };
	}
	return { records: records as IDataObject[] };
}

/**
 * The event a delivery is for, from its `?action=` (each record has its own URL), or why it is
 * ignored: the parameter missing, given twice, not a known event, or an event not chosen.
 */
export function deliveredEvent(
	actionParameter: unknown,
	chosenActions: number[],
): { event: NexudusEvent } | { ignored: string } {
	if (actionParameter === undefined || actionParameter === '') {
		return { ignored: 'the URL has no ?action= naming the event' };
	}
	if (typeof actionParameter !== 'string') {
		return { ignored: 'the URL gives ?action= more than once' };
	}
	const event = /^[0-9]+$/.test(actionParameter) ? findEvent(Number(actionParameter)) : undefined;
	if (!event) return { ignored: `?action=${actionParameter} is not a Nexudus event` };
	if (!chosenActions.includes(event.value)) {
		return { ignored: `${event.name} is not chosen in this trigger` };
	}
	return { event };
}

/**
 * The location a delivery is for, from its `&location=`, or why it is ignored. One Location
 * (records at `?action=N`): no location is named, and one that names another location is not
 * this trigger's record. Several Locations: it must be one of those chosen. All Locations: any
 * location registered at activation (only those records deliver here).
 */
export function deliveredLocation(
	locationParameter: unknown,
	listensTo: { one: number } | { several: number[] } | 'all',
): { locationId?: number } | { ignored: string } {
	if (locationParameter === undefined || locationParameter === '') {
		return typeof listensTo === 'object' && 'one' in listensTo
			? {}
			: { ignored: 'the URL has no &location= naming the location' };
	}
	if (typeof locationParameter !== 'string') {
		return { ignored: 'the URL gives &location= more than once' };
	}
	if (!/^[0-9]+$/.test(locationParameter)) {
		return { ignored: `&location=${locationParameter} is not a location ID` };
	}
	const locationId = Number(locationParameter);
	const chosen =
		listensTo === 'all'
			? true
			: 'one' in listensTo
				? listensTo.one === locationId
				: listensTo.several.includes(locationId);
	return chosen
		? { locationId }
		: { ignored: `location ${locationId} is not chosen in this trigger` };
}

/**
 * One item: the record as sent, plus which event it came from so a workflow can branch on it.
 * Built here rather than by returnJsonArray, which would take a record's own `json`, `binary` or
 * `pairedItem` keys for n8n's item structure: whatever the body holds stays data under `json`.
 */
export function toItem(
	record: IDataObject,
	event: NexudusEvent,
	extra: IDataObject = {},
): INodeExecutionData {
	return {
		json: {
			...record,
			event: event.name,
			eventAction: event.value,
			eventType: event.apiName,
			...extra,
		},
	};
}
