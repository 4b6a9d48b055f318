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

/** Uppercase hex HMAC-SHA256 of the raw body, as sent in X-Nexudus-Hook-Signature. */
export function signPayload(secret: string, rawBody: string | Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex').toUpperCase();
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
