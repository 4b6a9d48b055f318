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
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { allEntities } from './catalogue';
import { describeNetworkProblem, normalizeApiUrl } from './connection';
import type { Pacer, Turn, WaitBudget } from './pacing';
import { pacerFor, pause, RateLimitWaitError } from './pacing';
import { monotonicNow } from './clock';

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
	/**
	 * For a write built from a record read just before it (Update): do not send it later than
	 * this many milliseconds after the call, nor again after a throttle answer. It then answers
	 * `STALE_WRITE` unsent, and the caller reads the record again.
	 */
	sendWithinMs?: number;
	/** Return an answer with `WasSuccessful: false` instead of failing (Run Command reads it). */
	acceptUnsuccessful?: boolean;
	/**
	 * Fail rather than answer later than this many ms from now: bounds the waits for a turn,
	 * the retries and each attempt's timeout (the credential's Max Wait still applies too).
	 */
	deadlineMs?: number;
}

/** The answer of a write given up unsent: it would go out too long after the read it was built from. */
export const STALE_WRITE: unique symbol = Symbol('stale write');

/** The envelope of every Nexudus list endpoint. */
interface NexudusPage<T> {
	Records: T[];
	CurrentPage: number;
	TotalItems: number;
	TotalPages: number;
	HasNextPage: boolean;
}

const MAX_PAGE_SIZE = 1000;
/** Return All reads at most this many pages (1,000,000 records): a bound against endless paging. */
export const MAX_PAGES = 1000;
/** Each retry waits what Nexudus asks (within Max Wait): several processes on one account can need many. */
const MAX_THROTTLE_RETRIES = 20;
const MAX_TRANSIENT_RETRIES = 3;
const TRANSIENT_BACKOFF_MS = 300;
/** As n8n's declarative nodes default to. */
const REQUEST_TIMEOUT_MS = 300_000;
/** Used when the credential predates its Max Wait for Rate Limit field. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 120;
/** One day: longer than any wait Nexudus asks for, and well inside what a timer can wait. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 86_400;
/** Added to a wait read from the answer's text, as the live client that met it did. */
export const TEXT_WAIT_MARGIN_MS = 250;

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
		// Requests to one API URL take turns: a stuck one must not hold the turn for ever.
		timeout: REQUEST_TIMEOUT_MS,
	};
	const pacer = pacerFor(apiUrl);
	const write = request.method !== 'GET';
	let maxWaitSeconds: number;
	try {
		maxWaitSeconds = maxRateLimitWaitSeconds(credentials.maxRateLimitWait);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			itemIndex: request.itemIndex,
			description: `Set it in the Nexudus API credential to a number of seconds from 0 to ${MAX_RATE_LIMIT_WAIT_SECONDS}.`,
		});
	}
	const budget: WaitBudget = {
		maxWaitMs: maxWaitSeconds * 1000,
		signal: executionCancelSignal(this),
	};
	const deadline = request.deadlineMs === undefined ? undefined : monotonicNow() + request.deadlineMs;
	const remainingMs = () =>
		deadline === undefined ? Infinity : Math.max(0, deadline - monotonicNow());

	let throttleRetries = 0;
	let transientRetries = 0;
	let refreshToken = false;
	const asked = monotonicNow();
	for (;;) {
		let failure: RequestFailure;
		budget.maxWaitMs = Math.min(maxWaitSeconds * 1000, remainingMs());
		const turn = await takeTurn(this, pacer, write, budget, request.itemIndex);
		if (request.sendWithinMs !== undefined && monotonicNow() - asked > request.sendWithinMs) {
			turn.done(false);
			return STALE_WRITE;
		}
		options.timeout = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, remainingMs()));
		try {
			const answer = await send(this, options, refreshToken);
			if (answer.statusCode >= 400) {
				failure = readAnswer(answer);
			} else if (isUnsuccessfulAnswer(answer.body) && !request.acceptUnsuccessful) {
				failure = { status: 200, data: answer.body };
			} else {
				return answer.body;
			}
		} catch (error) {
			failure = readFailure(error);
		} finally {
			turn.done();
		}

		const throttleWait = throttleWaitOf(failure);
		if (throttleWait !== null && throttleRetries < MAX_THROTTLE_RETRIES) {
			throttleRetries++;
			// The next turn (this request's retry, or anyone's) waits; takeTurn checks the budget.
			pacer.holdAfterThrottle(write, throttleWait, failure.status);
			if (request.sendWithinMs !== undefined) return STALE_WRITE;
			continue;
		}
		if (failure.status === 401 && failure.answered && !refreshToken) {
			// n8n 1.x handed the 401 back (see send): this time n8n refreshes the token itself.
			refreshToken = true;
			continue;
		}
		const backoffMs = TRANSIENT_BACKOFF_MS * 2 ** transientRetries;
		if (
			request.method === 'GET' &&
			isTransient(failure) &&
			transientRetries < MAX_TRANSIENT_RETRIES &&
			backoffMs < remainingMs()
		) {
			transientRetries++;
			await waitOrFail(this, pause(backoffMs, budget.signal), request.itemIndex);
			continue;
		}
		if (failure.status === 404 && request.allowNotFound) return undefined;
		throw toNodeApiError(this, failure, { ...request, apiUrl, throttleRetries });
	}
}

/**
 * The credential's Max Wait for Rate Limit in seconds; the default when absent or not a number ≥ 0
 * (a credential saved before the field). Above MAX_RATE_LIMIT_WAIT_SECONDS it is an error: a
 * timer cannot wait that long (Node fires a timer of more than about 24.8 days at once).
 */
export function maxRateLimitWaitSeconds(value: unknown): number {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
		return DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS;
	}
	if (seconds > MAX_RATE_LIMIT_WAIT_SECONDS) {
		throw new RangeError(
			`"Max Wait for Rate Limit (Seconds)" is ${seconds}: the most it can be is ${MAX_RATE_LIMIT_WAIT_SECONDS} (one day)`,
		);
	}
	return seconds;
}

/**
 * What a request hands n8n: every answer comes back with its status, headers and body, because
 * n8n 1.x keeps neither the headers nor a text body of an answer it turns into an error (so
 * neither a Retry-After nor a 429's "wait N seconds" would reach the node). A 401 is the
 * exception: n8n must see it as an error to fetch a new token and send the request again. n8n
 * 2.x honours `except`; n8n 1.x ignores it and hands the 401 back, and then the retry goes with
 * `refreshToken`, where n8n treats every error status as an error and refreshes the token on 401.
 */
async function send(
	context: NexudusContext,
	options: IHttpRequestOptions,
	refreshToken: boolean,
): Promise<FullAnswer> {
	const answer = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_NAME,
		refreshToken
			? options
			: {
					...options,
					returnFullResponse: true,
					ignoreHttpStatusErrors: { ignore: true, except: [401] },
				},
	)) as unknown;
	return refreshToken ? { statusCode: 200, headers: {}, body: answer } : (answer as FullAnswer);
}

interface FullAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** n8n's cancel signal for a running execution; hooks and editor look-ups have none. */
function executionCancelSignal(context: NexudusContext): AbortSignal | undefined {
	const getSignal = (context as Partial<IExecuteFunctions>).getExecutionCancelSignal;
	return typeof getSignal === 'function' ? getSignal.call(context) : undefined;
}

async function takeTurn(
	context: NexudusContext,
	pacer: Pacer,
	write: boolean,
	budget: WaitBudget,
	itemIndex: number | undefined,
): Promise<Turn> {
	return await waitOrFail(context, pacer.take(write, budget), itemIndex);
}

/** Turns a refused or cancelled wait into an error that names it. */
async function waitOrFail<T>(
	context: NexudusContext,
	wait: Promise<T>,
	itemIndex: number | undefined,
): Promise<T> {
	try {
		return await wait;
	} catch (error) {
		if (error instanceof RateLimitWaitError) {
			throw new NodeOperationError(context.getNode(), `Nexudus rate limit: ${error.message}`, {
				itemIndex,
				description:
					'Raise "Max Wait for Rate Limit (Seconds)" in the Nexudus API credential, or send fewer requests at once (e.g. Loop Over Items with a Wait node).',
			});
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/**
 * Reads a list endpoint page by page with the largest page Nexudus serves.
 * With a limit, it asks for no more pages than the limit needs. It stops at the last page
 * Nexudus announced (TotalPages) whatever HasNextPage says, and fails at MAX_PAGES.
 */
export async function nexudusApiRequestAllItems(
	this: NexudusContext,
	request: Omit<NexudusRequest, 'method' | 'body'>,
	limit?: number,
): Promise<IDataObject[]> {
	const size = limit === undefined ? MAX_PAGE_SIZE : Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
	const records: IDataObject[] = [];
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES) {
			throw new NodeOperationError(
				this.getNode(),
				`Nexudus kept announcing more pages after ${MAX_PAGES} pages of ${size} records`,
				{
					itemIndex: request.itemIndex,
					description: `Return All reads at most ${MAX_PAGES} pages. Add filters to read fewer records, or use a Limit.`,
				},
			);
		}
		const answer = (await nexudusApiRequest.call(this, {
			...request,
			method: 'GET',
			qs: { ...request.qs, page, size },
		})) as NexudusPage<IDataObject>;
		const pageRecords = answer.Records ?? [];
		records.push(...pageRecords);
		const enough = limit !== undefined && records.length >= limit;
		const lastPage = typeof answer.TotalPages === 'number' && page >= answer.TotalPages;
		if (enough || lastPage || !answer.HasNextPage || pageRecords.length === 0) break;
	}
	return limit === undefined ? records : records.slice(0, limit);
}

interface RequestFailure {
	status?: number;
	data?: unknown;
	retryAfterMs?: number;
	/** Came back as an answer (not as n8n's error). */
	answered?: boolean;
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

/** An answer n8n handed back whole (see send). */
function readAnswer(answer: FullAnswer): RequestFailure {
	const headers = Object.fromEntries(
		Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	return {
		status: answer.statusCode,
		data: answer.body,
		retryAfterMs: parseRetryAfter(headers['retry-after']),
		answered: true,
	};
}

/**
 * Whether Nexudus throttled the request, and how long it asked to wait: null when the failure
 * is not throttling; the milliseconds from Retry-After or, failing that, from the answer's
 * text ("wait N seconds", plus TEXT_WAIT_MARGIN_MS); undefined when Nexudus gave no wait.
 * Nexudus throttles with 409 (its documented answer) or 429 (seen by a live client in 2026).
 */
export function throttleWaitOf(failure: RequestFailure): number | undefined | null {
	if (failure.status !== 409 && failure.status !== 429) return null;
	if (failure.retryAfterMs !== undefined) return failure.retryAfterMs;
	const text = typeof failure.data === 'string' ? failure.data : messageOf(failure.data);
	const said = /\bwait\s+(\d+(?:\.\d+)?)\s*(?:seconds?|secs?|s)\b/i.exec(text ?? '');
	return said ? Number(said[1]) * 1000 + TEXT_WAIT_MARGIN_MS : undefined;
}

export function parseRetryAfter(header: unknown): number | undefined {
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const seconds = Number(header);
	const milliseconds = Number.isFinite(seconds)
		? seconds * 1000
		: new Date(String(header)).getTime() - Date.now();
	if (!Number.isFinite(milliseconds)) return undefined;
	return Math.max(milliseconds, 0);
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
			description:
				"Check the Nexudus API credential's API URL, email and password, and for a Nexudus user with two-factor authentication its Authenticator Secret.",
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
					'Check the email and password of the Nexudus API credential. In Nexudus, the user needs "API access" switched on and the roles of the record types the workflow uses.',
			};
		case 403:
			return {
				message: `Nexudus denied access (403): ${messageOf(failure.data) ?? 'the user lacks a required role'}`,
				description: `Give the Nexudus user the role Nexudus names${rolesHint(request.path)}, or make it a full administrator.`,
			};
		case 404:
			return { message: `Nexudus found nothing at ${request.path}` };
		case 409:
		case 429:
			return {
				message: `Nexudus rate limit reached: still throttled after ${request.throttleRetries} retries (HTTP ${failure.status})`,
				description:
					'Nexudus allows 1 request per 100 ms, 120 requests a minute, 60 changes a minute and 5,000 requests an hour, and caps a day at 5,000 changes and 200,000 requests. Another client on the same Nexudus account shares these limits. Process fewer items at once (e.g. with Loop Over Items and a Wait node) and run again, or later when a daily cap was reached.',
			};
		default:
			return {
				message: `Nexudus answered HTTP ${failure.status}${messageOf(failure.data) ? `: ${messageOf(failure.data)}` : ''}`,
			};
	}
}

/** ` (Booking-List, Booking-Read, …)` for a path of a catalogued record type. */
function rolesHint(path: string): string {
	const entity = allEntities().find(
		(candidate) => path === candidate.path || path.startsWith(`${candidate.path}/`),
	);
	if (!entity) return '';
	const roles = ['List', 'Read', 'Create', 'Edit', 'Delete'].map(
		(verb) => `${entity.entity}-${verb}`,
	);
	return ` (the roles of ${entity.entity} records are ${roles.join(', ')})`;
}
