export const DEFAULT_API_URL = 'https://spaces.nexudus.com';

export function normalizeApiUrl(apiUrl: string | undefined): string {
	return (apiUrl || DEFAULT_API_URL).trim().replace(/\/+$/, '');
}
