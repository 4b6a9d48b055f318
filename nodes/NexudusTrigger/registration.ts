import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findEvent, parseEvents } from '../shared/events';
import { fetchLocations, parseLocationIds } from '../shared/locations';
import { InputChecker } from '../shared/validation';
import type { WebHookRecord } from '../shared/webhooks';
import {
	ACTION_QUERY_PARAMETER,
	ALL_LOCATIONS_QUERY,
	LOCATION_QUERY_PARAMETER,
	TRIGGER_RECORD_QUERY,
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
 * record gets its own URL: the node's webhook URL plus `?action=<number>`. A record at the node's
 * stable path (`/webhook/<webhookId>/webhook?action=N`, or `/webhook-test/…` in test mode) belongs
 * to the node when it delivers to this n8n (its URL is the node's URL now), or when it was
 * registered by this n8n instance (its Description names n8n's instance id, or, for records of
 * earlier versions that name none, its id is in static data): so a lost static-data entry never
 * leads to a second record and a changed public URL retires the old ones, while the records of a
 * second n8n holding the same workflow (staging beside production, an imported copy) are left
 * alone and named in a warning.
 *
 * checkExists only reads. create makes every change, so its undo sees all of them. Where several
 * records could serve one event, the lowest Id wins, so concurrent activations agree.
 */

/**
 * Which locations the trigger listens to. `one` (the default, and all that workflows saved before
 * knew) keeps today's records: `?action=N` at the location of the Location parameter.
 */
export type LocationMode = 'one' | 'several' | 'all';

export function readLocationMode(context: {
	getNodeParameter: IHookFunctions['getNodeParameter'];
}) {
	const mode = context.getNodeParameter('locationMode', 'one');
	return mode === 'several' || mode === 'all' ? mode : 'one';
}

/** One record the node keeps: an event at a location. */
interface Target {
	businessId: number;
	/** The location's name, when known (Several or All Locations). */
	locationName?: string;
	action: number;
	url: string;
}

export type OnStop = 'deactivate' | 'delete';

interface Registration {
	/** The node's webhook URL as n8n gives it now. */
	webhookUrl: string;
	/** n8n's instance id ('' when n8n gives none): shared by the main, workers and webhook processors. */
	instanceId: string;
	/** The part of that URL n8n keeps stable: `/webhook/<webhookId>/webhook`. */
	identity: string;
	mode: LocationMode;
	/** Every chosen (location, event), locations first. */
	targets: Target[];
	/**
	 * Several or All Locations: the ids of every location of the account. A record of a location
	 * Nexudus no longer lists is left alone: it cannot deliver, and Nexudus refuses to save it.
	 */
	accountLocationIds?: number[];
	onStop: OnStop;
}

/**
 * Static data: the ids of the records the node holds, per stable path (production and test kept
 * apart). Earlier versions stored `{ action: id }` under the full URL; those are still read.
 */
interface TriggerStaticData extends IDataObject {
	webHookIds?: Record<string, number[] | Record<string, number>>;
	/** Several or All Locations: the name of each location registered, by id, for the items. */
	locationNames?: Record<string, string>;
}

function urlForAction(
	webhookUrl: string,
	action: number,
	mode: LocationMode,
	locationId: number,
): string {
	const location =
		mode === 'one'
			? ''
			: `&${LOCATION_QUERY_PARAMETER}=${locationId}${mode === 'all' ? ALL_LOCATIONS_QUERY : ''}`;
	return `${webhookUrl}?${ACTION_QUERY_PARAMETER}=${action}${location}`;
}

/** The name of a location registered by Several or All Locations, when static data knows it. */
export function registeredLocationName(
	staticData: IDataObject,
	locationId: number,
): string | undefined {
	const name = (staticData as TriggerStaticData).locationNames?.[String(locationId)];
	return typeof name === 'string' ? name : undefined;
}

function describeLocation(target: Pick<Target, 'businessId' | 'locationName'>): string {
	return target.locationName === undefined
		? `location ${target.businessId}`
		: `location "${target.locationName}" (${target.businessId})`;
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

function nodeWebhookUrl(context: IHookFunctions): {
	webhookUrl: string;
	identity: string;
	instanceId: string;
} {
	const webhookUrl = context.getNodeWebhookUrl('default');
	const identity = webhookUrl ? identityOf(webhookUrl) : undefined;
	if (!webhookUrl || !identity) {
		throw new NodeOperationError(
			context.getNode(),
			'n8n did not provide a webhook URL for this node',
		);
	}
	return { webhookUrl, identity, instanceId: instanceIdOf(context) };
}

/** n8n's instance id: derived from its encryption key, or kept in its database (2.x). */
function instanceIdOf(context: IHookFunctions): string {
	try {
		const id = context.getInstanceId();
		return typeof id === 'string' && INSTANCE_ID.test(id) ? id : '';
	} catch {
		return '';
	}
}

const INSTANCE_ID = /^[A-Za-z0-9_-]+$/;
/** How a record's Description names the n8n instance that registered it. */
const INSTANCE_MARKER = /\bn8n instance ([A-Za-z0-9_-]+)/;

/** The instance a record's Description names, undefined when it names none. */
function instanceNamedIn(description: string | null | undefined): string | undefined {
	return INSTANCE_MARKER.exec(description ?? '')?.[1];
}

/** The Description naming `instanceId`: the name replaced, or added at the end. */
function withInstance(description: string | null | undefined, instanceId: string): string {
	const text = (description ?? '').trim();
	if (INSTANCE_MARKER.test(text))
		return text.replace(INSTANCE_MARKER, `n8n instance ${instanceId}`);
	return `${text}${text === '' ? '' : ' '}Registered by n8n instance ${instanceId}.`;
}

/** The chosen locations; Several and All Locations read the account's list (one request). */
async function chosenLocations(
	context: IHookFunctions,
	mode: LocationMode,
	check: InputChecker,
): Promise<{ chosen: Array<{ Id: number; Name?: string }>; account?: number[] }> {
	if (mode === 'one') {
		const id = check.id(
			'Location',
			context.getNodeParameter('location', '', { extractValue: true }),
		);
		return { chosen: [{ Id: id }] };
	}
	const parsed =
		mode === 'several' ? parseLocationIds(context.getNodeParameter('locations', [])) : undefined;
	if (parsed && 'problem' in parsed) check.fail('Locations', parsed.problem);
	const account = (await fetchLocations.call(context)).sort((a, b) => a.Id - b.Id);
	const ids = account.map((location) => location.Id);
	if (!parsed) {
		if (account.length === 0) check.fail('Locations', 'Nexudus lists no location in this account');
		return { chosen: account, account: ids };
	}
	const chosen = parsed.ids.map(
		(id) =>
			account.find((location) => location.Id === id) ??
			check.fail('Locations', `Nexudus has no location with ID ${id} in this account`),
	);
	return { chosen, account: ids };
}

async function readRegistration(context: IHookFunctions): Promise<Registration> {
	const check: InputChecker = new InputChecker(context.getNode(), 0);
	const events = parseEvents(context.getNodeParameter('events', []));
	if ('problem' in events) check.fail('Events', events.problem);
	const mode = readLocationMode(context);
	const url = nodeWebhookUrl(context);
	const locations = await chosenLocations(context, mode, check);
	return {
		...url,
		mode,
		accountLocationIds: locations.account,
		targets: locations.chosen.flatMap((location) =>
			events.actions.map((action) => ({
				businessId: location.Id,
				locationName: location.Name === undefined ? undefined : String(location.Name),
				action,
				url: urlForAction(url.webhookUrl, action, mode, location.Id),
			})),
		),
		onStop: readOnStop(context),
	};
}

/** Several or All Locations: keeps the names of the locations registered, for the items. */
function writeLocationNames(context: IHookFunctions, registration: Registration) {
	const staticData = context.getWorkflowStaticData('node') as TriggerStaticData;
	if (registration.mode === 'one') {
		delete staticData.locationNames;
		return;
	}
	staticData.locationNames = Object.fromEntries(
		registration.targets
			.filter((target) => target.locationName !== undefined)
			.map((target) => [String(target.businessId), target.locationName!]),
	);
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

/**
 * True when the record's URL is this node's stable path plus `?action=<number>` (one location),
 * `…&location=<id>` (several) or `…&location=<id>&locations=all` (all), on any host.
 */
function isAtPath(record: WebHookRecord, identity: string): boolean {
	try {
		return (
			identityOf(record.URL) === identity && TRIGGER_RECORD_QUERY.test(new URL(record.URL).search)
		);
	} catch {
		return false;
	}
}

/** True when the record delivers to this n8n: its URL is the node's URL now, plus `?action=`. */
function deliversHere(record: WebHookRecord, webhookUrl: string): boolean {
	return record.URL.startsWith(`${webhookUrl}?`);
}

/**
 * Whether a record at the node's path on another host is this instance's: its Description names
 * this instance, or (a record of an earlier version, naming none) static data holds its id.
 */
function registeredHere(record: WebHookRecord, instanceId: string, storedIds: number[]): boolean {
	const named = instanceNamedIn(record.Description);
	return named === undefined ? storedIds.includes(record.Id) : named === instanceId && named !== '';
}

interface FoundRecords {
	own: WebHookRecord[];
	/** At the node's path, registered by another n8n instance: left alone. */
	others: WebHookRecord[];
}

/**
 * Every Nexudus record at this node's path, on any host, split into this node's and other
 * instances'. Nexudus's URL filter matches part of the value, so one search on the stable path
 * finds them all; should it match whole values only, the exact per-action searches and the known
 * ids still find every record on the current host. List rows lack Description: a record on
 * another host is read whole to see which instance it names.
 */
async function findRecords(
	context: IHookFunctions,
	registration: Registration,
	storedIds: number[],
	createdIds: number[] = [],
	exactSearches = true,
): Promise<FoundRecords> {
	const found = new Map<number, WebHookRecord>();
	const keepAtPath = (records: WebHookRecord[]) => {
		for (const record of records) {
			if (isAtPath(record, registration.identity)) found.set(record.Id, record);
		}
	};
	keepAtPath(
		await searchWebHooks.call(context, {
			WebHook_URL: `${registration.identity}?${ACTION_QUERY_PARAMETER}=`,
		}),
	);
	// Once the search on the path found anything, Nexudus matches part of the value: it found all.
	const partialMatch = found.size > 0;
	for (const { url } of registration.targets) {
		if (!exactSearches || partialMatch) break;
		if (![...found.values()].some((record) => record.URL === url)) {
			keepAtPath(await searchWebHooks.call(context, { WebHook_URL: url }));
		}
	}
	for (const id of [...storedIds, ...createdIds]) {
		if (!found.has(id)) {
			const record = await findWebHook.call(context, id);
			if (record) keepAtPath([record]);
		}
	}
	const own: WebHookRecord[] = [];
	const others: WebHookRecord[] = [];
	for (const listed of [...found.values()].sort((a, b) => a.Id - b.Id)) {
		if (deliversHere(listed, registration.webhookUrl) || createdIds.includes(listed.Id)) {
			own.push(listed);
			continue;
		}
		const record =
			listed.Description === undefined ? await findWebHook.call(context, listed.Id) : listed;
		if (!record) continue;
		(registeredHere(record, registration.instanceId, storedIds) ? own : others).push(record);
	}
	return { own, others };
}

/** Names the records of other n8n instances found at this node's path, which are left alone. */
function warnAboutOthers(context: IHookFunctions, others: WebHookRecord[]) {
	if (others.length === 0) return;
	const described = others.map((record) => {
		const instance = instanceNamedIn(record.Description);
		return `WebHook ${record.Id} (${record.URL}, ${
			instance ? `n8n instance ${instance}` : 'no n8n instance named'
		}${record.Active ? '' : ', switched off'})`;
	});
	context.logger.warn(
		`Nexudus Trigger: left alone ${others.length === 1 ? 'a record' : `${others.length} records`} at this trigger's webhook path registered by another n8n instance (a second n8n holding the same workflow): ${described.join('; ')}.`,
		{ workflowId: context.getWorkflow().id, node: context.getNode().name },
	);
}

interface Plan {
	/** The record serving each chosen (location, event) that has one: the lowest Id that fits. */
	keep: WebHookRecord[];
	/** Chosen (location, event) pairs with no record that fits. */
	missing: Target[];
	/** Kept records that are switched off. */
	reactivate: WebHookRecord[];
	/** Other records of this node: switched off when active, or deleted when On Stop says so. */
	retire: WebHookRecord[];
}

function planFor(registration: Registration, records: WebHookRecord[]): Plan {
	const keep: WebHookRecord[] = [];
	const missing: Target[] = [];
	for (const target of registration.targets) {
		const fitting = records.find(
			(record) =>
				record.URL === target.url &&
				record.Action === target.action &&
				record.BusinessId === target.businessId,
		);
		if (fitting) keep.push(fitting);
		else missing.push(target);
	}
	const kept = new Set(keep.map((record) => record.Id));
	return {
		keep,
		missing,
		reactivate: keep.filter((record) => !record.Active),
		retire: records.filter(
			(record) =>
				!kept.has(record.Id) &&
				(record.Active || registration.onStop === 'delete') &&
				!ofLocationGone(registration, record),
		),
	};
}

function ofLocationGone(registration: Registration, record: WebHookRecord): boolean {
	const account = registration.accountLocationIds;
	return account !== undefined && !account.includes(record.BusinessId);
}

function sameIds(a: number[], b: number[]): boolean {
	return a.length === b.length && a.every((id, index) => id === b[index]);
}

/**
 * Read-only: true when every chosen event has exactly one active record of this node, nothing
 * else of this node is active (or left over, when On Stop deletes), and the static data knows them.
 */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	const registration = await readRegistration(this);
	const storedIds = readStoredIds(this, registration.identity);
	// Without stored ids the answer is no whatever the exact searches find (they only find records
	// at the current URL, never another instance's): create makes them. 40 records, 40 reads fewer.
	const { own, others } = await findRecords(
		this,
		registration,
		storedIds,
		[],
		storedIds.length > 0,
	);
	warnAboutOthers(this, others);
	const plan = planFor(registration, own);
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
	const registration = await readRegistration(this);
	const storedBefore = readStoredIds(this, registration.identity);
	const changes: Change[] = [];
	const setActive = async (record: WebHookRecord, active: boolean, kind: ChangeKind) => {
		if (await updateWebHook.call(this, record.Id, { Active: active })) {
			changes.push({ id: record.Id, kind });
		}
	};
	/** A kept record names this instance from now on: after a host change it is still known. */
	const claim = async (record: WebHookRecord) => {
		const created = changes.some((change) => change.id === record.Id && change.kind === 'created');
		if (registration.instanceId === '' || created) return;
		const claimed = (current: WebHookRecord) => ({
			Description: withInstance(current.Description, registration.instanceId),
		});
		await updateWebHook.call(this, record.Id, claimed);
	};

	try {
		for (let round = 1; ; round++) {
			const createdIds = changes.map((change) => change.id);
			const found = await findRecords(this, registration, storedBefore, createdIds);
			const plan = planFor(registration, found.own);
			for (const record of plan.reactivate) await setActive(record, true, 'reactivated');
			if (plan.missing.length === 0) {
				for (const record of plan.keep) await claim(record);
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
				writeLocationNames(this, registration);
				return true;
			}
			if (round === MAX_ROUNDS) {
				throw new NodeOperationError(
					this.getNode(),
					'The Nexudus WebHook records created for this trigger disappeared again',
				);
			}
			for (const target of plan.missing) {
				const id = await createWebHook
					.call(this, newRecordFields(this, registration, target))
					.catch((error: Error & { description?: string }) => {
						const eventName = findEvent(target.action)?.name ?? String(target.action);
						throw new NodeOperationError(
							this.getNode(),
							`Could not create the WebHook record for ${eventName} at ${describeLocation(target)}: ${error.message}`,
							{ description: error.description ?? undefined },
						);
					});
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

function newRecordFields(context: IHookFunctions, registration: Registration, target: Target) {
	const workflow = context.getWorkflow();
	const workflowLabel = `${workflow.name ?? 'workflow'} (#${workflow.id})`;
	const eventName = findEvent(target.action)?.name ?? String(target.action);
	const onInstance = registration.instanceId ? ` on n8n instance ${registration.instanceId}` : '';
	const atLocation = target.locationName === undefined ? '' : ` – ${target.locationName}`;
	return {
		BusinessId: target.businessId,
		Name: truncate(`n8n: ${workflowLabel} – ${eventName}${atLocation}`, 255),
		Action: target.action,
		URL: target.url,
		Description: `Created by the Nexudus Trigger of n8n workflow ${workflowLabel}${onInstance}. n8n ${
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
 * Switches off (or deletes) the node's records, each read first: one no longer at the node's path
 * or naming another n8n instance is left alone (and named in a warning). Never throws: n8n saves
 * static data and drops its own webhook rows only after every node's delete returned. What could
 * not be handled is logged, and its id stays in static data for the next activation.
 */
export async function deleteWebhooks(this: IHookFunctions): Promise<boolean> {
	try {
		const { identity, instanceId } = nodeWebhookUrl(this);
		const onStop = readOnStop(this);
		const storedIds = readStoredIds(this, identity);
		const unhandled: number[] = [];
		const others: WebHookRecord[] = [];
		const isOwn = (record: WebHookRecord) =>
			isAtPath(record, identity) && registeredHere(record, instanceId, storedIds);
		for (const id of storedIds) {
			try {
				if (onStop === 'delete') {
					const record = await findWebHook.call(this, id);
					if (record && !isOwn(record)) others.push(record);
					else if (record) await deleteWebHook.call(this, id);
				} else {
					const record = await updateWebHook.call(this, id, (current) =>
						isOwn(current) ? { Active: false } : {},
					);
					if (record && !isOwn(record)) others.push(record);
				}
			} catch (error) {
				unhandled.push(id);
				this.logger.warn(
					`Nexudus Trigger: could not ${onStop} WebHook record ${id} (${(error as Error).message.replace(/\.$/, '')}). Its id is kept; the next activation of the workflow reuses or retires it.`,
					{ workflowId: this.getWorkflow().id, node: this.getNode().name },
				);
			}
		}
		warnAboutOthers(this, others);
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
