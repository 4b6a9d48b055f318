import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NexudusContext } from './transport';
import { nexudusApiRequest, nexudusApiRequestAllItems } from './transport';

/** A WebHook record as Nexudus returns it (list rows lack Description). */
export interface WebHookRecord extends IDataObject {
	Id: number;
	BusinessId: number;
	Name: string;
	Action: number;
	Description?: string | null;
	URL: string;
	Active: boolean;
	ErrorCount?: number;
	LastError?: string | null;
	LastTrigger?: string | null;
}

/** The fields a create or a full-record update sends. */
export interface WebHookFields extends IDataObject {
	BusinessId: number;
	Name: string;
	Action: number;
	URL: string;
	Description?: string | null;
	Active?: boolean;
}

const ENDPOINT = '/api/sys/webhooks';

/** Names the event in the URL of a Nexudus Trigger's record: `?action=N`. */
export const ACTION_QUERY_PARAMETER = 'action';
/** Names the location in the URL of a record of Several or All Locations: `?action=N&location=ID`. */
export const LOCATION_QUERY_PARAMETER = 'location';
/**
 * Ends the URL of an All Locations record: the record says its trigger listens to every
 * location, so a health check can name the locations added since the trigger's activation.
 */
export const ALL_LOCATIONS_QUERY = '&locations=all';

/** `?action=N` (one location), `…&location=ID` (several) or `…&location=ID&locations=all` (all). */
const RECORD_QUERY = `\\?${ACTION_QUERY_PARAMETER}=([0-9]+)(?:&${LOCATION_QUERY_PARAMETER}=([0-9]+)(${ALL_LOCATIONS_QUERY})?)?$`;

/** The query of a record the Nexudus Trigger keeps. */
export const TRIGGER_RECORD_QUERY = new RegExp(`^${RECORD_QUERY}`);

/** The URL of a record the Nexudus Trigger keeps: `<n8n>/webhook/<webhookId>/webhook` + query. */
const TRIGGER_RECORD_URL = new RegExp(`/[^/?#]+/webhook${RECORD_QUERY}`);

export function isTriggerRecordUrl(url: unknown): boolean {
	return typeof url === 'string' && TRIGGER_RECORD_URL.test(url);
}

interface WriteAnswer {
	Value?: { Id?: number };
}

/** The record, or undefined when Nexudus has no WebHook with that Id. */
export async function findWebHook(
	this: NexudusContext,
	id: number,
	itemIndex?: number,
): Promise<WebHookRecord | undefined> {
	return (await nexudusApiRequest.call(this, {
		method: 'GET',
		path: `${ENDPOINT}/${id}`,
		itemIndex,
		allowNotFound: true,
	})) as WebHookRecord | undefined;
}

export async function createWebHook(
	this: NexudusContext,
	fields: WebHookFields,
	itemIndex?: number,
): Promise<number> {
	const answer = (await nexudusApiRequest.call(this, {
		method: 'POST',
		path: ENDPOINT,
		body: fields,
		itemIndex,
	})) as WriteAnswer;
	const id = Number(answer?.Value?.Id);
	if (!Number.isInteger(id) || id <= 0) {
		throw new NodeApiError(this.getNode(), (answer ?? {}) as JsonObject, {
			message: 'Nexudus did not return the Id of the new WebHook',
			itemIndex,
		});
	}
	return id;
}

/**
 * Changes some fields and keeps the rest. Nexudus replaces the whole record on PUT, and list
 * rows lack Description, so the full record is read first and sent back whole, every field
 * (SystemId, custom fields…) included. `changes` may be worked out from the record read.
 * Answers the record as sent, or undefined when Nexudus has no WebHook with that Id.
 */
export async function updateWebHook(
	this: NexudusContext,
	id: number,
	changes: Partial<WebHookFields> | ((current: WebHookRecord) => Partial<WebHookFields>),
	itemIndex?: number,
): Promise<WebHookRecord | undefined> {
	const current = await findWebHook.call(this, id, itemIndex);
	if (!current) return undefined;
	const changed = typeof changes === 'function' ? changes(current) : changes;
	const merged = { ...current, ...changed };
	const unchanged = (Object.keys(changed) as Array<keyof WebHookFields>).every(
		(key) => current[key] === merged[key],
	);
	if (unchanged) return current;
	const body: IDataObject = { ...merged, Id: id };
	await nexudusApiRequest.call(this, { method: 'PUT', path: ENDPOINT, body, itemIndex });
	return body as WebHookRecord;
}

/** True when deleted, false when it was already gone. */
export async function deleteWebHook(
	this: NexudusContext,
	id: number,
	itemIndex?: number,
): Promise<boolean> {
	const answer = await nexudusApiRequest.call(this, {
		method: 'DELETE',
		path: `${ENDPOINT}/${id}`,
		itemIndex,
		allowNotFound: true,
	});
	return answer !== undefined;
}

/** Query parameters use the documented names: `WebHook_URL`, `from_WebHook_CreatedOn`, `orderBy`… */
export async function searchWebHooks(
	this: NexudusContext,
	query: IDataObject,
	limit?: number,
	itemIndex?: number,
): Promise<WebHookRecord[]> {
	return (await nexudusApiRequestAllItems.call(
		this,
		{ path: ENDPOINT, qs: query, itemIndex },
		limit,
	)) as WebHookRecord[];
}
