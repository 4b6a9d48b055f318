import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { NexudusContext } from './transport';
import { nexudusApiRequestAllItems } from './transport';

export interface Business extends IDataObject {
	Id: number;
	Name: string;
}

/** Every location (business) of the account, by name. */
export async function fetchLocations(this: NexudusContext): Promise<Business[]> {
	const businesses = (await nexudusApiRequestAllItems.call(this, {
		path: '/api/sys/businesses',
		qs: { orderBy: 'Name', dir: 0 },
	})) as Business[];
	return businesses.sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
}

/** For the Location resource locator: every location, filtered by the text typed. */
export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const locations = await fetchLocations.call(this);
	return {
		results: locations
			.filter((location) => needle === '' || String(location.Name).toLowerCase().includes(needle))
			.map((location) => ({ name: location.Name, value: String(location.Id) })),
	};
}

/** For options fields (the Get Many filter). */
export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locations = await fetchLocations.call(this);
	return locations.map((location) => ({ name: location.Name, value: location.Id }));
}

export type ParsedLocationIds = { ids: number[] } | { problem: string };

/**
 * Location ids as a multiOptions field or an expression gives them: numbers, numeric strings,
 * "12,34", or an array of those. Duplicates are dropped; anything else is a named problem.
 */
export function parseLocationIds(value: unknown): ParsedLocationIds {
	const parts = (Array.isArray(value) ? value : [value]).flatMap((part) =>
		typeof part === 'string' ? part.split(',').map((text) => text.trim()) : [part],
	);
	const ids: number[] = [];
	for (const part of parts.filter((part) => part !== '' && part !== undefined && part !== null)) {
		const id = typeof part === 'number' ? part : /^[0-9]+$/.test(String(part)) ? Number(part) : NaN;
		if (!Number.isSafeInteger(id) || id <= 0) {
			const shown = typeof part === 'string' ? `"${part}"` : (JSON.stringify(part) ?? String(part));
			return { problem: `${shown} is not a location ID (a whole number)` };
		}
		if (!ids.includes(id)) ids.push(id);
	}
	return ids.length > 0 ? { ids } : { problem: 'choose at least one location' };
}
