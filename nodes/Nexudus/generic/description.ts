import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type {
	CatalogueEntity,
	CatalogueField,
	QueryParameter,
	ValueKind,
} from '../../shared/catalogue';
import {
	enumValues,
	entityNamed,
	hasVerb,
	kindOf,
	queryParameters,
	withdrawnFields,
	withdrawnParameters,
	writableChildren,
	writableFields,
} from '../../shared/catalogue';
import type { PickerName } from '../methods/pickers';
import { PICKERS, pickerForEntity } from '../methods/pickers';
import type { ResourceDefinition } from '../resources/definition';
import { helpFor } from '../resources/help';
import { fieldLabel, filterLabel, formerLabel, words } from './labels';
import { clearingValue, DAYS_OF_WEEK } from './values';

/**
 * Builds a first-class resource's part of the node description from its short definition and
 * its catalogue entry: the operations the entity has, typed filters, required fields at the top,
 * every other writable field under Additional Fields / Update Fields.
 */

export type OperationName = 'get' | 'getAll' | 'create' | 'update' | 'delete' | 'runCommand';

const an = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);
export const plural = (noun: string) =>
	/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;

/** The operations an entity offers, each with texts an AI agent can act on. */
export function operationOptions(entity: CatalogueEntity, noun: string): INodePropertyOptions[] {
	const options: Array<INodePropertyOptions & { offered: boolean }> = [
		{
			name: 'Create',
			value: 'create',
			description: `Create ${an(noun)}; required fields are asked for, others are optional`,
			action: `Create ${an(noun)}`,
			offered: hasVerb(entity, 'create'),
		},
		{
			name: 'Delete',
			value: 'delete',
			description: `Delete ${an(noun)} by ID`,
			action: `Delete ${an(noun)}`,
			offered: hasVerb(entity, 'delete'),
		},
		{
			name: 'Get',
			value: 'get',
			description: `Get ${an(noun)} by ID, with all its fields`,
			action: `Get ${an(noun)}`,
			offered: hasVerb(entity, 'get'),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: `List ${plural(noun)} matching filters, sorted, up to a limit or all`,
			action: `Get many ${plural(noun)}`,
			offered: hasVerb(entity, 'search'),
		},
		{
			name: 'Run Command',
			value: 'runCommand',
			description: `Run a Nexudus command (such as sending an email) on ${plural(noun)} by ID`,
			action: `Run a command on ${plural(noun)}`,
			offered: entity.commands === true,
		},
		{
			name: 'Update',
			value: 'update',
			description: `Change the given fields of ${an(noun)} and keep all others`,
			action: `Update ${an(noun)}`,
			offered: hasVerb(entity, 'update'),
		},
	];
	return options
		.filter((option) => option.offered)
		.map(({ name, value, description, action }) => ({ name, value, description, action }));
}

interface ValueProperty {
	name: string;
	label: string;
	kind: ValueKind;
	apiName: string;
	enumValues?: Record<string, string>;
	picker?: PickerName;
	unconfirmed?: boolean;
	/** What the resource says about the field, added to its help text. */
	note?: string;
	/** What the field means to an operator, in words (`resources/help/`). */
	help?: string;
}

// Said briefly: ~1,000 fields carry it. The README explains how such names are guarded.
const UNCONFIRMED = ' Name not confirmed by the API docs.';

/** The help text: its meaning in words where written (yes/no ones start "Whether"), then its API name. */
function describe(spec: ValueProperty, extra = ''): string {
	const note = spec.note ? ` ${spec.note}` : '';
	const meaning = spec.help ?? (spec.kind === 'boolean' ? `Whether "${spec.label}" is on.` : '');
	const lead = meaning ? `${meaning} ` : '';
	return `${lead}Nexudus ${spec.apiName}.${note}${extra}${spec.unconfirmed ? UNCONFIRMED : ''}`;
}

/** One typed parameter: enums as named options, dates as dates, ids through pickers. */
export function valueProperty(spec: ValueProperty): INodeProperties {
	const base = { displayName: spec.label, name: spec.name };
	if (spec.picker) {
		const picker = PICKERS[spec.picker];
		return {
			...base,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description: describe(spec),
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: `Select a ${picker.label}...`,
					typeOptions: { searchListMethod: picker.method, searchable: true },
				},
				{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 1234567' },
			],
		};
	}
	switch (spec.kind) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false, description: describe(spec) };
		case 'integer':
		case 'decimal':
			return {
				...base,
				type: 'number',
				default: 0,
				...(spec.kind === 'integer' ? { typeOptions: { numberPrecision: 0 } } : {}),
				description: describe(spec),
			};
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '', description: describe(spec) };
		case 'enum':
		case 'dayOfWeek': {
			const names: Record<string, string> =
				spec.kind === 'dayOfWeek' ? DAYS_OF_WEEK : (spec.enumValues ?? {});
			const options = Object.entries(names)
				.map(([value, name]) => ({ name: words(name), value: Number(value) }))
				.sort((a, b) => a.name.localeCompare(b.name));
			if (options.length === 0) {
				// The catalogue has no names for this enum: its number is asked for instead.
				return {
					...base,
					type: 'number',
					default: 0,
					typeOptions: { numberPrecision: 0 },
					description: describe(spec, ' Its value names are not known: give the number.'),
				};
			}
			// The lowest value, as .NET gives an enum left unset: e.g. "Update This Booking Only",
			// not the first name alphabetically ("Delete All Bookings").
			const lowest = Math.min(...options.map((option) => option.value));
			return {
				...base,
				type: 'options',
				options,
				default: lowest,
				description: describe(spec),
			};
		}
		case 'idList':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: 'e.g. 123, 456',
				description: describe(spec, ' IDs separated by commas.'),
			};
		case 'list':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: 'e.g. [123, 456]',
				description: describe(spec, ' A JSON array, or values separated by commas.'),
			};
		case 'id':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: 'e.g. 1234567',
				description: describe(spec),
			};
		case 'string':
			return { ...base, type: 'string', default: '', description: describe(spec) };
	}
}

/** The picker for an id named after an entity: `CoworkerId`, `Booking_Coworker`. */
function pickerFor(definition: ResourceDefinition, name: string, kind: ValueKind) {
	if (kind !== 'id') return undefined;
	return definition.pickers?.[name] ?? pickerForEntity(name.replace(/Id$/, ''));
}

function fieldProperty(
	definition: ResourceDefinition,
	entity: CatalogueEntity,
	field: CatalogueField,
): INodeProperties {
	const kind = kindOf(field.type);
	const picker = pickerFor(definition, field.field, kind);
	return valueProperty({
		name: field.field,
		label: fieldLabel(field.field, kind === 'id', picker !== undefined),
		kind,
		apiName: `field ${field.field}`,
		enumValues: enumValues(entity, field.field),
		picker,
		unconfirmed: field.unconfirmed,
		note: definition.fieldNotes?.[field.field],
		help: helpFor(definition.value, field.field),
	});
}

function filterProperty(
	definition: ResourceDefinition,
	entity: CatalogueEntity,
	parameter: QueryParameter,
): INodeProperties {
	// `Booking_Resource` takes a resource's Id; `Booking_Resource_Name` a text about it.
	const navigation = !parameter.property.includes('_');
	const picker = navigation ? pickerFor(definition, parameter.property, parameter.kind) : undefined;
	const idSuffix =
		parameter.kind === 'id' && !picker && !/Id$/.test(parameter.property) ? ' ID' : '';
	const bound =
		parameter.end === 'from' ? ' (at or after)' : parameter.end === 'to' ? ' (at or before)' : '';
	return valueProperty({
		name: parameter.param,
		label: filterLabel({ property: `${parameter.property}${idSuffix}`, end: parameter.end }),
		kind: parameter.kind,
		apiName: `filter ${parameter.param}${bound}`,
		enumValues: enumValues(entity, parameter.property),
		picker,
		unconfirmed: parameter.unconfirmed,
		// A filter reads as the field it filters on: `Booking_Resource` as `ResourceId`.
		help:
			helpFor(definition.value, parameter.property) ??
			helpFor(definition.value, `${parameter.property}Id`),
	});
}

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/**
 * Shows a collection option only where it holds a value ('' included): n8n then keeps a saved
 * value under it, and "Add Filter" / "Add Field" never offer it.
 */
const shownWhenSaved = (name: string): IDisplayOptions => ({
	show: { [name]: [{ _cnd: { exists: true } }, ''] },
});

/**
 * What a yes/no option means ("Whether…", the start of its help before the API name), so that a
 * former-name or withdrawn copy of it still reads as n8n's guidelines want; '' for other kinds.
 */
function yesNoMeaning(property: INodeProperties): string {
	if (property.type !== 'boolean') return '';
	const meaning = /^(.*?) ?Nexudus (?:field|filter) /.exec(property.description ?? '')?.[1];
	return meaning ? `${meaning} ` : '';
}

/**
 * A collection option followed by one option per name it had before. n8n drops a saved value
 * whose option is gone, which would turn a saved filter into "all records"; these keep such a
 * value, and the node sends it under today's name. Each shows only where a workflow holds a value
 * under it (its own value decides its display), so "Add Filter" / "Add Field" never offer it.
 */
function withFormerNames(property: INodeProperties, formerly?: string[]): INodeProperties[] {
	const former = (formerly ?? []).map(
		(old): INodeProperties => ({
			...property,
			name: old,
			// Short: n8n cuts a long label. The workflow shows what was chosen then.
			displayName: `${formerLabel(old)} (Former Name)`,
			description: `${yesNoMeaning(property)}Saved in this workflow under its former name ${old}; the node sends it as ${property.name} (${property.displayName}), which new workflows use.`,
			displayOptions: shownWhenSaved(old),
		}),
	);
	return [property, ...former];
}

/**
 * A withdrawn filter or field: never offered, but shown where a saved workflow holds a value
 * under it, so that n8n keeps the value and the node stops naming it (dropped, a filter would
 * turn the search into "all records", and a field would silently not be written).
 */
function withdrawnOption(property: INodeProperties, reason: string): INodeProperties {
	return {
		...property,
		displayName: `${property.displayName} (Withdrawn)`,
		description: `${yesNoMeaning(property)}Nexudus has no ${property.name}: ${reason}. The node stops while it is set: remove it.`,
		displayOptions: shownWhenSaved(property.name),
	};
}

function childProperties(
	definition: ResourceDefinition,
	entity: CatalogueEntity,
	operation: 'create' | 'update',
): INodeProperties[] {
	return writableChildren(entity, operation).map((child) => {
		const childKind = (property: string): ValueKind =>
			definition.childKinds?.[child.field]?.[property] ?? 'string';
		return {
			displayName: words(child.field),
			name: child.field,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: `Add ${words(child.field).replace(/s$/, '')}`,
			description: `Nexudus ${child.field}: the whole list is sent, replacing the one Nexudus holds`,
			options: [
				{
					displayName: 'Item',
					name: 'items',
					values: child.writable.map((property) =>
						valueProperty({
							name: property,
							label: fieldLabel(property, childKind(property) === 'id', false),
							kind: childKind(property),
							apiName: `${child.field}.${property}`,
						}),
					),
				},
			],
		};
	});
}

const withdrawnFieldOptions = (
	definition: ResourceDefinition,
	entity: CatalogueEntity,
	operation: 'create' | 'update',
) =>
	withdrawnFields(entity, operation).map((field) =>
		withdrawnOption(fieldProperty(definition, entity, field), field.withdrawn as string),
	);

/** An optional top field: an enum gains a first choice that leaves the field to Nexudus. */
function withNexudusDefault(property: INodeProperties): INodeProperties {
	if (property.type !== 'options') return property;
	return {
		...property,
		default: '',
		options: [
			{ name: 'Nexudus Default', value: '', description: 'Send nothing: Nexudus decides' },
			...(property.options as INodePropertyOptions[]),
		],
	};
}

/** Fields that sit at the top of Create: the catalogue's required ones and the resource's own. */
export function topFieldNames(definition: ResourceDefinition, entity: CatalogueEntity): string[] {
	return writableFields(entity, 'create')
		.filter(
			(field) =>
				field.required ||
				definition.topFields?.includes(field.field) ||
				definition.formerlyRequired?.includes(field.field),
		)
		.map((field) => field.field);
}

export function resourceDescription(definition: ResourceDefinition): INodeProperties[] {
	const entity = entityNamed(definition.entity);
	const show = (operation: OperationName) => ({
		show: { resource: [definition.value], operation: [operation] },
	});
	const top = topFieldNames(definition, entity);
	const defaultOperation = hasVerb(entity, 'search') ? 'getAll' : 'get';
	const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [definition.value] } },
			options: operationOptions(entity, definition.noun),
			default: defaultOperation,
		},
	];
	const byId = (['get', 'update', 'delete'] as const).filter((verb) => hasVerb(entity, verb));
	properties.push({
		displayName: `${definition.label} ID`,
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234567',
		description: `The ID of the ${definition.noun}`,
		displayOptions: { show: { resource: [definition.value], operation: [...byId] } },
	});
	if (hasVerb(entity, 'search')) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show('getAll'),
			description: 'Only records matching every filter added; From and To are inclusive',
			options: [
				...queryParameters(entity).flatMap((parameter) =>
					withFormerNames(filterProperty(definition, entity, parameter), parameter.formerly),
				),
				...withdrawnParameters(entity).map((parameter) =>
					withdrawnOption(
						filterProperty(definition, entity, parameter),
						parameter.withdrawn as string,
					),
				),
			].sort(byDisplayName),
		});
	}
	if (hasVerb(entity, 'create')) {
		const fields = writableFields(entity, 'create');
		for (const field of fields.filter((candidate) => top.includes(candidate.field))) {
			const property = fieldProperty(definition, entity, field);
			properties.push({
				...(definition.formerlyRequired?.includes(field.field)
					? withNexudusDefault(property)
					: { ...property, required: true }),
				displayOptions: show('create'),
			});
		}
		properties.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Optional fields of the new record; those not added are left to Nexudus',
			displayOptions: show('create'),
			options: [
				...fields
					.filter((field) => !top.includes(field.field))
					.flatMap((field) =>
						withFormerNames(fieldProperty(definition, entity, field), field.formerly),
					),
				...childProperties(definition, entity, 'create'),
				...withdrawnFieldOptions(definition, entity, 'create'),
			].sort(byDisplayName),
		});
	}
	if (hasVerb(entity, 'update')) {
		properties.push({
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: show('update'),
			description:
				'Only the fields added here change: the node reads the whole record, changes these and sends it back',
			options: [
				...writableFields(entity, 'update').flatMap((field) =>
					withFormerNames(fieldProperty(definition, entity, field), field.formerly),
				),
				...childProperties(definition, entity, 'update'),
				...withdrawnFieldOptions(definition, entity, 'update'),
			].sort(byDisplayName),
		});
		properties.push({
			displayName: 'Clear Fields',
			name: 'clearFields',
			type: 'multiOptions',
			default: [],
			displayOptions: show('update'),
			description: CLEAR_FIELDS_HELP,
			options: [
				...writableFields(entity, 'update')
					.filter((field) => clearingValue(field) !== undefined)
					.map((field) => ({
						name: fieldLabel(field.field, kindOf(field.type) === 'id', false),
						value: field.field,
						description: `Nexudus ${field.field}`,
					})),
				...writableChildren(entity, 'update').map((child) => ({
					name: words(child.field),
					value: child.field,
					description: `Nexudus ${child.field}: every item is removed`,
				})),
			].sort((a, b) => a.name.localeCompare(b.name)),
		});
	}
	return properties;
}

/** Shared with Other Record's Update. */
export const CLEAR_FIELDS_HELP =
	'Fields to empty on purpose: text becomes empty, lists lose every item, optional numbers and dates are removed. An empty value in Update Fields never clears anything.';
