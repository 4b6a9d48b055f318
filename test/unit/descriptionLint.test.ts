import type { INodeProperties } from 'n8n-workflow';

import { Nexudus } from '../../nodes/Nexudus/Nexudus.node';
import { topFieldNames } from '../../nodes/Nexudus/generic/description';
import { entityNamed, queryParameters, writableFields } from '../../nodes/shared/catalogue';
import { RESOURCES } from '../../nodes/Nexudus/resources';
import { HELP } from '../../nodes/Nexudus/resources/help';
import {
	booleanCounts,
	countByRule,
	isSentenceCase,
	isTitleCase,
	lintDescription,
} from '../harness/descriptionLint';

/**
 * The Nexudus node's serialised description read the way n8n's UX guidelines read a node (n8n's
 * ESLint rules cannot see generated properties), and the field help in words for the
 * first-class resources (`nodes/Nexudus/resources/help/`).
 *
 * Before issue 16: 667 of 670 yes/no parameters did not start "Whether" and 22 parameters had
 * no help (689 problems); after: none.
 */

const description = new Nexudus().description;

describe('the description as n8n UX guidelines read it', () => {
	test('no problem: yes/no start "Whether", Title Case names, sentence-case help, none empty', () => {
		const problems = lintDescription(description.properties);
		expect(countByRule(problems)).toEqual({
			'boolean-whether': 0,
			'title-case': 0,
			'sentence-case': 0,
			'empty-help': 0,
		});
		expect(problems).toEqual([]);
		const booleans = booleanCounts(description.properties);
		expect(booleans.total).toBeGreaterThan(600);
		expect(booleans.whether).toBe(booleans.total);
	});

	test('the lint finds each kind of problem', () => {
		const bad: INodeProperties[] = [
			{
				displayName: 'Is Active',
				name: 'a',
				type: 'boolean',
				default: false,
				description: 'Active.',
			},
			{ displayName: 'start time', name: 'b', type: 'string', default: '', description: 'x' },
			{ displayName: 'Notes', name: 'c', type: 'string', default: '' },
			{
				displayName: 'Additional Fields',
				name: 'd',
				type: 'collection',
				default: {},
				description: 'Optional fields',
				options: [{ displayName: 'Paid', name: 'paid', type: 'boolean', default: false }],
			},
		];
		expect(lintDescription(bad).map((problem) => `${problem.rule} ${problem.path}`)).toEqual([
			'boolean-whether a',
			'title-case b',
			'sentence-case b',
			'empty-help c',
			'empty-help d > paid',
			'boolean-whether d > paid',
		]);
		expect(isTitleCase('From Time (at or After)')).toBe(true);
		expect(isTitleCase('Repeat until')).toBe(false);
		expect(isSentenceCase('"Active" is on')).toBe(true);
	});
});

/** The API names a resource's help may name: its fields, inline lists and filters' properties. */
function namesOf(entityName: string): Set<string> {
	const entity = entityNamed(entityName);
	return new Set([
		...writableFields(entity, 'create').map((field) => field.field),
		...writableFields(entity, 'update').map((field) => field.field),
		...entity.children.map((child) => child.field),
		...queryParameters(entity).map((parameter) => parameter.property),
	]);
}

/** A filter on a related record (`Booking_Resource`) reads the help of its id field (`ResourceId`). */
function helpedName(fields: Set<string>, property: string): string {
	return fields.has(`${property}Id`) ? `${property}Id` : property;
}

describe.each(RESOURCES.map((definition) => [definition.label, definition] as const))(
	'%s field help',
	(_label, definition) => {
		const help = HELP[definition.value];
		const entity = entityNamed(definition.entity);

		test('every help key names a field or filter of the catalogue (a rename fails here)', () => {
			const names = namesOf(definition.entity);
			expect(Object.keys(help).filter((key) => !names.has(key))).toEqual([]);
		});

		test('one line each, in sentence case; yes/no ones start "Whether"', () => {
			const booleans = new Set(
				entity.fields.filter((field) => field.type === 'bool').map((field) => field.field),
			);
			for (const [name, text] of Object.entries(help)) {
				expect([name, isSentenceCase(text), /\n/.test(text), text.endsWith('.')]).toEqual([
					name,
					true,
					false,
					true,
				]);
				if (booleans.has(name)) expect([name, text.startsWith('Whether')]).toEqual([name, true]);
			}
		});

		test('every field at the top of Create and at least 15 others have help', () => {
			const top = topFieldNames(definition, entity);
			expect(top.filter((name) => !help[name])).toEqual([]);
			const fields = new Set(writableFields(entity, 'update').map((field) => field.field));
			const others = new Set(
				[
					...fields,
					...writableFields(entity, 'create').map((field) => field.field),
					...queryParameters(entity).map((parameter) => helpedName(fields, parameter.property)),
				].filter((name) => !top.includes(name)),
			);
			const helped = [...others].filter((name) => help[name]);
			expect(helped.length).toBeGreaterThanOrEqual(Math.min(15, others.size));
		});

		test('a field or filter the evidence renamed has help under its name of today', () => {
			const renamed = [
				...entity.fields.filter((field) => field.formerly && !field.withdrawn),
				...entity.filters.filter((filter) => filter.formerly && !filter.withdrawn),
			].map((named) =>
				'field' in named
					? named.field
					: helpedName(
							new Set(entity.fields.map((field) => field.field)),
							named.param.replace(/^[A-Za-z]+?_/, ''),
						),
			);
			expect(renamed.filter((name) => !help[name])).toEqual([]);
		});

		test('the form shows the help and keeps the API name', () => {
			const [name, text] = Object.entries(help)[0];
			const shown = JSON.stringify(
				description.properties.filter(
					(property) =>
						JSON.stringify(property.displayOptions?.show?.resource) ===
						JSON.stringify([definition.value]),
				),
			);
			expect(shown).toContain(JSON.stringify(text).slice(1, -1));
			expect(shown).toMatch(new RegExp(`Nexudus (field|filter) \\w*${name}`));
		});
	},
);

test('the fields real creates and records showed (Customer on a plan, invoice states) have help', () => {
	expect(
		['TariffId', 'BillingDay', 'StartDate', 'RenewalDate', 'CityName', 'BillingCityName'].filter(
			(name) => !HELP.customer[name],
		),
	).toEqual([]);
	expect(
		['Paid', 'Void', 'Sent', 'CreditNote', 'DueDate'].filter((name) => !HELP.invoice[name]),
	).toEqual([]);
	expect(
		['WebAddress', 'TownCity', 'EmailContact', 'ContactPhoneNumber'].filter(
			(name) => !HELP.location[name],
		),
	).toEqual([]);
});
