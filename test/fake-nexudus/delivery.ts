/** Outgoing webhook deliveries, the way Nexudus POSTs them: a JSON array of records, optionally HMAC-signed. */
import { createHmac } from 'crypto';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server
import * as http from 'http';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server
import * as https from 'https';

export const SIGNATURE_HEADER = 'X-Nexudus-Hook-Signature';
export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export interface DeliveryResult {
	webHookId: number;
	url: string;
	/** HTTP status of the receiver's answer, 0 on a network error or timeout. */
	status: number;
	/** The receiver's answer (truncated to 64 KiB); empty on a network error. */
	body: string;
	/** Set on a network error or timeout. */
	error?: string;
}

/**
 * What .NET's ASCIIEncoding makes of a string: every character outside ASCII becomes `?` (one per
 * code point, as .NET (Core) does; `perUtf16Unit` gives one per UTF-16 unit, so an emoji is `??`).
 */
export function foldToAscii(text: string, perUtf16Unit = false): string {
	return text.replace(perUtf16Unit ? /[\u0080-\uFFFF]/g : /[\u0080-\u{10FFFF}]/gu, '?');
}

/**
 * X-Nexudus-Hook-Signature as Nexudus computes it: uppercase hex HMAC-SHA256 with key and message
 * ASCII-encoded first, so it differs from the HMAC of the UTF-8 body as soon as either has an
 * accent, a symbol or an emoji.
 */
export function signPayload(secret: string, body: string, perUtf16Unit = false): string {
	return createHmac('sha256', foldToAscii(secret, perUtf16Unit))
		.update(foldToAscii(body, perUtf16Unit))
		.digest('hex')
		.toUpperCase();
}

/** The body Nexudus sends: always a JSON array of records. */
export function deliveryPayload(records: object[] | object): string {
	return JSON.stringify(Array.isArray(records) ? records : [records]);
}

/** POSTs `payload` to `url`; never rejects (network failures come back as status 0). */
export function postDelivery(
	url: string,
	payload: string,
	secret: string | undefined,
	timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<Omit<DeliveryResult, 'webHookId' | 'url'>> {
	const headers: Record<string, string | number> = {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(payload),
		'User-Agent': 'Nexudus-WebHooks (fake)',
	};
	if (secret) headers[SIGNATURE_HEADER] = signPayload(secret, payload);

	return new Promise((resolve) => {
		const fail = (error: Error) => resolve({ status: 0, body: '', error: error.message });
		const onResponse = (response: http.IncomingMessage) => {
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
				size += chunk.length;
			});
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'),
				}),
			);
			response.on('error', fail);
		};
		let request: http.ClientRequest;
		try {
			const target = new URL(url);
			const client = target.protocol === 'https:' ? https : http;
			request = client.request(target, { method: 'POST', headers }, onResponse);
		} catch (error) {
			// invalid URL or unsupported protocol
			fail(error as Error);
			return;
		}
		request.setTimeout(timeoutMs, () =>
			request.destroy(new Error(`timed out after ${timeoutMs} ms`)),
		);
		request.on('error', fail);
		request.end(payload);
	});
}
