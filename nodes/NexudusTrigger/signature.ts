import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-nexudus-hook-signature';

/**
 * Nexudus turns the key and the message into bytes with .NET's ASCIIEncoding, which replaces every
 * character outside ASCII with `?` before the HMAC, while the body itself reaches n8n as UTF-8.
 * Depending on the .NET version, a character outside the Basic Multilingual Plane (an emoji) becomes
 * one `?` (per code point) or two (per UTF-16 unit), so both foldings are accepted.
 */
const HAS_NON_ASCII = /[\u0080-\uFFFF]/;
const ASCII_FOLDINGS: ReadonlyArray<(text: string) => string> = [
	(text) => text.replace(/[\u0080-\u{10FFFF}]/gu, '?'),
	(text) => text.replace(/[\u0080-\uFFFF]/g, '?'),
];

/** Uppercase hex of HMAC-SHA256, as Nexudus sends it. */
function hmacHex(key: string | Buffer, message: string | Buffer): string {
	return createHmac('sha256', key).update(message).digest('hex').toUpperCase();
}

/** Every signature Nexudus may have sent for this body: over the raw bytes, or ASCII-folded. */
export function acceptedSignatures(secret: string, rawBody: Buffer): string[] {
	const signatures = [hmacHex(secret, rawBody)];
	const text = rawBody.toString('utf8');
	if (HAS_NON_ASCII.test(text) || HAS_NON_ASCII.test(secret)) {
		for (const fold of ASCII_FOLDINGS) signatures.push(hmacHex(fold(secret), fold(text)));
	}
	return [...new Set(signatures)];
}

/** Compares in constant time with every accepted signature, without stopping at the first match. */
export function isValidSignature(secret: string, rawBody: Buffer, received: unknown): boolean {
	if (typeof received !== 'string' || received === '') return false;
	const given = Buffer.from(received.trim().toUpperCase());
	let matched = false;
	for (const signature of acceptedSignatures(secret, rawBody)) {
		const expected = Buffer.from(signature);
		const equal = given.length === expected.length && timingSafeEqual(given, expected);
		matched = matched || equal;
	}
	return matched;
}
