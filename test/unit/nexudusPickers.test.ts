import type { INodeListSearchResult } from 'n8n-workflow';

import { useFakeNexudus } from '../harness/fakeSession';
import { loadOptions } from '../harness/n8n';

/** The record pickers (listSearch) over real HTTP: searchable by name, paged 100 at a time. */

const session = useFakeNexudus({ demoRecords: true });

async function search(method: string, filter?: string, paginationToken?: string) {
	return (await loadOptions(
		{
			type: 'nexudus',
			parameters: { resource: 'booking', operation: 'create' },
			credential: session.credential,
		},
		'listSearch',
		method,
		filter,
		paginationToken,
	)) as INodeListSearchResult;
}

test('Customer picker finds by name and by email, shows both', async () => {
	const [customer] = session.fake.seed(
		'Coworker',
		[{ FullName: 'Henrietta Quokka', Email: 'hq@example.org' }],
		session.locationId,
	);
	const byName = await search('searchCustomers', 'Quokka');
	expect(byName.results).toEqual([
		{ name: 'Henrietta Quokka (hq@example.org)', value: String(customer.Id) },
	]);
	expect(session.fake.requests.at(-1)!.query).toMatchObject({ Coworker_FullName: 'Quokka' });
	const byEmail = await search('searchCustomers', 'hq@example');
	expect(byEmail.results.map((result) => result.value)).toEqual([String(customer.Id)]);
	expect(session.fake.requests.at(-1)!.query).toMatchObject({ Coworker_Email: 'hq@example' });
});

test('pickers page through 100 records at a time', async () => {
	session.fake.seed(
		'Team',
		Array.from({ length: 130 }, (_, index) => ({ Name: `Paging team ${index}` })),
		session.locationId,
	);
	const first = await search('searchTeams', 'Paging team');
	expect(first.results).toHaveLength(100);
	expect(first.paginationToken).toBe('2');
	const second = await search('searchTeams', 'Paging team', first.paginationToken as string);
	expect(second.results).toHaveLength(30);
	expect(second.paginationToken).toBeUndefined();
	const names = [...first.results, ...second.results].map((result) => result.name);
	expect(new Set(names).size).toBe(130);
});

test.each([
	['searchResources', 'Resource'],
	['searchPlans', 'Tariff'],
	['searchProducts', 'Product'],
	['searchTeams', 'Team'],
])('%s lists %s records by name', async (method, entity) => {
	const [record] = session.fake.seed(entity, [{ Name: `Zanzibar ${entity}` }], session.locationId);
	const found = await search(method, 'Zanzibar');
	expect(found.results).toEqual([{ name: `Zanzibar ${entity}`, value: String(record.Id) }]);
	const all = await search(method);
	expect(all.results.length).toBeGreaterThan(1);
});

test('Location picker lists the locations', async () => {
	const found = await search('searchLocations', 'downtown');
	expect(found.results).toEqual([{ name: 'Downtown Hub', value: String(session.locationId) }]);
});
