import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-nexudus-hook-signature';

/** Nexudus signs the raw body: uppercase hex of HMAC-SHA256 keyed with the shared secret. */
export function expectedSignature(secret: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex').toUpperCase();
}

export function isValidSignature(secret: string, rawBody: Buffer, received: unknown): boolean {
	if (typeof received !== 'string' || received === '') return false;
	const expected = Buffer.from(expectedSignature(secret, rawBody));
	const given = Buffer.from(received.trim().toUpperCase());
	return given.length === expected.length && timingSafeEqual(given, expected);
}
