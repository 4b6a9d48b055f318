export const DEFAULT_API_URL = 'https://spaces.nexudus.com';

export function normalizeApiUrl(apiUrl: string | undefined): string {
	return (apiUrl || DEFAULT_API_URL).trim().replace(/\/+$/, '');
}

// Said in words: n8n replaces any message that contains a raw code such as ECONNREFUSED.
const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed unexpectedly',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection was aborted',
	EHOSTUNREACH: 'the host is unreachable',
};

export function describeNetworkProblem(code: string | undefined): string {
	return (code && NETWORK_PROBLEMS[code]) || 'the network request failed';
}
