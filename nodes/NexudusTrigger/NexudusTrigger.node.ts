import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeParameterResourceLocator,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { locationLocator } from '../shared/descriptions';
import { eventOptions, parseEvents } from '../shared/events';
import { getLocations, parseLocationIds, searchLocations } from '../shared/locations';
import { ACTION_QUERY_PARAMETER, LOCATION_QUERY_PARAMETER } from '../shared/webhooks';
import { deliveredEvent, deliveredLocation, parseDelivery, toItem } from './delivery';
import { checkReadRoles, readFullRecords } from './fullRecord';
import { readRawBody } from './rawBody';
import { logRefusedSignature } from './refusedSignatures';
import {
	createWebhooks,
	deleteWebhooks,
	readLocationMode,
	registeredLocationName,
	webhookExists,
} from './registration';
import { forgetWebhookSecret, primeWebhookSecret, webhookSecret } from './secretCache';
import { isValidSignature, SIGNATURE_HEADER } from './signature';

export class NexudusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nexudus Trigger',
		name: 'nexudusTrigger',
		icon: { light: 'file:../../icons/nexudus.svg', dark: 'file:../../icons/nexudus.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves as version 1. n8n evaluates an expression for every delivery to a
		// version-1 start node (the Webhook node's old binaryData option); not from version 2 on.
		version: [1, 2],
		defaultVersion: 2,
		// An expression's text is not a list: its length would count characters.
		subtitle:
			'={{ !Array.isArray($parameter["events"]) ? "events from an expression" : $parameter["events"].length === 1 ? "1 event" : $parameter["events"].length + " events" }}',
		description: 'Starts the workflow when something happens in a Nexudus location',
		defaults: {
			name: 'Nexudus Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'nexudusApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				// New beside Location, which keeps its name and meaning: a workflow saved before
				// has no value here and so stays on One Location.
				displayName: 'Listen To',
				name: 'locationMode',
				type: 'options',
				options: [
					{
						name: 'One Location',
						value: 'one',
						description: 'The location chosen under Location',
					},
					{
						name: 'Several Locations',
						value: 'several',
						description: 'The locations chosen under Locations',
					},
					{
						name: 'All Locations',
						value: 'all',
						description:
							'Every location of the account when the workflow is activated (a location added later needs the workflow deactivated and activated again)',
					},
				],
				default: 'one',
				description:
					'Which locations of the Nexudus account start the workflow; n8n keeps one Nexudus webhook record per location and event, and each item names its location (locationId, locationName)',
			},
			{ ...locationLocator, displayOptions: { show: { locationMode: ['one'] } } },
			{
				displayName: 'Location Names or IDs',
				name: 'locations',
				type: 'multiOptions',
				required: true,
				typeOptions: { loadOptionsMethod: 'getLocations' },
				default: [],
				displayOptions: { show: { locationMode: ['several'] } },
				description:
					'The Nexudus locations (businesses) whose events start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				// Not "Events": n8n's node panel would then list one "On …" action per event.
				displayName: 'Event Names or IDs',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: eventOptions({ includeNone: false }),
				default: [],
				description:
					'The Nexudus events that start the workflow; n8n keeps one Nexudus webhook record per event. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'On Workflow Stop',
						name: 'onStop',
						type: 'options',
						options: [
							{
								name: 'Deactivate the Webhook Records',
								value: 'deactivate',
								description: 'Keep them in Nexudus, with their history, switched off',
							},
							{
								name: 'Delete the Webhook Records',
								value: 'delete',
							},
						],
						default: 'deactivate',
						description:
							'What happens to the Nexudus webhook records when the workflow is deactivated',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{
								name: 'As Delivered',
								value: 'asDelivered',
								description: 'The record exactly as Nexudus posted it',
							},
							{
								name: 'Full Record From Nexudus',
								value: 'fullRecord',
								description:
									'Each record read again from Nexudus by its ID (one request per record); recordSource says where it came from',
							},
						],
						default: 'asDelivered',
						description: 'What each item holds',
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description:
							"Whether to accept only deliveries signed with the credential's Webhook Secret (X-Nexudus-Hook-Signature). Without a secret in the credential, every delivery is accepted.",
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchLocations },
		loadOptions: { getLocations },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const options = this.getNodeParameter('options', {}) as { output?: string };
				const events = parseEvents(this.getNodeParameter('events', []));
				if (options.output === 'fullRecord' && !('problem' in events)) {
					await checkReadRoles.call(this, events.actions);
				}
				const exists = await webhookExists.call(this);
				await primeWebhookSecret(this);
				return exists;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhooks.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetWebhookSecret(this);
				return await deleteWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
			rawBody?: Buffer;
		};
		const response = this.getResponseObject();
		const answer = (status: number, message: string): IWebhookResponseData => {
			response.status(status).json({ message });
			return { noWebhookResponse: true };
		};

		await readRawBody(request);
		const options = this.getNodeParameter('options', {}) as {
			verifySignature?: boolean;
			output?: 'asDelivered' | 'fullRecord';
		};
		// Not read when signatures are not checked: reading the credential costs an isolate.
		const secret = options.verifySignature === false ? '' : await webhookSecret(this);
		const signed = options.verifySignature !== false && secret !== '';
		if (signed) {
			const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(request.body ?? ''));
			const received = request.headers[SIGNATURE_HEADER];
			if (!isValidSignature(secret, rawBody, received)) {
				logRefusedSignature(this, received);
				return answer(401, `Missing or wrong ${SIGNATURE_HEADER} header`);
			}
		}

		const chosen = parseEvents(this.getNodeParameter('events', []));
		if ('problem' in chosen) {
			throw new NodeOperationError(this.getNode(), `Events: ${chosen.problem}`);
		}
		// Answered 200: a refusal would count towards Nexudus switching the webhook off.
		const query = this.getQueryData() as IDataObject;
		const delivered = deliveredEvent(query[ACTION_QUERY_PARAMETER], chosen.actions);
		if ('ignored' in delivered) return answer(200, `Ignored: ${delivered.ignored}`);
		const { event } = delivered;
		const mode = readLocationMode(this);
		const several =
			mode === 'several' ? parseLocationIds(this.getNodeParameter('locations', [])) : undefined;
		if (several && 'problem' in several) {
			throw new NodeOperationError(this.getNode(), `Locations: ${several.problem}`);
		}
		const one = mode === 'one' ? oneLocation(this) : undefined;
		const at = deliveredLocation(
			query[LOCATION_QUERY_PARAMETER],
			several ? { several: several.ids } : one ? { one: one.locationId ?? 0 } : 'all',
		);
		if ('ignored' in at) return answer(200, `Ignored: ${at.ignored}`);
		const location: IDataObject = one ?? { locationId: at.locationId };
		if (!one && at.locationId !== undefined) {
			const name = registeredLocationName(this.getWorkflowStaticData('node'), at.locationId);
			if (name !== undefined) location.locationName = name;
		}

		const delivery = parseDelivery(request.rawBody, request.body);
		if ('problem' in delivery) {
			// Signed, so Nexudus sent it, and it would send the same body again: not a 400.
			if (!signed) return answer(400, delivery.problem);
			this.logger.warn(
				`Nexudus Trigger: ignored a signed ${event.name} delivery: ${delivery.problem}`,
				{
					workflowId: this.getWorkflow().id,
					node: this.getNode().name,
				},
			);
			return answer(200, `Ignored: ${delivery.problem}`);
		}

		if (options.output !== 'fullRecord') {
			return {
				workflowData: [delivery.records.map((record) => toItem(record, event, location))],
			};
		}
		try {
			const readBack = await readFullRecords.call(this, delivery.records, event);
			return {
				workflowData: [
					readBack.map(({ record, recordSource }) =>
						toItem(record, event, { ...location, recordSource }),
					),
				],
			};
		} catch (error) {
			// Transient (5xx, throttled, slower than the deadline): refused, so Nexudus delivers it
			// again later instead of the workflow missing it.
			this.logger.warn(
				`Nexudus Trigger: could not read the delivered record back from Nexudus: ${(error as Error).message}`,
				{ workflowId: this.getWorkflow().id, node: this.getNode().name },
			);
			return answer(503, 'Could not read the record from Nexudus; deliver again later');
		}
	}
}

/**
 * One Location: the Location parameter names the location (records at `?action=N` say none);
 * its name is the one the picker showed, absent when given by ID.
 */
function oneLocation(context: IWebhookFunctions): { locationId?: number; locationName?: string } {
	// Read once per delivery: the value is the locator's own (its modes extract nothing).
	const locator = context.getNodeParameter('location', '') as
		| Partial<INodeParameterResourceLocator>
		| string
		| null;
	const { value, cachedResultName: name } =
		typeof locator === 'object' && locator !== null ? locator : { value: locator };
	const locationId = Number(value);
	if (!Number.isSafeInteger(locationId) || locationId <= 0) return {};
	return typeof name === 'string' && name !== ''
		? { locationId, locationName: name }
		: { locationId };
}
