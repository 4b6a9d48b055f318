import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { findEntity } from '../shared/catalogue';
import type { NexudusEvent } from '../shared/events';
import { nexudusApiRequest } from '../shared/transport';
import { EVENT_RECORDS } from './eventRecords';

/**
 * Output "Full Record from Nexudus": each delivered record is read again by its Id from the
 * record type its event is about. A delivery carries the record as Nexudus serialised it at that
 * moment, possibly not every field; and without a webhook secret anybody who knows the URL can
 * post one. Reading it back gives the whole record and never passes invented data on as real.
 */

/** Where an output record came from; a workflow can branch on `recordSource`. */
export type RecordSource =
	| 'nexudus'
	| 'delivery: deleted event'
	| 'delivery: not found in Nexudus'
	| 'delivery: no Id'
	| 'delivery: event has no readable record type';

export interface ReadBack {
	record: IDataObject;
	recordSource: RecordSource;
}

/** The catalogue path of the record type an event delivers, when it can be read by Id. */
export function readablePathOf(event: NexudusEvent): string | undefined {
	const entity = EVENT_RECORDS[event.apiName]?.entity;
	const catalogued = entity ? findEntity(entity) : undefined;
	return catalogued?.verbs.includes('get') ? catalogued.path : undefined;
}

function deliveredId(record: IDataObject): number | undefined {
	const id = Number(record.Id);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * Reads each record again. Throttling and transient failures are retried by the transport; a
 * failure that remains is thrown, so the delivery is refused and Nexudus sends it again later.
 */
export async function readFullRecords(
	this: IWebhookFunctions,
	records: IDataObject[],
	event: NexudusEvent,
): Promise<ReadBack[]> {
	const asDelivered = (record: IDataObject, recordSource: RecordSource): ReadBack => ({
		record,
		recordSource,
	});
	if (EVENT_RECORDS[event.apiName]?.deleted) {
		return records.map((record) => asDelivered(record, 'delivery: deleted event'));
	}
	const path = readablePathOf(event);
	if (!path) {
		return records.map((record) =>
			asDelivered(record, 'delivery: event has no readable record type'),
		);
	}

	const results: ReadBack[] = [];
	for (const record of records) {
		const id = deliveredId(record);
		if (id === undefined) {
			results.push(asDelivered(record, 'delivery: no Id'));
			continue;
		}
		const current = await nexudusApiRequest.call(this, {
			method: 'GET',
			path: `${path}/${id}`,
			allowNotFound: true,
		});
		results.push(
			isRecord(current)
				? { record: current, recordSource: 'nexudus' }
				: asDelivered(record, 'delivery: not found in Nexudus'),
		);
	}
	return results;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
