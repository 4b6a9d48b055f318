import {
	AuthenticatorSecretError,
	decodeBase32,
	parseAuthenticatorSecret,
	totpCode,
} from '../../nodes/shared/totp';

/** RFC 6238 appendix B: the SHA-1 key is the ASCII text "12345678901234567890". */
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_BASE32_TEXT = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totpCode (RFC 6238, SHA-1)', () => {
	test.each([
		[59, '94287082'],
		[1111111109, '07081804'],
		[1111111111, '14050471'],
		[1234567890, '89005924'],
		[2000000000, '69279037'],
		[20000000000, '65353130'],
	])('at %i s: %s with 8 digits, its last 6 with the default 6', (seconds, code) => {
		expect(totpCode(RFC_KEY, seconds * 1000, { digits: 8 })).toBe(code);
		expect(totpCode(RFC_KEY, seconds * 1000)).toBe(code.slice(2));
	});

	test('a code holds for its 30-second step and changes with the next', () => {
		expect(totpCode(RFC_KEY, 30_000)).toBe(totpCode(RFC_KEY, 59_999));
		expect(totpCode(RFC_KEY, 60_000)).not.toBe(totpCode(RFC_KEY, 59_999));
	});
});

describe('parseAuthenticatorSecret', () => {
	test('base32 as authenticator apps show it: groups, lower case, padding', () => {
		expect(decodeBase32(RFC_BASE32_TEXT)).toEqual(RFC_KEY);
		expect(parseAuthenticatorSecret(RFC_BASE32_TEXT)).toEqual(RFC_KEY);
		expect(parseAuthenticatorSecret(' gezd gnbv gy3t qojq gezd gnbv gy3t qojq ')).toEqual(RFC_KEY);
		expect(parseAuthenticatorSecret('GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ====')).toEqual(
			RFC_KEY,
		);
	});

	test('the otpauth:// link of the QR code', () => {
		expect(
			parseAuthenticatorSecret(
				`otpauth://totp/Nexudus:admin%40example.com?secret=${RFC_BASE32_TEXT}&issuer=Nexudus`,
			),
		).toEqual(RFC_KEY);
	});

	test.each([
		['123456', /it is not a base32 key/],
		[
			'JBSWY3DP',
			/it is 8 characters long; an authenticator key has at least 16 \(it is not the 6-digit code\)/,
		],
		['GEZDGNBVGY3TQOJQ!EZDGNBV', /it is not a base32 key/],
		['otpauth://totp/Nexudus:me?issuer=Nexudus', /holds no secret= parameter/],
	])('%j is refused, and the message never holds it', (secret, reason) => {
		let caught: unknown;
		try {
			parseAuthenticatorSecret(secret);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(AuthenticatorSecretError);
		expect((caught as Error).message).toMatch(reason);
		expect((caught as Error).message).not.toContain(secret);
	});
});
