import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { entityNamed, queryParameters, writableFields } from '../../nodes/shared/catalogue';
import { Nexudus } from '../../nodes/Nexudus/Nexudus.node';
import { useFakeNexudus } from '../harness/fakeSession';
import { keptByN8n } from '../harness/savedParameters';

/**
 * A filter or field the catalogue withdraws (`"withdrawn": "<why>"`): Nexudus would ignore such a
 * filter and answer every record, and would not keep such a field. New workflows are not offered
 * it; a workflow saved with it keeps the value (n8n would drop it silently) and stops, naming it.
 * The bundled catalogue withdraws nothing yet: this file marks Coworker NickName withdrawn.
 */
jest.mock('../../nodes/shared/catalogue/entities.json', () => {
	const actual = jest.requireActual('../../nodes/shared/catalogue/entities.json') as {
		entities: Array<{
			entity: string;
			filters: Array<{ param: string; withdrawn?: string }>;
			fields: Array<{ field: string; withdrawn?: string }>;
		}>;
	};
	const copy = JSON.parse(JSON.stringify(actual)) as typeof actual;
	const coworker = copy.entities.find((entity) => entity.entity === 'Coworker')!;
	coworker.filters.find((filter) => filter.param === 'Coworker_NickName')!.withdrawn =
		'no live customer record has NickName';
	coworker.fields.find((field) => field.field === 'NickName')!.withdrawn =
		'no live customer record has NickName';
	return copy;
});

const session = useFakeNexudus({ demoRecords: true });
const description = new Nexudus().description;

const kept = (parameters: INodeParameters, returnDefaults: boolean) =>
	keptByN8n(description, parameters, returnDefaults);

function option(collection: string, name: string): INodeProperties | undefined {
	const property = description.properties.find(
		(candidate) =>
			candidate.name === collection &&
			candidate.displayOptions?.show?.resource?.includes('customer'),
	)!;
	return (property.options as INodeProperties[]).find((candidate) => candidate.name === name);
}

test('a withdrawn filter or field is not offered, but kept as "(Withdrawn)" where saved', () => {
	const coworker = entityNamed('Coworker');
	expect(queryParameters(coworker).some((p) => p.param === 'Coworker_NickName')).toBe(false);
	expect(writableFields(coworker, 'update').some((f) => f.field === 'NickName')).toBe(false);
	expect(option('filters', 'Coworker_NickName')).toMatchObject({
		displayName: 'Nick Name (Withdrawn)',
		displayOptions: { show: { Coworker_NickName: [{ _cnd: { exists: true } }, ''] } },
	});
	expect(option('updateFields', 'NickName')?.displayName).toBe('Nick Name (Withdrawn)');
	const saved = {
		resource: 'customer',
		operation: 'getAll',
		filters: { Coworker_NickName: 'Jo' },
	};
	for (const returnDefaults of [false, true]) {
		expect(kept(saved, returnDefaults).filters).toEqual({ Coworker_NickName: 'Jo' });
	}
	expect(kept({ resource: 'customer', operation: 'getAll' }, true).filters).toEqual({});
});

test('a saved withdrawn filter stops the search, naming it, instead of answering every record', async () => {
	const error = await session.failure({
		resource: 'customer',
		operation: 'getAll',
		returnAll: true,
		filters: { Coworker_NickName: 'Jo' },
	});
	expect(error.message).toContain('Coworker_NickName');
	expect(error.message).toContain('answer every record');
	expect(error.message).toContain('no live customer record has NickName');
	expect(session.apiRequests()).toEqual([]);
});

test('a saved withdrawn update field stops the update, naming it, before anything is written', async () => {
	const [customer] = session.fake.seed('Coworker', 1, session.locationId);
	const error = await session.failure({
		resource: 'customer',
		operation: 'update',
		recordId: String(customer.Id),
		updateFields: { NickName: 'Jo', CompanyName: 'Kept Ltd' },
	});
	expect(error.message).toContain('NickName');
	expect(error.message).toContain('cannot be written');
	expect(session.apiRequests().filter((request) => request.method === 'PUT')).toEqual([]);
});
