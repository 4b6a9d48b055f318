import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findEntity } from '../shared/catalogue';
import type { NexudusEvent } from '../shared/events';
import { findEvent } from '../shared/events';
import { nexudusApiRequest } from '../shared/transport';
import { EVENT_RECORDS } from './eventRecords';

/**
 * Output "Full Record from Nexudus": each delivered record is read again by its Id from the
 * record type its event is about. A delivery carries the record as Nexudus serialised it at that
 * moment, possibly not every field; and without a webhook secret anybody who knows the URL can
 * post one. Reading it back gives the whole record and never passes invented data on as real.
 *
 * It fails safe. A read Nexudus refuses for good (401, 403, a 404 on the path) would fail again on
 * every retry, so the delivery is answered 200 with the record as delivered and marked. A
 * transient failure (5xx, throttling) is answered 503 within FULL_RECORD_DEADLINE_MS, so Nexudus
 * retries later and no delivery is held open while it does.
 */

/** The longest all reads of one delivery may take before it is answered 503. */
export const FULL_RECORD_DEADLINE_MS = 5_000;
/** Nexudus sends one record per delivery: at most this many are read, the rest are marked. */
export const MAX_RECORDS_READ = 10;

/** Where an output record came from; a workflow can branch on `recordSource`. */
export type RecordSource =
	| 'nexudus'
	| 'delivery: deleted event'
	| 'delivery: not found in Nexudus'
	| 'delivery: no Id'
	| 'delivery: no UniqueId'
	| 'delivery: does not match Nexudus'
	| 'delivery: not readable (401)'
	| 'delivery: not readable (403)'
	| 'delivery: not readable (404)'
	| typeof NOT_READ_OVER_CAP
	| 'delivery: event has no readable record type';

const NOT_READ_OVER_CAP = `delivery: not read (more than ${MAX_RECORDS_READ} records)` as const;

export interface ReadBack {
	record: IDataObject;
	recordSource: RecordSource;
}

/** The catalogue entity an event delivers, when it can be read by Id. */
function readableEntityOf(event: NexudusEvent): { entity: string; path: string } | undefined {
	const entity = EVENT_RECORDS[event.apiName]?.entity;
	const catalogued = entity ? findEntity(entity) : undefined;
	return catalogued?.verbs.includes('get')
		? { entity: catalogued.entity, path: catalogued.path }
		: undefined;
}

/** The catalogue path of the record type an event delivers, when it can be read by Id. */
export function readablePathOf(event: NexudusEvent): string | undefined {
	return readableEntityOf(event)?.path;
}

function deliveredId(record: IDataObject): number | undefined {
	const id = Number(record.Id);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function uniqueIdOf(record: IDataObject): string | undefined {
	const uniqueId = record.UniqueId;
	return typeof uniqueId === 'string' && uniqueId.trim() !== ''
		? uniqueId.trim().toLowerCase()
		: undefined;
}

interface FailureLike {
	httpCode?: string | null;
	errorResponse?: { response?: { Message?: unknown } };
}

/**
 * The status of a failure no retry can mend: 401, 403, or a 404 of the path itself (Nexudus
 * answers "No HTTP resource was found…"). A 404 of the record is not: it says "not found".
 */
function permanentStatus(error: unknown): 401 | 403 | 404 | 'record not found' | undefined {
	const { httpCode, errorResponse } = error as FailureLike;
	if (httpCode === '401') return 401;
	if (httpCode === '403') return 403;
	if (httpCode !== '404') return undefined;
	const message = errorResponse?.response?.Message;
	return typeof message === 'string' && /^No HTTP resource/i.test(message)
		? 404
		: 'record not found';
}

/**
 * Reads each record again. Throttling and transient failures are retried by the transport within
 * the deadline; a failure that remains is thrown, so the delivery is refused (503) and Nexudus
 * sends it again later.
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

	const deadline = performance.now() + FULL_RECORD_DEADLINE_MS;
	const results: ReadBack[] = [];
	for (const [index, record] of records.entries()) {
		const id = deliveredId(record);
		const uniqueId = uniqueIdOf(record);
		if (index >= MAX_RECORDS_READ) {
			results.push(asDelivered(record, NOT_READ_OVER_CAP));
			continue;
		}
		if (id === undefined) {
			results.push(asDelivered(record, 'delivery: no Id'));
			continue;
		}
		if (uniqueId === undefined) {
			results.push(asDelivered(record, 'delivery: no UniqueId'));
			continue;
		}
		let current: unknown;
		try {
			current = await nexudusApiRequest.call(this, {
				method: 'GET',
				path: `${path}/${id}`,
				deadlineMs: Math.max(0, deadline - performance.now()),
			});
		} catch (error) {
			const status = permanentStatus(error);
			// Already a NodeApiError or NodeOperationError from the transport.
			if (status === undefined) throw new NodeOperationError(this.getNode(), error as Error);
			results.push(
				asDelivered(
					record,
					status === 'record not found'
						? 'delivery: not found in Nexudus'
						: `delivery: not readable (${status})`,
				),
			);
			continue;
		}
		if (!isRecord(current)) {
			results.push(asDelivered(record, 'delivery: not found in Nexudus'));
		} else if (uniqueIdOf(current) !== uniqueId) {
			results.push(asDelivered(record, 'delivery: does not match Nexudus'));
		} else {
			results.push({ record: current, recordSource: 'nexudus' });
		}
	}
	return results;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * At activation with Full Record: the Nexudus user must be allowed to read the record type of
 * every chosen event, or every delivery would come out as "not readable". Reads an Id no record
 * has (0): Nexudus checks the role first and answers 403 without it, else 404.
 */
export async function checkReadRoles(this: IHookFunctions, actions: number[]): Promise<void> {
	const checked = new Set<string>();
	for (const action of actions) {
		const event = findEvent(action);
		if (!event || EVENT_RECORDS[event.apiName]?.deleted) continue;
		const readable = readableEntityOf(event);
		if (!readable || checked.has(readable.entity)) continue;
		checked.add(readable.entity);
		try {
			await nexudusApiRequest.call(this, {
				method: 'GET',
				path: `${readable.path}/0`,
				allowNotFound: true,
			});
		} catch (error) {
			const status = permanentStatus(error);
			if (status !== 401 && status !== 403) continue;
			throw new NodeOperationError(
				this.getNode(),
				`Output Full Record From Nexudus: the Nexudus user cannot read ${readable.entity} records, which ${event.name} delivers (${status === 403 ? `403, role ${readable.entity}-Read missing` : '401'})`,
				{
					description: `Give the Nexudus user of the credential the ${readable.entity}-Read role, or set Output to As Delivered.`,
				},
			);
		}
	}
}
