import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeNetworkProblem, normalizeApiUrl } from './connection';

/**
 * The only place that talks to the Nexudus API: base URL, token (through the credential),
 * request pacing, retries on throttling and transient failures, paging and error mapping.
 */

export const CREDENTIAL_NAME = 'nexudusApi';

export type NexudusContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface NexudusRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Answer undefined instead of failing when Nexudus has no such record (HTTP 404). */
	allowNotFound?: boolean;
}

/** The envelope of every Nexudus list endpoint. */
interface NexudusPage<T> {
	Records: T[];
	CurrentPage: number;
	TotalItems: number;
	TotalPages: number;
	HasNextPage: boolean;
}

const MAX_PAGE_SIZE = 1000;
// Nexudus allows one request per 100 ms; pacing keeps a Return All from being throttled at all.
const MIN_REQUEST_INTERVAL_MS = 100;
const MAX_THROTTLE_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 65_000;
const MAX_TRANSIENT_RETRIES = 3;
const TRANSIENT_BACKOFF_MS = 300;

const nextRequestSlot = new Map<string, number>();

async function waitForRequestSlot(apiUrl: string) {
	const now = Date.now();
	const slot = Math.max(now, nextRequestSlot.get(apiUrl) ?? 0);
	nextRequestSlot.set(apiUrl, slot + MIN_REQUEST_INTERVAL_MS);
	if (slot > now) await sleep(slot - now);
}

export async function nexudusApiRequest(
	this: NexudusContext,
	request: NexudusRequest,
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const apiUrl = normalizeApiUrl(credentials.apiUrl as string);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${apiUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		headers: { Accept: 'application/json' },
	};

	let throttleRetries = 0;
	let transientRetries = 0;
	for (;;) {
		let failure: RequestFailure;
		try {
			await waitForRequestSlot(apiUrl);
			const answer: unknown = await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				options,
			);
			if (isUnsuccessfulAnswer(answer)) {
				failure = { status: 200, data: answer };
			} else {
				return answer;
			}
		} catch (error) {
			failure = readFailure(error);
		}

		if (failure.status === 409 && throttleRetries < MAX_THROTTLE_RETRIES) {
			throttleRetries++;
			await sleep(failure.retryAfterMs ?? 1000 * throttleRetries);
			continue;
		}
		if (
			request.method === 'GET' &&
			isTransient(failure) &&
			transientRetries < MAX_TRANSIENT_RETRIES
		) {
			transientRetries++;
			await sleep(TRANSIENT_BACKOFF_MS * 2 ** (transientRetries - 1));
			continue;
		}
		if (failure.status === 404 && request.allowNotFound) return undefined;
		throw toNodeApiError(this, failure, { ...request, apiUrl, throttleRetries });
	}
}

/**
 * Reads a list endpoint page by page with the largest page Nexudus serves.
 * With a limit, it asks for no more pages than the limit needs.
 */
export async function nexudusApiRequestAllItems(
	this: NexudusContext,
	request: Omit<NexudusRequest, 'method' | 'body'>,
	limit?: number,
): Promise<IDataObject[]> {
	const size = limit === undefined ? MAX_PAGE_SIZE : Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
	const records: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const answer = (await nexudusApiRequest.call(this, {
			...request,
			method: 'GET',
			qs: { ...request.qs, page, size },
		})) as NexudusPage<IDataObject>;
		const pageRecords = answer.Records ?? [];
		records.push(...pageRecords);
		const enough = limit !== undefined && records.length >= limit;
		if (enough || !answer.HasNextPage || pageRecords.length === 0) break;
	}
	return limit === undefined ? records : records.slice(0, limit);
}

interface RequestFailure {
	status?: number;
	data?: unknown;
	retryAfterMs?: number;
	networkCode?: string;
	/** What the HTTP client said, for failures without an answer (never holds the request). */
	networkDetail?: string;
	loginMessage?: string;
}

export interface HttpErrorLike {
	name?: string;
	message?: string;
	code?: string;
	httpCode?: string | null;
	context?: { data?: unknown };
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	cause?: HttpErrorLike;
}

const LOGIN_FAILED = /^Nexudus login failed: /;

/** Keeps only status, body and Retry-After: the request itself (with its token) is dropped. */
export function readFailure(error: HttpErrorLike): RequestFailure {
	const origin = error.response || !error.cause ? error : error.cause;
	if (origin.name === 'NexudusLoginError' || LOGIN_FAILED.test(error.message ?? '')) {
		return { loginMessage: (LOGIN_FAILED.test(origin.message ?? '') ? origin : error).message };
	}
	const response = origin.response;
	// n8n 1.x hands on neither the response nor its cause: only the status and the body.
	const status = Number(error.httpCode);
	if (!response?.status && Number.isInteger(status) && status >= 400) {
		return { status, data: error.context?.data };
	}
	if (!response?.status) {
		return {
			networkCode: origin.code ?? error.code ?? 'NETWORK_ERROR',
			networkDetail: origin.message,
		};
	}
	return {
		status: response.status,
		data: response.data,
		retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
	};
}

export function parseRetryAfter(header: unknown): number | undefined {
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const seconds = Number(header);
	const milliseconds = Number.isFinite(seconds)
		? seconds * 1000
		: new Date(String(header)).getTime() - Date.now();
	if (!Number.isFinite(milliseconds)) return undefined;
	return Math.min(Math.max(milliseconds, 0), MAX_RETRY_AFTER_MS);
}

function isUnsuccessfulAnswer(answer: unknown): boolean {
	return (
		typeof answer === 'object' && answer !== null && (answer as IDataObject).WasSuccessful === false
	);
}

function isTransient(failure: RequestFailure): boolean {
	return failure.networkCode !== undefined || (failure.status ?? 0) >= 500;
}

interface ValidationError {
	PropertyName?: string;
	Message?: string;
	AttemptedValue?: unknown;
}

/** `Name: is a required field` for each error Nexudus lists. */
function formatValidationErrors(data: unknown): string[] {
	const errors = (data as { Errors?: ValidationError[] } | undefined)?.Errors;
	if (!Array.isArray(errors)) return [];
	return errors.map((error) =>
		error.PropertyName
			? `${error.PropertyName}: ${error.Message ?? 'is invalid'}`
			: `${error.Message}`,
	);
}

function messageOf(data: unknown): string | undefined {
	const message = (data as { Message?: unknown } | undefined)?.Message;
	return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

function toNodeApiError(
	context: NexudusContext,
	failure: RequestFailure,
	request: NexudusRequest & { apiUrl: string; throttleRetries: number },
): NodeApiError {
	const { message, description } = explainFailure(failure, request);
	const safeBody: JsonObject = {
		message,
		...(failure.status ? { httpCode: failure.status } : {}),
		...(failure.data && typeof failure.data === 'object'
			? { response: failure.data as JsonObject }
			: {}),
	};
	return new NodeApiError(context.getNode(), safeBody, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: request.itemIndex,
	});
}

function explainFailure(
	failure: RequestFailure,
	request: NexudusRequest & { apiUrl: string; throttleRetries: number },
): { message: string; description?: string } {
	if (failure.loginMessage) {
		return {
			message: failure.loginMessage,
			description: "Check the Nexudus API credential's API URL, email and password.",
		};
	}
	if (failure.networkCode) {
		return {
			message: `Could not reach Nexudus at ${request.apiUrl}: ${describeNetworkProblem(failure.networkCode)}`,
			description: `Check the credential's API URL and that Nexudus is reachable from n8n.${
				failure.networkDetail ? ` (${failure.networkDetail})` : ''
			}`,
		};
	}
	const validation = formatValidationErrors(failure.data);
	if (failure.status === 400 || failure.status === 200 || validation.length > 0) {
		const problems =
			validation.length > 0 ? validation : [messageOf(failure.data) ?? 'no reason given'];
		return {
			message: `Nexudus rejected the request: ${problems.join('; ')}`,
			description: problems.join('\n'),
		};
	}
	switch (failure.status) {
		case 401:
			return {
				message:
					'Nexudus refused the request (401): the login failed or the user has no API access',
				description:
					'Check the email and password of the Nexudus API credential. In Nexudus, the user needs "API access" switched on and the WebHook roles.',
			};
		case 403:
			return {
				message: `Nexudus denied access (403): ${messageOf(failure.data) ?? 'the user lacks a required role'}`,
				description:
					'Give the Nexudus user the WebHook roles (WebHook-List, WebHook-Read, WebHook-Create, WebHook-Edit, WebHook-Delete) or make it a full administrator.',
			};
		case 404:
			return { message: `Nexudus found nothing at ${request.path}` };
		case 409:
			return {
				message: `Nexudus rate limit reached: still throttled after ${request.throttleRetries} retries (HTTP 409)`,
				description:
					'Nexudus allows 1 request per 100 ms, 120 requests a minute and 60 changes a minute. Process fewer items at once (e.g. with Loop Over Items and a Wait node) and run again.',
			};
		default:
			return {
				message: `Nexudus answered HTTP ${failure.status}${messageOf(failure.data) ? `: ${messageOf(failure.data)}` : ''}`,
			};
	}
}
