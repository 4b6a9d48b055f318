/**
 * Pieces the WebHook code and the generic entity store share: request bodies, routes, Nexudus's answer
 * envelopes and value checks.
 */

import { type PagedResult, QueryError } from './search';

export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export type ParsedBody =
	| { kind: 'empty' }
	| { kind: 'json'; value: unknown }
	| { kind: 'form'; value: Record<string, string> }
	| { kind: 'other'; text: string; contentType: string };

export interface RouteContext {
	id: string | undefined;
	query: Record<string, string>;
	body: ParsedBody;
}

export interface Route {
	method: string;
	pattern: RegExp;
	/** The role the user needs; a function when it depends on the query (batch get needs `-Read`). */
	role: string | ((query: Record<string, string>) => string);
	handle: (context: RouteContext) => Reply;
}

export interface ValidationError {
	AttemptedValue: unknown;
	Message: string;
	PropertyName: string;
}

export const REQUIRED = 'is a required field';
export const INVALID_VALUE = 'is not a valid value';

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

/** HTTP 400 with the write envelope: `Message` = "Property: message" lines, `Errors` = one entry per problem. */
export function validationFailed(errors: ValidationError[]): Reply {
	return json(400, {
		Message: errors.map((error) => `${error.PropertyName}: ${error.Message}`).join('\n'),
		Value: null,
		Errors: errors,
		WasSuccessful: false,
	});
}

/** The 200 answer of a successful POST or PUT: only the Id comes back in `Value`. */
export function savedReply(
	entity: string,
	verb: 'created' | 'updated',
	record: { Id: number; UpdatedOn: string; UpdatedBy: string },
): Reply {
	return json(200, {
		Status: 200,
		Message: `${entity} was successfully ${verb}.`,
		Value: { Id: record.Id },
		OpenInDialog: false,
		OpenInWindow: false,
		RedirectURL: null,
		JavaScript: null,
		UpdatedOn: record.UpdatedOn,
		UpdatedBy: record.UpdatedBy,
		Errors: null,
		WasSuccessful: true,
	});
}

export function deletedReply(entity: string, id: number): Reply {
	return json(200, {
		Status: 200,
		Message: `${entity} was successfully deleted.`,
		Value: { Id: id },
		WasSuccessful: true,
		Errors: null,
	});
}

export function notFound(entity: string): Reply {
	return json(404, { Message: `${entity} not found` });
}

/** ISO 8601 at second precision, as Nexudus returns dates: `YYYY-MM-DDTHH:mm:ssZ`. */
export function isoSeconds(ms: number = Date.now()): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** A positive integer id from a path segment, or undefined. */
export function idFromPath(idText: string | undefined): number | undefined {
	return idText !== undefined && /^\d+$/.test(idText) ? Number(idText) : undefined;
}

export function parseBody(contentType: string | undefined, raw: string): ParsedBody {
	if (raw === '') return { kind: 'empty' };
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		return { kind: 'form', value: Object.fromEntries(new URLSearchParams(raw)) };
	}
	if (type.includes('json')) {
		try {
			return { kind: 'json', value: JSON.parse(raw) as unknown };
		} catch {
			// malformed JSON is kept as text; write endpoints answer 400
		}
	}
	return { kind: 'other', text: raw, contentType: type };
}

/** The JSON object a write endpoint needs, or the error reply ASP.NET would give. */
export function jsonObjectOf(
	body: ParsedBody,
): { value: Record<string, unknown> } | { reply: Reply } {
	if (body.kind === 'json' && isPlainObject(body.value)) return { value: body.value };
	if (body.kind === 'other' && !body.contentType.includes('json')) {
		return {
			reply: json(415, {
				Message: `The request entity's media type '${body.contentType}' is not supported for this resource.`,
			}),
		};
	}
	return {
		reply: json(400, {
			Message: 'The request is invalid.',
			Value: null,
			Errors: [],
			WasSuccessful: false,
		}),
	};
}

/** 200 with the list envelope, or 400 naming the malformed filter parameter. */
export function searchReply<T>(run: () => PagedResult<T>): Reply {
	try {
		return json(200, run());
	} catch (error) {
		if (!(error instanceof QueryError))
			return json(500, { Message: `Fake server error: ${String(error)}` });
		return validationFailed([
			{
				AttemptedValue: error.attemptedValue,
				Message: error.reason,
				PropertyName: error.parameter,
			},
		]);
	}
}
