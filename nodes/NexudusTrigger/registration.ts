import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findEvent } from '../shared/events';
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
 * record gets its own URL: the node's webhook URL plus `?action=<number>`. Records are found by
 * that URL, so a lost static-data entry (reset, import, restart) never leads to a second record.
 */

export const ACTION_QUERY_PARAMETER = 'action';

export type OnStop = 'deactivate' | 'delete';

interface Registration {
	webhookUrl: string;
	businessId: number;
	actions: number[];
}

/** Static data per webhook URL (production and test URLs are kept apart): action → record Id. */
type StoredIds = Record<string, number>;

interface TriggerStaticData extends IDataObject {
	webHookIds?: Record<string, StoredIds>;
}

function urlForAction(webhookUrl: string, action: number): string {
	const separator = webhookUrl.includes('?') ? '&' : '?';
	return `${webhookUrl}${separator}${ACTION_QUERY_PARAMETER}=${action}`;
}

function readRegistration(context: IHookFunctions): Registration {
	const check = new InputChecker(context.getNode(), 0);
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node',
		);
	}
	const events = context.getNodeParameter('events', []) as number[];
	if (events.length === 0) check.fail('Events', 'choose at least one event');
	return {
		webhookUrl,
		businessId: check.id(
			'Location',
			context.getNodeParameter('location', '', { extractValue: true }),
		),
		actions: [...new Set(events.map((event) => check.event('Events', event)))],
	};
}

function storedIds(context: IHookFunctions, webhookUrl: string): StoredIds {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	staticData.webHookIds ??= {};
	staticData.webHookIds[webhookUrl] ??= {};
	return staticData.webHookIds[webhookUrl];
}

function forgetIfEmpty(context: IHookFunctions, webhookUrl: string) {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	if (staticData.webHookIds && Object.keys(staticData.webHookIds[webhookUrl] ?? {}).length === 0) {
		delete staticData.webHookIds[webhookUrl];
	}
}

function isOwnRecord(record: WebHookRecord, webhookUrl: string): boolean {
	const prefix = urlForAction(webhookUrl, 0).replace(/0$/, '');
	return record.URL.startsWith(prefix) && /^[0-9]+$/.test(record.URL.slice(prefix.length));
}

/**
 * Every Nexudus record whose URL is one of this node's per-action URLs. Nexudus's URL filter
 * matches part of the value, so one search finds them all; should it match whole values only,
 * the exact per-action searches and the stored ids still find every record.
 */
async function findOwnRecords(
	context: IHookFunctions,
	registration: Registration,
	ids: StoredIds,
): Promise<WebHookRecord[]> {
	const found = new Map<number, WebHookRecord>();
	const keepOwn = (records: WebHookRecord[]) => {
		for (const record of records) {
			if (isOwnRecord(record, registration.webhookUrl)) found.set(record.Id, record);
		}
	};
	keepOwn(await searchWebHooks.call(context, { WebHook_URL: registration.webhookUrl }));

	for (const action of registration.actions) {
		const url = urlForAction(registration.webhookUrl, action);
		if (![...found.values()].some((record) => record.URL === url)) {
			keepOwn(await searchWebHooks.call(context, { WebHook_URL: url }));
		}
	}
	for (const id of Object.values(ids)) {
		if (!found.has(id)) {
			const record = await findWebHook.call(context, id);
			if (record) keepOwn([record]);
		}
	}
	return [...found.values()];
}

interface Reconciled {
	/** Chosen actions with no record yet. */
	missing: number[];
	/** Records switched back on during this reconciliation. */
	reactivated: number[];
}

/**
 * Brings Nexudus in line with the node without ever creating or deleting anything: adopts the
 * records found for each chosen event (preferring the stored one), switches back on a record that
 * Nexudus auto-disabled or a user paused, and switches off duplicates and records of events,
 * locations or URLs no longer chosen. Answers what is still missing.
 */
async function reconcile(context: IHookFunctions, registration: Registration): Promise<Reconciled> {
	const ids = storedIds(context, registration.webhookUrl);
	const records = await findOwnRecords(context, registration, ids);
	const keep = new Map<number, WebHookRecord>();

	for (const action of registration.actions) {
		const url = urlForAction(registration.webhookUrl, action);
		const candidates = records.filter(
			(record) =>
				record.URL === url &&
				record.Action === action &&
				record.BusinessId === registration.businessId,
		);
		const chosen =
			candidates.find((record) => record.Id === ids[action]) ??
			candidates.find((record) => record.Active) ??
			candidates[0];
		if (chosen) keep.set(action, chosen);
	}

	const reactivated: number[] = [];
	for (const [action, record] of keep) {
		if (!record.Active) {
			await updateWebHook.call(context, record.Id, { Active: true });
			reactivated.push(record.Id);
		}
		ids[action] = record.Id;
	}

	const keptIds = new Set([...keep.values()].map((record) => record.Id));
	for (const record of records) {
		if (!keptIds.has(record.Id) && record.Active) {
			await updateWebHook.call(context, record.Id, { Active: false });
		}
	}
	for (const action of Object.keys(ids)) {
		if (!keep.has(Number(action))) delete ids[action];
	}

	return {
		missing: registration.actions.filter((action) => !keep.has(action)),
		reactivated,
	};
}

/** True when every chosen event has an active record for this node. */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	const { missing } = await reconcile(this, readRegistration(this));
	return missing.length === 0;
}

/** Creates the records still missing. On failure, undoes what this call did and says why. */
export async function createWebhooks(this: IHookFunctions): Promise<boolean> {
	const registration = readRegistration(this);
	const { missing, reactivated } = await reconcile(this, registration);
	const ids = storedIds(this, registration.webhookUrl);
	const created: number[] = [];
	const workflow = this.getWorkflow();
	const workflowLabel = `${workflow.name ?? 'workflow'} (#${workflow.id})`;

	try {
		for (const action of missing) {
			const eventName = findEvent(action)?.name ?? String(action);
			const id = await createWebHook.call(this, {
				BusinessId: registration.businessId,
				Name: truncate(`n8n: ${workflowLabel} – ${eventName}`, 255),
				Action: action,
				URL: urlForAction(registration.webhookUrl, action),
				Description: `Created by the Nexudus Trigger of n8n workflow ${workflowLabel}. n8n switches it off when the workflow is deactivated.`,
				Active: true,
			});
			created.push(id);
			ids[action] = id;
		}
	} catch (error) {
		const undone = await undo(this, registration.webhookUrl, created, reactivated);
		throw new NodeOperationError(this.getNode(), error as Error, {
			description: `Registering the Nexudus webhooks failed; ${undone}`,
		});
	}
	return true;
}

async function undo(
	context: IHookFunctions,
	webhookUrl: string,
	created: number[],
	reactivated: number[],
): Promise<string> {
	const ids = storedIds(context, webhookUrl);
	const left: number[] = [];
	for (const id of created) {
		const removed = await deleteWebHook.call(context, id).then(
			() => true,
			() => false,
		);
		if (removed) {
			for (const [action, storedId] of Object.entries(ids)) if (storedId === id) delete ids[action];
		} else {
			left.push(id);
		}
	}
	for (const id of reactivated) {
		const paused = await updateWebHook.call(context, id, { Active: false }).then(
			() => true,
			() => false,
		);
		if (!paused) left.push(id);
	}
	return left.length === 0
		? 'nothing was left registered.'
		: `these WebHook records could not be undone and remain in Nexudus: ${left.join(', ')}.`;
}

/** Deactivates (or deletes) this node's records. Ids are forgotten only for records handled. */
export async function deleteWebhooks(this: IHookFunctions): Promise<boolean> {
	const webhookUrl = this.getNodeWebhookUrl('default') ?? '';
	const options = this.getNodeParameter('options', {}) as { onStop?: OnStop };
	const onStop = options.onStop ?? 'deactivate';
	const ids = storedIds(this, webhookUrl);
	const failures: string[] = [];

	for (const [action, id] of Object.entries(ids)) {
		try {
			if (onStop === 'delete') {
				await deleteWebHook.call(this, id);
			} else {
				await updateWebHook.call(this, id, { Active: false });
			}
			delete ids[action];
		} catch (error) {
			failures.push(`${id}: ${(error as Error).message}`);
		}
	}
	forgetIfEmpty(this, webhookUrl);

	if (failures.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not ${onStop} ${failures.length} Nexudus WebHook record(s)`,
			{ description: failures.join('\n') },
		);
	}
	return true;
}

function truncate(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
