import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchLocations } from '../../shared/locations';
import { nexudusApiRequest } from '../../shared/transport';
import { entityNamed } from '../../shared/catalogue';

/**
 * The record pickers (`listSearch`): one page of up to 100 records per call, filtered by what
 * the user typed, with n8n's pagination token carrying the next page number.
 */

export type PickerName =
	| 'location'
	| 'customer'
	| 'resource'
	| 'team'
	| 'plan'
	| 'product'
	| 'country'
	| 'timeZone';

interface Picker {
	method: string;
	/** A picker stands for ids of this entity: `CoworkerId`, `Booking_Coworker`. */
	entity: string;
	label: string;
}

export const PICKERS: Record<PickerName, Picker> = {
	location: { method: 'searchLocations', entity: 'Business', label: 'location' },
	customer: { method: 'searchCustomers', entity: 'Coworker', label: 'customer' },
	resource: { method: 'searchResources', entity: 'Resource', label: 'resource' },
	team: { method: 'searchTeams', entity: 'Team', label: 'team' },
	plan: { method: 'searchPlans', entity: 'Tariff', label: 'plan' },
	product: { method: 'searchProducts', entity: 'Product', label: 'product' },
	// Nexudus's own lists: /api/sys/countries and /api/sys/simpletimezones.
	country: { method: 'searchCountries', entity: 'Country', label: 'country' },
	timeZone: { method: 'searchTimeZones', entity: 'SimpleTimeZone', label: 'time zone' },
};

/** The picker for a navigation name (`Coworker`, `Tariff`), if there is one. */
export function pickerForEntity(entity: string): PickerName | undefined {
	return (Object.keys(PICKERS) as PickerName[]).find((name) => PICKERS[name].entity === entity);
}

const PAGE_SIZE = 100;

async function searchPage(
	context: ILoadOptionsFunctions,
	entity: string,
	searchParam: string,
	title: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const text = (filter ?? '').trim();
	const answer = (await nexudusApiRequest.call(context, {
		method: 'GET',
		path: entityNamed(entity).path,
		qs: {
			page,
			size: PAGE_SIZE,
			orderBy: searchParam.slice(entity.length + 1),
			dir: 0,
			...(text !== '' ? { [searchParam]: text } : {}),
		},
	})) as { Records?: IDataObject[]; HasNextPage?: boolean };
	return {
		results: (answer.Records ?? []).map((record) => ({
			name: title(record),
			value: String(record.Id),
		})),
		paginationToken: answer.HasNextPage ? String(page + 1) : undefined,
	};
}

const byName = (record: IDataObject) => String(record.Name ?? `#${String(record.Id)}`);

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// An address is looked up by email, anything else by name.
	const searchParam = filter?.includes('@') ? 'Coworker_Email' : 'Coworker_FullName';
	const title = (record: IDataObject) =>
		record.Email ? `${String(record.FullName)} (${String(record.Email)})` : String(record.FullName);
	return await searchPage(this, 'Coworker', searchParam, title, filter, paginationToken);
}

/** A picker that finds records of `entity` by their Name. */
function searchByName(entity: string) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPage(this, entity, `${entity}_Name`, byName, filter, paginationToken);
	};
}

export const searchResources = searchByName('Resource');
export const searchTeams = searchByName('Team');
export const searchPlans = searchByName('Tariff');
export const searchProducts = searchByName('Product');

/** Countries by name: `United Kingdom (GB)`. */
export async function searchCountries(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const title = (record: IDataObject) =>
		record.TwoDigitsCode ? `${byName(record)} (${String(record.TwoDigitsCode)})` : byName(record);
	return await searchPage(this, 'Country', 'Country_Name', title, filter, paginationToken);
}

/** `0:00` -> ` (UTC+0:00)`, `-5:00` -> ` (UTC-5:00)`. */
const utcOffset = (offset: unknown) =>
	typeof offset === 'string' && offset !== ''
		? ` (UTC${offset.startsWith('-') ? '' : '+'}${offset})`
		: '';

/**
 * Time zones found by what Nexudus describes them with (`(UTC) Dublin, Edinburgh, Lisbon,
 * London`, so a city finds its zone), shown by the Windows zone id Nexudus names them by and
 * their offset (list rows leave the description out).
 */
export async function searchTimeZones(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const title = (record: IDataObject) =>
		record.Description
			? `${String(record.Description)} (${byName(record)})`
			: `${byName(record)}${utcOffset(record.TimeOffset)}`;
	return await searchPage(
		this,
		'SimpleTimeZone',
		'SimpleTimeZone_Description',
		title,
		filter,
		paginationToken,
	);
}

export const pickerSearches = {
	searchCountries,
	searchTimeZones,
	searchLocations,
	searchCustomers,
	searchResources,
	searchTeams,
	searchPlans,
	searchProducts,
};
