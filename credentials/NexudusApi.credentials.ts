import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { describeNetworkProblem, normalizeApiUrl } from '../nodes/shared/connection';
import { AuthenticatorSecretError, parseAuthenticatorSecret, totpCode } from '../nodes/shared/totp';

export class NexudusApi implements ICredentialType {
	name = 'nexudusApi';

	displayName = 'Nexudus API';

	icon: Icon = { light: 'file:../icons/nexudus.svg', dark: 'file:../icons/nexudus.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-nexudus/n8n-nodes-nexudus#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://spaces.nexudus.com',
			description:
				'Base URL of the Nexudus API. Change it only for a dedicated Nexudus environment.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description:
				'Email of a Nexudus admin user with "API access" switched on and the WebHook roles',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Authenticator Secret',
			name: 'totpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for a Nexudus user with two-factor authentication: the key the authenticator app was set up with (the base32 text shown beside the QR code, or the otpauth:// link in it). The node computes a fresh 6-digit code for each login. Leave empty for a user without two-factor authentication.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Shared secret set in Nexudus for webhook signatures. When set, the Nexudus Trigger only accepts deliveries whose X-Nexudus-Hook-Signature matches.',
		},
		{
			displayName: 'Max Wait for Rate Limit (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 86400 },
			default: 120,
			description:
				"The longest one request waits for room in Nexudus's rate limits (or for the wait Nexudus asks after a 409 or 429) before the node fails with a rate-limit error; at most 86,400 (one day). Requests are paced to 1 per 100 ms, 120 a minute, 60 changes a minute and 5,000 an hour. The 100 ms between two requests is always kept and never counts: 0 means never wait for room.",
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// n8n calls this when the stored token is empty, when a request answers 401, and when testing.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await fetchAccessToken(this, {
			apiUrl: credentials.apiUrl as string,
			email: credentials.email as string,
			password: credentials.password as string,
			totpSecret: (credentials.totpSecret as string | undefined) ?? '',
		});
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl}}',
			url: '/api/sys/webhooks',
			qs: { size: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Nexudus accepted the login but refused the API call: switch on "API access" for this user in Nexudus',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The Nexudus user lacks the WebHook roles (WebHook-List, -Read, -Create, -Edit, -Delete): give them in Nexudus under Settings > Users',
				},
			},
		],
	};
}

/** A failed login; its message is safe to show (it never holds the password). */
class NexudusLoginError extends Error {
	name = 'NexudusLoginError';
}

interface NexudusLogin {
	apiUrl: string;
	email: string;
	password: string;
	/** The authenticator key ('' for a user without two-factor authentication). */
	totpSecret: string;
}

/**
 * Exchanges the admin's email and password (and, for a user with two-factor authentication, a
 * code computed now from the authenticator key) for a bearer token (`POST /api/token`).
 * Errors say what went wrong without ever carrying the request, which holds the password.
 */
async function fetchAccessToken(helper: IHttpRequestHelper, login: NexudusLogin) {
	const url = `${normalizeApiUrl(login.apiUrl)}/api/token`;
	const form = new URLSearchParams({
		grant_type: 'password',
		username: login.email ?? '',
		password: login.password ?? '',
	});
	const sentCode = login.totpSecret.trim() !== '';
	if (sentCode) form.set('totp', currentCode(login.totpSecret));

	let answer: IDataObject;
	try {
		answer = (await helper.helpers.httpRequest({
			method: 'POST',
			url,
			body: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			json: true,
		})) as IDataObject;
	} catch (error) {
		throw new NexudusLoginError(describeTokenFailure(url, error as TokenRequestError, sentCode));
	}

	const token = answer?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new NexudusLoginError(`Nexudus login failed: ${url} answered without an access_token`);
	}
	return token;
}

interface TokenRequestError {
	message?: string;
	code?: string;
	cause?: { code?: string };
	response?: { status?: number; data?: unknown };
	httpCode?: string;
}

/** The code for now; a key that cannot be one is a login error that names the field, not the key. */
function currentCode(totpSecret: string): string {
	try {
		return totpCode(parseAuthenticatorSecret(totpSecret), Date.now());
	} catch (error) {
		if (!(error instanceof AuthenticatorSecretError)) throw error;
		throw new NexudusLoginError(
			`Nexudus login failed: the credential's Authenticator Secret cannot be used: ${error.message}`,
		);
	}
}

/** Words Nexudus may use when the refusal is about the two-factor code rather than the password. */
const ABOUT_TWO_FACTOR = /two.?factor|2fa|totp|authenticat|verification|one.?time|\bcode\b/i;

function describeTokenFailure(url: string, error: TokenRequestError, sentCode: boolean): string {
	const status = error.response?.status ?? (error.httpCode ? Number(error.httpCode) : undefined);
	const data = error.response?.data as IDataObject | undefined;
	if ((status === 400 || status === 401) && data?.error === 'invalid_grant') {
		const reason = typeof data.error_description === 'string' ? data.error_description : '';
		if (ABOUT_TWO_FACTOR.test(reason)) {
			return sentCode
				? "Nexudus login failed: Nexudus refused the two-factor code. Check the credential's Authenticator Secret (the key of this user's authenticator app) and that the n8n server's clock is right"
				: "Nexudus login failed: this Nexudus user has two-factor authentication: set the credential's Authenticator Secret to the key of the user's authenticator app";
		}
		return sentCode
			? 'Nexudus login failed: the email or password is incorrect (or Nexudus refused the two-factor code)'
			: 'Nexudus login failed: the email or password is incorrect';
	}
	if (status) {
		const detail = typeof data?.error_description === 'string' ? `: ${data.error_description}` : '';
		return `Nexudus login failed: ${url} answered HTTP ${status}${detail}`;
	}
	const problem = describeNetworkProblem(error.code ?? error.cause?.code);
	return `Nexudus login failed: could not reach ${url} (${problem}). Check the API URL.`;
}
