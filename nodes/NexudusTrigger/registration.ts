import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findEvent, parseEvents } from '../shared/events';
import { InputChecker } from '../shared/validation';
import type { WebHookRecord } from '../shared/webhooks';
import {
	createWebHook,
	deleteWebHook,
	findWebHook,
	searchWebHooks,
	updateWebHook,
} from '../shared/webhooks';

/**
 * Keeps one active Nexudus WebHook record per chosen event pointing at this node's URL.
 *
 * Nexudus allows one action per record, and a delivery does not say which action fired, so each
 * record gets its own URL: the node's webhook URL plus `?action=<number>`. A record belongs to the
 * node when its URL ends with the node's stable path (`/webhook/<webhookId>/webhook?action=N`, or
 * `/webhook-test/…` in test mode), whatever host it names, so a lost static-data entry (reset,
 * import, restart) never leads to a second record and a changed public URL retires the old ones.
 *
 * checkExists only reads. create makes every change, so its undo sees all of them. Where several
 * records could serve one event, the lowest Id wins, so concurrent activations agree.
 */

export const ACTION_QUERY_PARAMETER = 'action';

export type OnStop = 'deactivate' | 'delete';

interface Registration {
	/** The node's webhook URL as n8n gives it now. */
	webhookUrl: string;
	/** The part of that URL n8n keeps stable: `/webhook/<webhookId>/webhook`. */
	identity: string;
	businessId: number;
	actions: number[];
	onStop: OnStop;
}

/**
 * Static data: the ids of the records the node holds, per stable path (production and test kept
 * apart). Earlier versions stored `{ action: id }` under the full URL; those are still read.
 */
interface TriggerStaticData extends IDataObject {
	webHookIds?: Record<string, number[] | Record<string, number>>;
}

function urlForAction(webhookUrl: string, action: number): string {
	return `${webhookUrl}?${ACTION_QUERY_PARAMETER}=${action}`;
}

/** The last three path segments: n8n's endpoint (`webhook`/`webhook-test`), webhookId, path. */
function identityOf(url: string): string | undefined {
	let pathname: string;
	try {
		pathname = new URL(url).pathname;
	} catch {
		return undefined;
	}
	const segments = pathname.split('/').filter((segment) => segment !== '');
	return segments.length >= 3 ? `/${segments.slice(-3).join('/')}` : undefined;
}

function readOnStop(context: IHookFunctions): OnStop {
	const options = context.getNodeParameter('options', {}) as { onStop?: OnStop };
	return options.onStop === 'delete' ? 'delete' : 'deactivate';
}

function nodeWebhookUrl(context: IHookFunctions): { webhookUrl: string; identity: string } {
	const webhookUrl = context.getNodeWebhookUrl('default');
	const identity = webhookUrl ? identityOf(webhookUrl) : undefined;
	if (!webhookUrl || !identity) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node',
		);
	}
	return { webhookUrl, identity };
}

function readRegistration(context: IHookFunctions): Registration {
	const check: InputChecker = new InputChecker(context.getNode(), 0);
	const events = parseEvents(context.getNodeParameter('events', []));
	if ('problem' in events) check.fail('Events', events.problem);
	return {
		...nodeWebhookUrl(context),
		businessId: check.id(
			'Location',
			context.getNodeParameter('location', '', { extractValue: true }),
		),
		actions: events.actions,
		onStop: readOnStop(context),
	};
}

function isStoredFor(key: string, identity: string): boolean {
	return key === identity || identityOf(key) === identity;
}

function readStoredIds(context: IHookFunctions, identity: string): number[] {
	const stored = (context.getWorkflowStaticData('node') as TriggerStaticData).webHookIds ?? {};
	const ids = Object.entries(stored)
		.filter(([key]) => isStoredFor(key, identity))
		.flatMap(([, value]) => Object.values(value ?? {}))
		.map(Number)
		.filter((id) => Number.isInteger(id) && id > 0);
	return [...new Set(ids)].sort((a, b) => a - b);
}

function writeStoredIds(context: IHookFunctions, identity: string, ids: number[]) {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	const stored = (staticData.webHookIds ??= {});
	for (const key of Object.keys(stored)) if (isStoredFor(key, identity)) delete stored[key];
	if (ids.length > 0) stored[identity] = [...new Set(ids)].sort((a, b) => a - b);
}

const ACTION_QUERY = new RegExp(`^\\?${ACTION_QUERY_PARAMETER}=([0-9]+)$`);

/** True when the record's URL is this node's stable path plus `?action=<number>`, on any host. */
function isOwnRecord(record: WebHookRecord, identity: string): boolean {
	try {
		return identityOf(record.URL) === identity && ACTION_QUERY.test(new URL(record.URL).search);
	} catch {
		return false;
	}
}

/**
 * Every Nexudus record of this node, on any host. Nexudus's URL filter matches part of the value,
 * so one search on the stable path finds them all; should it match whole values only, the exact
 * per-action searches and the known ids still find every record on the current host.
 */
async function findOwnRecords(
	context: IHookFunctions,
	registration: Registration,
	knownIds: number[],
): Promise<WebHookRecord[]> {
	const found = new Map<number, WebHookRecord>();
	const keepOwn = (records: WebHookRecord[]) => {
		for (const record of records) {
			if (isOwnRecord(record, registration.identity)) found.set(record.Id, record);
		}
	};
	keepOwn(
		await searchWebHooks.call(context, {
			WebHook_URL: `${registration.identity}?${ACTION_QUERY_PARAMETER}=`,
		}),
	);
	for (const action of registration.actions) {
		const url = urlForAction(registration.webhookUrl, action);
		if (![...found.values()].some((record) => record.URL === url)) {
			keepOwn(await searchWebHooks.call(context, { WebHook_URL: url }));
		}
	}
	for (const id of knownIds) {
		if (!found.has(id)) {
			const record = await findWebHook.call(context, id);
			if (record) keepOwn([record]);
		}
	}
	return [...found.values()].sort((a, b) => a.Id - b.Id);
}

interface Plan {
	/** The record serving each chosen event that has one: the lowest Id among those that fit. */
	keep: WebHookRecord[];
	/** Chosen events with no record that fits. */
	missing: number[];
	/** Kept records that are switched off. */
	reactivate: WebHookRecord[];
	/** Other records of this node: switched off when active, or deleted when On Stop says so. */
	retire: WebHookRecord[];
}

function planFor(registration: Registration, records: WebHookRecord[]): Plan {
	const keep: WebHookRecord[] = [];
	const missing: number[] = [];
	for (const action of registration.actions) {
		const url = urlForAction(registration.webhookUrl, action);
		const fitting = records.find(
			(record) =>
				record.URL === url &&
				record.Action === action &&
				record.BusinessId === registration.businessId,
		);
		if (fitting) keep.push(fitting);
		else missing.push(action);
	}
	const kept = new Set(keep.map((record) => record.Id));
	return {
		keep,
		missing,
		reactivate: keep.filter((record) => !record.Active),
		retire: records.filter(
			(record) => !kept.has(record.Id) && (record.Active || registration.onStop === 'delete'),
		),
	};
}

function sameIds(a: number[], b: number[]): boolean {
	return a.length === b.length && a.every((id, index) => id === b[index]);
}

/**
 * Read-only: true when every chosen event has exactly one active record of this node, nothing
 * else of this node is active (or left over, when On Stop deletes), and the static data knows them.
 */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	const registration = readRegistration(this);
	const storedIds = readStoredIds(this, registration.identity);
	const plan = planFor(registration, await findOwnRecords(this, registration, storedIds));
	return (
		plan.missing.length === 0 &&
		plan.reactivate.length === 0 &&
		plan.retire.length === 0 &&
		sameIds(
			storedIds,
			plan.keep.map((record) => record.Id).sort((a, b) => a - b),
		)
	);
}

type ChangeKind = 'created' | 'reactivated' | 'deactivated' | 'deleted';

interface Change {
	id: number;
	kind: ChangeKind;
}

/** Rounds of look → change → look again before giving up on records that keep disappearing. */
const MAX_ROUNDS = 3;

/**
 * Brings Nexudus in line with the node: reuses the records found (switching back on those Nexudus
 * disabled or a user paused), creates the missing ones, looks again (a concurrent activation may
 * have created its own: the lowest Id wins), then retires every other record of this node.
 * On failure, undoes every change it made and says what is left.
 */
export async function createWebhooks(this: IHookFunctions): Promise<boolean> {
	const registration = readRegistration(this);
	const storedBefore = readStoredIds(this, registration.identity);
	const changes: Change[] = [];
	const setActive = async (record: WebHookRecord, active: boolean, kind: ChangeKind) => {
		if (await updateWebHook.call(this, record.Id, { Active: active })) {
			changes.push({ id: record.Id, kind });
		}
	};

	try {
		for (let round = 1; ; round++) {
			const knownIds = [...storedBefore, ...changes.map((change) => change.id)];
			const plan = planFor(registration, await findOwnRecords(this, registration, knownIds));
			for (const record of plan.reactivate) await setActive(record, true, 'reactivated');
			if (plan.missing.length === 0) {
				for (const record of plan.retire) {
					if (registration.onStop === 'delete') {
						if (await deleteWebHook.call(this, record.Id)) {
							changes.push({ id: record.Id, kind: 'deleted' });
						}
					} else {
						await setActive(record, false, 'deactivated');
					}
				}
				writeStoredIds(
					this,
					registration.identity,
					plan.keep.map((record) => record.Id),
				);
				return true;
			}
			if (round === MAX_ROUNDS) {
				throw new NodeOperationError(
					this.getNode(),
					'The Nexudus WebHook records created for this trigger disappeared again',
				);
			}
			for (const action of plan.missing) {
				const id = await createWebHook.call(this, newRecordFields(this, registration, action));
				changes.push({ id, kind: 'created' });
			}
		}
	} catch (error) {
		const { summary, stillActive } = await undo(this, changes);
		writeStoredIds(this, registration.identity, [...storedBefore, ...stillActive]);
		const { message, description } = error as Error & { description?: string };
		throw new NodeOperationError(this.getNode(), `${message.replace(/\.?$/, '.')} ${summary}`, {
			description: description ?? undefined,
			level: 'error',
		});
	}
}

function newRecordFields(context: IHookFunctions, registration: Registration, action: number) {
	const workflow = context.getWorkflow();
	const workflowLabel = `${workflow.name ?? 'workflow'} (#${workflow.id})`;
	const eventName = findEvent(action)?.name ?? String(action);
	return {
		BusinessId: registration.businessId,
		Name: truncate(`n8n: ${workflowLabel} – ${eventName}`, 255),
		Action: action,
		URL: urlForAction(registration.webhookUrl, action),
		Description: `Created by the Nexudus Trigger of n8n workflow ${workflowLabel}. n8n ${
			registration.onStop === 'delete' ? 'deletes it' : 'switches it off'
		} when the workflow is deactivated.`,
		Active: true,
	};
}

const UNDO_FAILED: Record<ChangeKind, string> = {
	created: 'created by this activation, still active',
	reactivated: 'switched on by this activation, still active',
	deactivated: 'switched off by this activation, still off',
	deleted: 'deleted by this activation as no longer needed; it cannot be restored',
};

/** Reverts the changes, newest first. Answers a sentence on what is left, and what stays active. */
async function undo(
	context: IHookFunctions,
	changes: Change[],
): Promise<{ summary: string; stillActive: number[] }> {
	const left: Change[] = [];
	for (const change of [...changes].reverse()) {
		if (change.kind === 'deleted') {
			left.push(change);
			continue;
		}
		const reverted = await (
			change.kind === 'created'
				? deleteWebHook.call(context, change.id)
				: updateWebHook.call(context, change.id, { Active: change.kind === 'deactivated' })
		).then(
			() => true,
			() => false,
		);
		if (!reverted) left.push(change);
	}
	const made = `${changes.length} change${changes.length === 1 ? '' : 's'} it had made in Nexudus`;
	const parts = [
		changes.length === 0
			? 'Nothing was changed in Nexudus.'
			: `Activation undid ${left.length === 0 ? 'the' : `${changes.length - left.length} of the`} ${made}.`,
	];
	if (left.length > 0) {
		const described = left.map((change) => `WebHook ${change.id} (${UNDO_FAILED[change.kind]})`);
		parts.push(`Not undone: ${described.join('; ')}.`);
	}
	return {
		summary: parts.join(' '),
		stillActive: left
			.filter((change) => change.kind === 'created' || change.kind === 'reactivated')
			.map((change) => change.id),
	};
}

/**
 * Switches off (or deletes) the node's records. Never throws: n8n saves static data and drops its
 * own webhook rows only after every node's delete returned. What could not be handled is logged,
 * and its id stays in static data for the next activation to reuse or retire.
 */
export async function deleteWebhooks(this: IHookFunctions): Promise<boolean> {
	try {
		const { identity } = nodeWebhookUrl(this);
		const onStop = readOnStop(this);
		const unhandled: number[] = [];
		for (const id of readStoredIds(this, identity)) {
			try {
				if (onStop === 'delete') await deleteWebHook.call(this, id);
				else await updateWebHook.call(this, id, { Active: false });
			} catch (error) {
				unhandled.push(id);
				this.logger.warn(
					`Nexudus Trigger: could not ${onStop} WebHook record ${id} (${(error as Error).message.replace(/\.$/, '')}). Its id is kept; the next activation of the workflow reuses or retires it.`,
					{ workflowId: this.getWorkflow().id, node: this.getNode().name },
				);
			}
		}
		writeStoredIds(this, identity, unhandled);
		return unhandled.length === 0;
	} catch (error) {
		this.logger.warn(
			`Nexudus Trigger: could not stop the Nexudus webhooks: ${(error as Error).message}`,
			{ workflowId: this.getWorkflow().id, node: this.getNode().name },
		);
		return false;
	}
}

function truncate(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
