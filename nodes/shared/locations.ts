import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { nexudusApiRequestAllItems } from './transport';

interface Business extends IDataObject {
	Id: number;
	Name: string;
}

async function fetchLocations(this: ILoadOptionsFunctions): Promise<Business[]> {
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
