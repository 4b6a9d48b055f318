import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputChecker } from '../../shared/validation';
import { entityNamed } from '../../shared/catalogue';
import type { ResourceDefinition } from '../resources/definition';
import { topFieldNames } from './description';
import type { RecordInputs } from './operations';
import { isNothing } from './values';

/** Where the generic operations read filters and fields from. */

/** First-class resources: typed form fields, named after the catalogue's filters and fields. */
export function typedInputs(definition: ResourceDefinition): RecordInputs {
	const top = topFieldNames(definition, entityNamed(definition.entity));
	return {
		filters: (context, itemIndex) =>
			context.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		fields: (context, itemIndex, operation) => {
			if (operation === 'update') {
				return context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			}
			const given: IDataObject = {};
			// A top field left empty is not given (a required one is then reported as missing).
			for (const name of top) {
				const value = context.getNodeParameter(name, itemIndex, '');
				if (!isNothing(value)) given[name] = value as IDataObject[string];
			}
			return {
				...given,
				...(context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			};
		},
	};
}

interface Pair {
	name?: string;
	value?: unknown;
}

function pairsToObject(check: InputChecker, label: string, pairs: Pair[]): IDataObject {
	const result: IDataObject = {};
	pairs.forEach((pair, index) => {
		const name = check.name(`${label} item ${index + 1} > Name`, pair.name);
		if (name in result) check.fail(label, `"${name}" is given twice`);
		result[name] = pair.value as IDataObject[keyof IDataObject];
	});
	return result;
}

function jsonObject(check: InputChecker, value: unknown): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			check.fail('Fields (JSON)', `is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		check.fail('Fields (JSON)', 'must be a JSON object of field names and values');
	}
	return parsed as IDataObject;
}

/** Other Record: filters and fields as name/value pairs, or the fields as one JSON object. */
export const pairInputs: RecordInputs = {
	filters: (context: IExecuteFunctions, itemIndex: number) => {
		const check = new InputChecker(context.getNode(), itemIndex);
		const pairs = context.getNodeParameter('filterPairs', itemIndex, {}) as { filter?: Pair[] };
		return pairsToObject(check, 'Filters', pairs.filter ?? []);
	},
	fields: (context: IExecuteFunctions, itemIndex: number) => {
		const check = new InputChecker(context.getNode(), itemIndex);
		if (context.getNodeParameter('fieldsInput', itemIndex, 'pairs') === 'json') {
			return jsonObject(check, context.getNodeParameter('fieldsJson', itemIndex, '{}'));
		}
		const pairs = context.getNodeParameter('fieldPairs', itemIndex, {}) as { field?: Pair[] };
		return pairsToObject(check, 'Fields', pairs.field ?? []);
	},
};
