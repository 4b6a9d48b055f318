import { createHmac } from 'crypto';

/**
 * Time-based one-time passwords (RFC 6238) for Nexudus users with two-factor authentication:
 * HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch, the defaults of authenticator apps
 * and of the code Nexudus's token endpoint takes as `totp`.
 */

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** RFC 4226 wants at least 128 bits; authenticator apps commonly show 80-bit (16-letter) keys. */
const MIN_SECRET_LETTERS = 16;

/** A secret that cannot be used; its message never holds the secret. */
export class AuthenticatorSecretError extends Error {
	name = 'AuthenticatorSecretError';
}

/**
 * The key an authenticator app was set up with: the base32 text shown next to the QR code
 * (spaces, hyphens, `=` padding and letter case do not matter), or the `otpauth://` link the QR
 * code holds.
 */
export function parseAuthenticatorSecret(text: string): Buffer {
	let secret = text.trim();
	if (/^otpauth:\/\//i.test(secret)) {
		const fromLink = /[?&]secret=([^&#]*)/i.exec(secret)?.[1];
		if (!fromLink) {
			throw new AuthenticatorSecretError('the otpauth:// link holds no secret= parameter');
		}
		secret = decodeURIComponent(fromLink);
	}
	const letters = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
	if (!/^[A-Z2-7]*$/.test(letters)) {
		throw new AuthenticatorSecretError(
			'it is not a base32 key: only the letters A to Z and the digits 2 to 7 may appear',
		);
	}
	if (letters.length < MIN_SECRET_LETTERS) {
		throw new AuthenticatorSecretError(
			`it is ${letters.length} characters long; an authenticator key has at least ${MIN_SECRET_LETTERS} (it is not the 6-digit code)`,
		);
	}
	return decodeBase32(letters);
}

/** RFC 4648 base32 (upper case, no padding) to bytes; trailing bits that make no whole byte are dropped. */
export function decodeBase32(letters: string): Buffer {
	const bytes: number[] = [];
	let bits = 0;
	let value = 0;
	for (const letter of letters) {
		// Only the bits not yet emitted (at most 12) are kept.
		value = ((value << 5) | BASE32_ALPHABET.indexOf(letter)) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			bytes.push((value >>> bits) & 0xff);
		}
	}
	return Buffer.from(bytes);
}

/** The code for the step holding `timeMs` (ms since the epoch), as RFC 6238 computes it. */
export function totpCode(
	key: Buffer,
	timeMs: number,
	{ digits = TOTP_DIGITS, stepSeconds = TOTP_STEP_SECONDS } = {},
): string {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / stepSeconds)));
	const mac = createHmac('sha1', key).update(counter).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const binary = mac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, '0');
}
