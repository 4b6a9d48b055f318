import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nexudusApiRequest, nexudusApiRequestAllItems } from '../../shared/transport';
import { InputChecker } from '../../shared/validation';
import type { Verb } from '../../shared/catalogue';
import { currentFieldName, hasVerb } from '../../shared/catalogue';
import type { Target } from './checks';
import { commandParameters } from './commandParameters';
import { readGetManyOptions } from './commonDescription';
import {
	buildBody,
	buildQuery,
	checkAgainstRecord,
	checkFiltersApplied,
	checkRequired,
} from './checks';

/**
 * Get, Get Many, Create, Update, Delete and Run Command, written once for every entity. Where
 * the values come from (typed form fields or name/value pairs) is the resource's `inputs`.
 */

export interface RecordInputs {
	filters(context: IExecuteFunctions, itemIndex: number): IDataObject;
	fields(
		context: IExecuteFunctions,
		itemIndex: number,
		operation: 'create' | 'update',
	): IDataObject;
}

export type OperationResult = IDataObject | IDataObject[];

export type GenericOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	target: Target,
	inputs: RecordInputs,
) => Promise<OperationResult>;

const VERB_WORDS: Record<Verb | 'commands', string> = {
	search: 'listed',
	get: 'read',
	create: 'created',
	update: 'updated',
	delete: 'deleted',
	commands: 'given commands',
};

function requireVerb(check: InputChecker, target: Target, verb: Verb | 'commands') {
	const offered =
		verb === 'commands' ? target.entity.commands === true : hasVerb(target.entity, verb);
	if (!offered) {
		check.fail(
			'Operation',
			`${target.label} records cannot be ${VERB_WORDS[verb]} through the Nexudus API (it offers: ${target.entity.verbs.join(', ')}${target.entity.commands ? ', commands' : ''})`,
		);
	}
}

function recordId(context: IExecuteFunctions, check: InputChecker, itemIndex: number): number {
	return check.id('Record ID', context.getNodeParameter('recordId', itemIndex));
}

async function readRecord(
	context: IExecuteFunctions,
	target: Target,
	id: number,
	itemIndex: number,
): Promise<IDataObject> {
	const record = (await nexudusApiRequest.call(context, {
		method: 'GET',
		path: `${target.entity.path}/${id}`,
		itemIndex,
		allowNotFound: true,
	})) as IDataObject | undefined;
	if (!record) {
		throw new NodeOperationError(context.getNode(), `No ${target.label} with ID ${id}`, {
			itemIndex,
		});
	}
	return record;
}

export const get: GenericOperation = async function (itemIndex, target) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'get');
	return await readRecord(this, target, recordId(this, check, itemIndex), itemIndex);
};

export const getAll: GenericOperation = async function (itemIndex, target, inputs) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'search');
	const filterQuery = buildQuery(check, target, inputs.filters(this, itemIndex));
	const { sortQuery, limit } = readGetManyOptions(this, check, itemIndex);
	// A sort saved under a field's old name sorts by the field under its corrected name.
	if (typeof sortQuery.orderBy === 'string')
		sortQuery.orderBy = currentFieldName(target.entity, sortQuery.orderBy);
	const query = { ...filterQuery, ...sortQuery };
	const rows = await nexudusApiRequestAllItems.call(
		this,
		{ path: target.entity.path, qs: query, itemIndex },
		limit,
	);
	checkFiltersApplied(check, target, query, rows);
	return rows;
};

export const create: GenericOperation = async function (itemIndex, target, inputs) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'create');
	const given = inputs.fields(this, itemIndex, 'create');
	checkRequired(check, target, given);
	const body = buildBody(check, target, 'create', given);
	const answer = (await nexudusApiRequest.call(this, {
		method: 'POST',
		path: target.entity.path,
		body,
		itemIndex,
	})) as { Value?: { Id?: unknown } };
	const id = check.id(`the Id Nexudus gave the new ${target.label}`, answer?.Value?.Id);
	const record = await readRecord(this, target, id, itemIndex);
	// A field the new record lacks: its catalogue name may be wrong, or Nexudus may not return it
	// (a write-only flag). Failing now would invite a retry that creates the record twice, so the
	// record is returned with a warning that names the fields.
	const notKept = Object.keys(body).filter((name) => !(name in record));
	if (notKept.length > 0) {
		this.addExecutionHints({
			message: `${target.label} ${id} was created, but the record Nexudus returned has no ${notKept.join(', ')}: check that Nexudus kept ${notKept.length > 1 ? 'them' : 'it'}.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return record;
};

export const update: GenericOperation = async function (itemIndex, target, inputs) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'update');
	requireVerb(check, target, 'get');
	const id = recordId(this, check, itemIndex);
	const changes = buildBody(check, target, 'update', inputs.fields(this, itemIndex, 'update'));
	if (Object.keys(changes).length === 0)
		check.fail('Update Fields', 'add at least one field to change');
	// PUT replaces the whole record and list rows are partial: start from the full record.
	const record = await readRecord(this, target, id, itemIndex);
	checkAgainstRecord(check, target, changes, record);
	await nexudusApiRequest.call(this, {
		method: 'PUT',
		path: target.entity.path,
		body: { ...record, ...changes, Id: id },
		itemIndex,
	});
	return await readRecord(this, target, id, itemIndex);
};

const remove: GenericOperation = async function (itemIndex, target) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'delete');
	const id = recordId(this, check, itemIndex);
	const answer = await nexudusApiRequest.call(this, {
		method: 'DELETE',
		path: `${target.entity.path}/${id}`,
		itemIndex,
		allowNotFound: true,
	});
	if (answer === undefined) {
		throw new NodeOperationError(this.getNode(), `No ${target.label} with ID ${id}`, { itemIndex });
	}
	return { Id: id, deleted: true };
};
export { remove as delete };

export const runCommand: GenericOperation = async function (itemIndex, target) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'commands');
	const key = check.name('Command', this.getNodeParameter('command', itemIndex));
	const idsText = String(this.getNodeParameter('commandIds', itemIndex, '') ?? '');
	const ids = idsText
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '')
		.map((id) => check.id('Record IDs', id));
	if (ids.length === 0) check.fail('Record IDs', 'give at least one record ID');
	const Parameters = await commandParameters(this, check, target, key, itemIndex);
	// Nexudus answers 200 with WasSuccessful false when a command fails; the transport turns
	// that into an error, so what is returned here is a success.
	return (await nexudusApiRequest.call(this, {
		method: 'POST',
		path: `${target.entity.path}/runcommand`,
		body: { Key: key, Ids: ids, Parameters },
		itemIndex,
	})) as IDataObject;
};
