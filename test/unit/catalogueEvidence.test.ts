/**
 * The node's catalogue (nodes/shared/catalogue/entities.json) held against the real-world evidence
 * (test/evidence/evidence.json): any contradiction not on the reasoned list of exceptions
 * (test/evidence/exceptions.json) fails. `npm run catalogue:check -- --list` prints them by kind.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- a test reads the evidence files
import { readFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- a test reads the evidence files
import { join } from 'path';

import bundle from '../../nodes/shared/catalogue/entities.json';
import { allEntities, findEntity, writableFields } from '../../nodes/shared/catalogue';
import {
	type CheckedEntity,
	type ContradictionException,
	type Evidence,
	contradictions,
	unexcused,
} from '../evidence/check';

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the evidence sits in the test tree
const folder = join(__dirname, '..', 'evidence');
const read = (file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8'));
const evidence = read('evidence.json') as Evidence & {
	entities: Record<string, { path?: string; wrongNames?: Record<string, { real: string }> }>;
};
const exceptions = (read('exceptions.json') as { exceptions: ContradictionException[] }).exceptions;
const catalogue = bundle as unknown as {
	sources: Record<string, { kind: string; source: string; date: string }>;
	entities: CheckedEntity[];
};
/** A deep copy of the catalogue to break on purpose. */
const copy = () => JSON.parse(JSON.stringify(catalogue)) as typeof catalogue;
const entry = (of: typeof catalogue, name: string) =>
	of.entities.find((entity) => entity.entity === name)!;

describe('the catalogue agrees with the evidence', () => {
	test('every contradiction is on the list of exceptions, and every exception still matches one', () => {
		const found = contradictions(catalogue, evidence);
		const { open, stale } = unexcused(found, exceptions);
		expect(open).toEqual([]);
		expect(stale).toEqual([]);
	});

	test('each exception gives a reason', () => {
		for (const exception of exceptions) expect(exception.reason.length).toBeGreaterThan(40);
		expect(exceptions.length).toBeLessThanOrEqual(5);
	});

	test('the check finds contradictions: a wrong name, a guessed requirement, a read-only field, a lacking verb, a missing type', () => {
		const broken = copy();
		entry(broken, 'Coworker').fields.push({ field: 'City', type: 'string', src: [] } as never);
		entry(broken, 'Booking').fields.find((field) => field.field === 'FromTime')!.required = true;
		entry(broken, 'Booking').fields.find((field) => field.field === 'Repeats')!.required = true;
		entry(broken, 'CoworkerInvoice').fields.push({ field: 'CoworkerFullName', type: 'string' });
		entry(broken, 'Business').verbs.push('create');
		broken.entities = broken.entities.filter((entity) => entity.entity !== 'ContractProduct');
		const found = contradictions(broken, evidence).map((c) => `${c.entity} ${c.kind} ${c.name}`);
		expect(unexcused(contradictions(broken, evidence), exceptions).open).toHaveLength(6);
		expect(found).toEqual(
			expect.arrayContaining([
				'Coworker wrong-name City',
				'Coworker not-in-live-record City',
				'Booking required-not-created Repeats',
				'CoworkerInvoice read-only-writable CoworkerFullName',
				'Business verb-lacking create',
				'ContractProduct missing-entity ContractProduct',
			]),
		);
		// FromTime was sent by the real create: required is right
		expect(found).not.toContain('Booking required-not-created FromTime');

		const old = copy();
		const coworker = entry(old, 'Coworker');
		coworker.filters = coworker.filters.map((filter) =>
			filter.param === 'Coworker_CityName' ? { ...filter, param: 'Coworker_City' } : filter,
		);
		coworker.fields = coworker.fields.filter((field) => field.field !== 'TariffId');
		expect(contradictions(old, evidence).map((c) => `${c.kind} ${c.name}`)).toEqual(
			expect.arrayContaining([
				'wrong-name Coworker_City',
				'filter-not-in-live-record Coworker_City',
				'missing-field TariffId',
			]),
		);
	});
});

describe('provenance', () => {
	test('every field, filter, verb and command names the sources that confirm it, from the sources table', () => {
		const keys = new Set(Object.keys(catalogue.sources));
		const kinds = new Set(Object.values(catalogue.sources).map((source) => source.kind));
		expect([...kinds].sort()).toEqual(
			['admin panel', 'derived only', 'live record', 'live request', 'official page'].sort(),
		);
		const unknown: string[] = [];
		const check = (where: string, src: unknown) => {
			if (!Array.isArray(src) || src.length === 0 || src.some((key) => !keys.has(key)))
				unknown.push(where);
		};
		for (const entity of allEntities()) {
			for (const field of entity.fields) check(`${entity.entity}.${field.field}`, field.src);
			for (const filter of entity.filters) check(`${entity.entity} ${filter.param}`, filter.src);
			for (const verb of entity.verbs) check(`${entity.entity} ${verb}`, entity.verbSources[verb]);
			if (entity.commands) check(`${entity.entity} commands`, entity.commandSources);
		}
		expect(unknown).toEqual([]);
	});

	test('a name only derived is marked unconfirmed, and a confirmed one is not', () => {
		const wrong = allEntities().flatMap((entity) =>
			[...entity.fields, ...entity.filters]
				.filter((item) => (item.src.join() === 'c') !== (item.unconfirmed === true))
				.map((item) => `${entity.entity} ${'field' in item ? item.field : item.param}`),
		);
		expect(wrong).toEqual([]);
	});

	test('read-only properties are never offered in Create or Update', () => {
		const offered = allEntities().flatMap((entity) =>
			(['create', 'update'] as const).flatMap((operation) =>
				writableFields(entity, operation)
					.filter((field) => entity.readOnly?.includes(field.field))
					.map((field) => `${entity.entity}.${field.field}`),
			),
		);
		expect(offered).toEqual([]);
	});
});

describe('renames keep the old name (for saved workflows)', () => {
	test('every name the evidence calls wrong is offered under its real name with the old one in formerly', () => {
		const missing: string[] = [];
		for (const [name, seen] of Object.entries(evidence.entities)) {
			const entity = findEntity(name);
			for (const [wrong, { real }] of Object.entries(seen.wrongNames ?? {})) {
				if (!entity) continue;
				const field = entity.fields.find((candidate) => candidate.field === real);
				if (field && !field.formerly?.includes(wrong)) missing.push(`${name}.${real}`);
				const filter = entity.filters.find((candidate) => candidate.param === `${name}_${real}`);
				if (filter && !filter.formerly?.includes(`${name}_${wrong}`))
					missing.push(`${name}_${real}`);
			}
		}
		expect(missing).toEqual([]);
		expect(findEntity('Coworker')!.filters.find((f) => f.param === 'Coworker_CityName')).toEqual(
			expect.objectContaining({ formerly: ['Coworker_City'] }),
		);
	});

	test('names withdrawn because no live record has them are listed, and not offered', () => {
		const booking = findEntity('Booking')!;
		expect(booking.withdrawnFilters).toContainEqual({ param: 'Booking_Reminded', type: 'bool' });
		expect(booking.withdrawnFields).toContainEqual({ field: 'Reminded', type: 'bool' });
		const offered = allEntities().flatMap((entity) => [
			...(entity.withdrawnFields ?? []).filter(({ field: name }) =>
				entity.fields.some((field) => field.field === name),
			),
			...(entity.withdrawnFilters ?? []).filter(({ param }) =>
				entity.filters.some((filter) => filter.param === param),
			),
		]);
		expect(offered).toEqual([]);
	});

	test('no old name is still offered beside its new one', () => {
		const doubled = allEntities().flatMap((entity) => {
			const fields = new Set(entity.fields.map((field) => field.field));
			const params = new Set(entity.filters.map((filter) => filter.param));
			return [
				...entity.fields.flatMap((field) =>
					(field.formerly ?? []).filter((old) => fields.has(old)),
				),
				...entity.filters.flatMap((filter) =>
					(filter.formerly ?? []).filter((old) => params.has(old)),
				),
			].map((old) => `${entity.entity} ${old}`);
		});
		expect(doubled).toEqual([]);
	});
});

describe('what the other changes of issue 13 read from the catalogue', () => {
	test('Customer: plan, billing day, start and renewal dates; country and time zone ids', () => {
		const kinds = Object.fromEntries(
			writableFields(findEntity('Coworker')!, 'create').map((field) => [field.field, field.type]),
		);
		expect(kinds).toMatchObject({
			TariffId: 'long',
			BillingDay: 'int',
			StartDate: 'DateTime',
			RenewalDate: 'DateTime',
			CountryId: 'long',
			SimpleTimeZoneId: 'long',
		});
	});

	test('Invoice: paid, void, sent, credit note and due date as fields and filters; the command real code runs', () => {
		const invoice = findEntity('CoworkerInvoice')!;
		const fields = Object.fromEntries(invoice.fields.map((field) => [field.field, field.type]));
		expect(fields).toMatchObject({
			Paid: 'bool',
			Void: 'bool',
			Sent: 'bool',
			CreditNote: 'bool',
			DueDate: 'DateTime',
		});
		const filters = invoice.filters.map((filter) => filter.param);
		expect(filters).toEqual(
			expect.arrayContaining([
				'CoworkerInvoice_Paid',
				'CoworkerInvoice_Void',
				'CoworkerInvoice_Sent',
				'CoworkerInvoice_CreditNote',
				'CoworkerInvoice_DueDate',
			]),
		);
		expect(invoice.verbs).toEqual(['search', 'get', 'update']);
		expect(invoice.commands).toBe(true);
		expect(invoice.commandKeys?.PAY_COWORKER_INVOICE_MANUAL.parameters).toEqual([
			{ name: 'Payment Method', type: 'ePaymentProvider', enum: 'ePaymentProvider' },
		]);
		expect(
			findEntity('Booking')!.commandKeys?.CANCEL_BOOKING.parameters.map((p) => p.type),
		).toEqual(['eBookingCancellationReason', 'Boolean']);
	});

	test('the record types real code uses are reachable through Other Record', () => {
		const unreachable = Object.entries(evidence.entities)
			.filter(([name, seen]) => seen.path && findEntity(name)?.path !== seen.path)
			.map(([name]) => name);
		expect(unreachable).toEqual([]);
		for (const name of [
			'ContractProduct',
			'ContractPausedPeriod',
			'CoworkerPaymentMethod',
			'InventoryAsset',
			'CancelledBooking',
		])
			expect(findEntity(name)?.verbs).toContain('search');
	});
});
