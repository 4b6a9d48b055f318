import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { currentRateLimits } from '../../shared/pacing';
import { withRecordLock } from '../../shared/recordLock';
import { nexudusApiRequest, nexudusApiRequestAllItems, STALE_WRITE } from '../../shared/transport';
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
	clearedFields,
} from './checks';
import { notTaken, putBody, sameAsRead, unrequestedChanges } from './writeBack';

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
	})) as { Value?: IDataObject | null };
	// From here on Nexudus has the record: whatever fails, the item names it, so that a retry
	// does not create it twice.
	const written = answer?.Value && typeof answer.Value === 'object' ? answer.Value : {};
	const id = Number(written.Id);
	if (!Number.isSafeInteger(id) || id <= 0) {
		warn(
			this,
			`Nexudus created the ${target.label} but its answer gave no Id (Value: ${JSON.stringify(answer?.Value ?? null)}): look it up in Nexudus before running this again.`,
		);
		return { ...written, created: true };
	}
	let record: IDataObject;
	try {
		record = await readRecord(this, target, id, itemIndex);
	} catch (error) {
		warn(
			this,
			`${target.label} ${id} was created, but reading it back failed (${(error as Error).message}). The item carries only its Id: do not create it again.`,
		);
		return { ...written, Id: id, created: true, readBackFailed: true };
	}
	// A field the new record lacks: its catalogue name may be wrong, or Nexudus may not return it
	// (a write-only flag). Failing now would invite a retry that creates the record twice, so the
	// record is returned with a warning that names the fields.
	const notKept = Object.keys(body).filter((name) => !(name in record));
	if (notKept.length > 0) {
		warn(
			this,
			`${target.label} ${id} was created, but the record Nexudus returned has no ${notKept.join(', ')}: check that Nexudus kept ${notKept.length > 1 ? 'them' : 'it'}.`,
		);
	}
	return record;
};

/** A warning in the output pane: the item succeeded, but something needs the user's eye. */
function warn(context: IExecuteFunctions, message: string) {
	context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}

/** Clear Fields: a list from the form, or names separated by commas from an expression. */
function clearFieldNames(context: IExecuteFunctions, itemIndex: number): string[] {
	const value = context.getNodeParameter('clearFields', itemIndex, []) as unknown;
	const names = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return names.map((name) => name.trim()).filter((name) => name !== '');
}

/** Reads again and re-applies the changes at most this often when the PUT had to wait. */
const MAX_WRITE_ATTEMPTS = 4;

/**
 * How long after its read a PUT may still go: ten times Nexudus's request spacing (1 s). A PUT
 * that would wait longer (for write room, a throttle) is built again from a fresh read.
 */
const freshnessMs = () => 10 * currentRateLimits().minIntervalMs;

export const update: GenericOperation = async function (itemIndex, target, inputs) {
	const check = new InputChecker(this.getNode(), itemIndex);
	requireVerb(check, target, 'update');
	requireVerb(check, target, 'get');
	const id = recordId(this, check, itemIndex);
	const changes = buildBody(check, target, 'update', inputs.fields(this, itemIndex, 'update'));
	Object.assign(changes, clearedFields(check, target, clearFieldNames(this, itemIndex), changes));
	if (Object.keys(changes).length === 0)
		check.fail('Update Fields', 'add at least one field to change or to clear');
	const fail = (message: string, description?: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	};
	// One read-modify-write of a record at a time in this process; the read stays next to the write.
	return await withRecordLock(`${target.entity.path}/${id}`, async () => {
		// PUT replaces the whole record and list rows are partial: start from the full record.
		const first = await readRecord(this, target, id, itemIndex);
		checkAgainstRecord(check, target, changes, first);
		let current = first;
		for (let attempt = 1; ; attempt++) {
			const answer = await nexudusApiRequest.call(this, {
				method: 'PUT',
				path: target.entity.path,
				body: putBody(target.entity, current, changes, id),
				itemIndex,
				sendWithinMs: freshnessMs(),
			});
			if (answer !== STALE_WRITE) break;
			if (attempt >= MAX_WRITE_ATTEMPTS) {
				fail(
					`${target.label} ${id} was not updated: the write had to wait ${attempt} times after reading the record`,
					'Nexudus was busy (rate limit). Nothing was written; run the update again later or send fewer requests at once.',
				);
			}
			current = await readRecord(this, target, id, itemIndex);
			const collisions = Object.keys(changes).filter(
				(name) => !sameAsRead(first[name], current[name]),
			);
			if (collisions.length > 0) {
				fail(
					`${target.label} ${id} was changed in Nexudus while this update waited (${collisions.join(', ')}): not overwritten`,
					`UpdatedOn moved from ${String(first.UpdatedOn)} to ${String(current.UpdatedOn)} (by ${String(current.UpdatedBy)}). Nothing was written; check the record and run the update again.`,
				);
			}
		}
		const after = await readRecord(this, target, id, itemIndex);
		const missed = notTaken(changes, after);
		if (missed.length > 0) {
			fail(
				`${target.label} ${id} was updated, but Nexudus did not take ${missed.join(', ')}`,
				missed
					.map(
						(name) =>
							`${name}: sent ${JSON.stringify(changes[name])}, Nexudus holds ${JSON.stringify(after[name] ?? null)}`,
					)
					.join('\n'),
			);
		}
		const unrequested = unrequestedChanges(changes, current, after);
		if (unrequested.length > 0) {
			warn(
				this,
				`${target.label} ${id} was updated; Nexudus also changed ${unrequested.join(', ')}, which the update did not set: check ${unrequested.length > 1 ? 'them' : 'it'}.`,
			);
		}
		return after;
	});
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
	return await runPerRecord(this, itemIndex, target, key, ids, Parameters);
};

interface CommandAnswer extends IDataObject {
	WasSuccessful: boolean;
	Message: string;
}

/**
 * Nexudus answers a command on several records with one WasSuccessful and one Message, which
 * do not say which records it failed for. So the command goes to one record at a time: each
 * record's outcome is known, a partial failure is reported per record (with a warning) instead of
 * failing the item, and a retry can leave out the records that succeeded. When it fails for every
 * record, nothing happened and the item fails.
 */
async function runPerRecord(
	context: IExecuteFunctions,
	itemIndex: number,
	target: Target,
	key: string,
	ids: number[],
	Parameters: readonly object[],
): Promise<IDataObject> {
	const results: CommandAnswer[] = [];
	let stoppedBy: Error | undefined;
	for (const id of ids) {
		if (stoppedBy) {
			results.push({
				Id: id,
				WasSuccessful: false,
				Message: 'not run: stopped by the failure before',
			});
			continue;
		}
		let answer: IDataObject | undefined;
		try {
			answer = (await nexudusApiRequest.call(context, {
				method: 'POST',
				path: `${target.entity.path}/runcommand`,
				body: { Key: key, Ids: [id], Parameters },
				itemIndex,
				acceptUnsuccessful: true,
			})) as IDataObject | undefined;
		} catch (error) {
			// Once a record has the command, failing the item would invite a retry that repeats it.
			stoppedBy = error as Error;
			results.push({
				Id: id,
				WasSuccessful: false,
				Message: `the request failed, so whether it ran is not known (${stoppedBy.message})`,
			});
			continue;
		}
		results.push({
			...answer,
			Id: id,
			WasSuccessful: answer?.WasSuccessful !== false,
			// `100083: The booking is not tentative.`: the record's own Id is not repeated.
			Message: typeof answer?.Message === 'string' ? answer.Message.replace(`${id}: `, '') : '',
		});
	}
	const succeeded = results.filter((result) => result.WasSuccessful).map((result) => result.Id);
	const failed = results
		.filter((result) => !result.WasSuccessful)
		.map((result) => ({ Id: result.Id, Message: result.Message }));
	const summary = failed.map((result) => `${String(result.Id)}: ${result.Message}`).join('; ');
	// Nothing ran: the first request failed, or Nexudus refused the command for every record.
	if (stoppedBy && results[0].Message.startsWith('the request failed')) {
		throw new NodeOperationError(context.getNode(), stoppedBy, { itemIndex });
	}
	if (succeeded.length === 0 && !stoppedBy) {
		throw new NodeOperationError(
			context.getNode(),
			`Nexudus rejected the command ${key}: ${summary}`,
			{ itemIndex, description: 'The command did not run on any of the records.' },
		);
	}
	if (failed.length > 0) {
		warn(
			context,
			`${key} ran on ${target.label} ${succeeded.join(', ')} but failed on ${summary}. Run it again only for the records that failed.`,
		);
	}
	return {
		Key: key,
		WasSuccessful: failed.length === 0,
		Message: results.map((result) => `${String(result.Id)}: ${result.Message}`).join('\n'),
		succeeded,
		failed,
		results,
	};
}
