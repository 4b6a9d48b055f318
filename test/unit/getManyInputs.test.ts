import type { INodeParameters } from 'n8n-workflow';

import { useFakeNexudus } from '../harness/fakeSession';
import { executeNode } from '../harness/n8n';

/** Get Many's Limit, Return All and boolean filters, as an expression may hand them over. */
const suite = useFakeNexudus();

beforeEach(() => {
	for (const [n, active] of [true, false, true, false, true].entries()) {
		suite.fake.addWebHook({
			BusinessId: suite.locationId,
			Name: `Hook ${n}`,
			Action: 3,
			URL: 'https://a.example.com',
			Active: active,
		});
	}
});

const listRequests = () =>
	suite.fake.requests.filter((request) => request.path === '/api/sys/webhooks');

async function getMany(parameters: INodeParameters) {
	return await executeNode({
		type: 'nexudus',
		credential: suite.credential,
		parameters: { resource: 'webHook', operation: 'getAll', ...parameters },
	});
}

async function getManyFailing(parameters: INodeParameters) {
	const outcome = await getMany(parameters).then(
		() => undefined,
		(error: Error) => error,
	);
	expect(outcome).toBeInstanceOf(Error);
	return outcome as Error;
}

describe('Limit', () => {
	test.each([
		[0, '"0"'],
		[-3, '"-3"'],
		[2.5, '"2.5"'],
		['={{ "abc" }}', '"abc"'],
		['={{ "" }}', '""'],
		['={{ 0 }}', '"0"'],
	])('%j is a named error, not an empty result', async (limit, shown) => {
		const error = await getManyFailing({ returnAll: false, limit });
		expect(error.message).toBe(`Limit: ${shown} is not a whole number of 1 or more`);
		expect(listRequests()).toHaveLength(0);
	});

	test('a whole number from an expression, even as text, is a limit', async () => {
		expect(await getMany({ returnAll: false, limit: '={{ "2" }}' })).toHaveLength(2);
		expect(listRequests().map((request) => request.query.size)).toEqual(['2']);
	});

	test('Return All "false" from an expression means false: the Limit applies', async () => {
		expect(await getMany({ returnAll: '={{ "false" }}', limit: 1 })).toHaveLength(1);
	});
});

describe('Boolean filters', () => {
	const activeOf = async (active: boolean | string) =>
		(await getMany({ returnAll: true, filters: { active } })).map((item) => item.json.Active);

	test.each([
		[false, false],
		['={{ "false" }}', false],
		['={{ "FALSE" }}', false],
		['={{ 0 }}', false],
		['={{ "0" }}', false],
		[true, true],
		['={{ "true" }}', true],
		['={{ 1 }}', true],
	])('Active %j means %j', async (active, expected) => {
		const found = await activeOf(active);
		expect(found).toHaveLength(expected ? 3 : 2);
		expect(found.every((value) => value === expected)).toBe(true);
		expect(listRequests()[0].query.WebHook_Active).toBe(String(expected));
	});

	test('anything else is a named error', async () => {
		const error = await getManyFailing({ returnAll: true, filters: { active: '={{ "maybe" }}' } });
		expect(error.message).toBe('Active: "maybe" is not true or false');
		expect(listRequests()).toHaveLength(0);
	});
});
