/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs outside n8n */
/**
 * Runs the package's nodes the way n8n does: n8n-core's own execution contexts, its request
 * helpers (so every request is real HTTP), and a credentials helper that follows n8n's rules for
 * expirable credentials (token fetched when empty, refreshed after a 401, then stored).
 */
import type { IncomingHttpHeaders } from 'http';
import { ExecuteContext, HookContext, LoadOptionsContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	deepCopy,
	ICredentialsHelper,
	isExpression,
	Workflow,
} from 'n8n-workflow';

import { NexudusApi } from '../../credentials/NexudusApi.credentials';
import { Nexudus } from '../../nodes/Nexudus/Nexudus.node';
import { NexudusTrigger } from '../../nodes/NexudusTrigger/NexudusTrigger.node';

const PACKAGE = 'n8n-nodes-nexudus';
const NODE_NAME = 'Nexudus Under Test';

export const nodeTypes: Record<string, INodeType> = {
	[`${PACKAGE}.nexudus`]: new Nexudus(),
	[`${PACKAGE}.nexudusTrigger`]: new NexudusTrigger(),
};

const nodeTypeRegistry: INodeTypes = {
	getByName: (type) => nodeTypes[type],
	getByNameAndVersion: (type) => nodeTypes[type],
	getKnownTypes: () => ({}),
};

/** The stored credential, as n8n's database would hold it. */
export interface StoredCredential {
	id: string;
	data: ICredentialDataDecryptedObject;
	preAuthenticationCalls: number;
	/** How many times a node read the decrypted credential. */
	reads: number;
}

class TestCredentialsHelper extends ICredentialsHelper {
	private readonly credentialType: ICredentialType = new NexudusApi();

	constructor(private readonly stored: StoredCredential) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialType.authenticate;
		if (!authenticate || typeof authenticate === 'function' || !workflow || !node) {
			throw new Error('the Nexudus credential must authenticate generically');
		}
		const options = requestOptions as IHttpRequestOptions & IDataObject;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const resolved = (options[target] as IDataObject | undefined) ?? {};
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				resolved[key] = isExpression(value)
					? String(
							workflow.expression.getSimpleParameterValue(node, value as string, 'internal', {
								$credentials: credentials,
							}),
						)
					: value;
			}
			options[target] = resolved;
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || !this.credentialType.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		this.stored.preAuthenticationCalls++;
		const output = await this.credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.stored.data = { ...this.stored.data, ...(output as ICredentialDataDecryptedObject) };
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the Nexudus nodes');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		this.stored.reads++;
		return deepCopy(this.stored.data);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored.data = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}

export interface NodeRun {
	node: INode;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
}

export interface NodeSetup {
	type: string;
	/** Defaults to 1. */
	typeVersion?: number;
	parameters: INodeParameters;
	credential: StoredCredential;
	continueOnFail?: boolean;
	workflowId?: string;
	workflowName?: string;
	staticData?: IDataObject;
	webhookId?: string;
	webhookBaseUrl?: string;
	/** What n8n aborts when the execution is cancelled (getExecutionCancelSignal). */
	cancelSignal?: AbortSignal;
	/** n8n's instance id as the node reads it (getInstanceId); TEST_INSTANCE_ID unless given. */
	instanceId?: string;
}

/** The instance id the harness's n8n answers when a setup names none. */
export const TEST_INSTANCE_ID = 'test-instance-1';

let credentialCounter = 0;

/** A new credential, with its own id as n8n gives each saved credential. */
export function newCredential(apiUrl: string, fields: IDataObject = {}): StoredCredential {
	return {
		id: `cred-${++credentialCounter}`,
		data: {
			apiUrl,
			email: 'admin@example.com',
			password: 'correct-horse',
			webhookSecret: '',
			accessToken: '',
			...fields,
		} as ICredentialDataDecryptedObject,
		preAuthenticationCalls: 0,
		reads: 0,
	};
}

export function prepareNode(setup: NodeSetup): NodeRun {
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: `${PACKAGE}.${setup.type}`,
		typeVersion: setup.typeVersion ?? 1,
		position: [0, 0],
		parameters: setup.parameters,
		credentials: { nexudusApi: { id: setup.credential.id, name: 'Nexudus account' } },
		webhookId: setup.webhookId,
		...(setup.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: setup.workflowId ?? 'wf-1',
		name: setup.workflowName ?? 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypeRegistry,
		staticData: setup.staticData,
	});
	const base = setup.webhookBaseUrl ?? 'http://127.0.0.1:5678';
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(setup.credential),
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		webhookBaseUrl: `${base}/webhook`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		variables: {},
		executionId: 'exec-1',
		userId: 'user-1',
		currentNodeParameters: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData };
}

/** Runs a regular node's execute() on the given items, as n8n's engine would. */
export async function executeNode(
	setup: NodeSetup,
	items: INodeExecutionData[] = [{ json: {} }],
): Promise<INodeExecutionData[]> {
	const { node, workflow, additionalData } = prepareNode(setup);
	const executeData = { node, data: { main: [items] }, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
		setup.cancelSignal,
	);
	const nodeType = nodeTypes[node.type];
	const output = await nodeType.execute!.call(context);
	return (output as INodeExecutionData[][])[0];
}

/** Calls a listSearch or loadOptions method, as the editor does. */
export async function loadOptions(
	setup: NodeSetup,
	kind: 'listSearch' | 'loadOptions',
	method: string,
	...args: unknown[]
): Promise<unknown> {
	const { node, workflow, additionalData } = prepareNode(setup);
	// The editor sends the node's current parameters with each request.
	additionalData.currentNodeParameters = setup.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${method}`);
	const methods = nodeTypes[node.type].methods as Record<
		string,
		Record<string, (...args: unknown[]) => Promise<unknown>>
	>;
	return await methods[kind][method].call(context, ...args);
}

export type WebhookMethodName = 'checkExists' | 'create' | 'delete';

/** One trigger node on one workflow, kept across activations like n8n keeps its static data. */
export class TriggerHarness {
	/** The workflow's static data; n8n keeps each node's under `node:<name>`. */
	readonly workflowStaticData: IDataObject = {};

	constructor(private readonly setup: Omit<NodeSetup, 'staticData'>) {}

	get staticData(): IDataObject {
		return (this.workflowStaticData[`node:${NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	forgetStaticData() {
		delete this.workflowStaticData[`node:${NODE_NAME}`];
	}

	private webhookData(run: NodeRun, isTest: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: run.node.name,
			path: `${this.setup.webhookId}/webhook`,
			webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' },
			workflowId: run.workflow.id,
			workflowExecuteAdditionalData: run.additionalData,
			webhookId: this.setup.webhookId,
			isTest,
		} as IWebhookData;
	}

	private run(parameters?: INodeParameters): NodeRun {
		const run = prepareNode({
			...this.setup,
			parameters: parameters ?? this.setup.parameters,
			staticData: this.workflowStaticData,
		});
		return run;
	}

	/** What n8n does on activation: checkExists, then create when it answered false. */
	async activate(
		options: { parameters?: INodeParameters; mode?: WorkflowActivateMode; isTest?: boolean } = {},
	): Promise<{ existed: boolean }> {
		if (options.parameters) this.setup.parameters = options.parameters;
		const existed = await this.callWebhookMethod('checkExists', options);
		if (!existed) await this.callWebhookMethod('create', options);
		return { existed };
	}

	async deactivate(options: { isTest?: boolean } = {}): Promise<boolean> {
		return await this.callWebhookMethod('delete', options);
	}

	async callWebhookMethod(
		method: WebhookMethodName,
		options: { mode?: WorkflowActivateMode; isTest?: boolean } = {},
	): Promise<boolean> {
		const run = this.run();
		const mode: WorkflowExecuteMode = options.isTest ? 'manual' : 'trigger';
		const context = new HookContext(
			run.workflow,
			run.node,
			run.additionalData,
			mode,
			options.mode ?? 'activate',
			this.webhookData(run, options.isTest ?? false),
		);
		context.getInstanceId = () => this.setup.instanceId ?? TEST_INSTANCE_ID;
		const nodeType = nodeTypes[run.node.type];
		const methods = nodeType.webhookMethods!.default!;
		const result = await methods[method].call(context);
		return result;
	}

	/** What n8n does when a delivery reaches the node's webhook URL. */
	async deliver(
		request: DeliveredRequest,
	): Promise<{ response: CapturedResponse; data: IWebhookResponseData }> {
		const run = this.run();
		const response = new CapturedResponse();
		run.additionalData.httpRequest = request as never;
		run.additionalData.httpResponse = response as never;
		const context = new WebhookContext(
			run.workflow,
			run.node,
			run.additionalData,
			'webhook',
			this.webhookData(run, false),
			[],
			null,
		);
		context.getInstanceId = () => this.setup.instanceId ?? TEST_INSTANCE_ID;
		const data = await nodeTypes[run.node.type].webhook!.call(context);
		return { response, data };
	}
}

/** The parts of n8n's express request the trigger reads. */
export interface DeliveredRequest {
	headers: IncomingHttpHeaders;
	body: unknown;
	rawBody: Buffer;
	method: string;
	query: IDataObject;
	params: IDataObject;
}

export function deliveredRequest(
	rawBody: string | Buffer,
	headers: IncomingHttpHeaders = {},
): DeliveredRequest {
	const raw = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody);
	let body: unknown = {};
	try {
		body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
	} catch {
		body = {};
	}
	return {
		headers: { 'content-type': 'application/json', ...headers },
		body,
		rawBody: raw,
		method: 'POST',
		query: {},
		params: {},
	};
}

/** Stands in for express's response: records what the node answered. */
export class CapturedResponse {
	statusCode = 200;
	body: unknown;
	headers: Record<string, string> = {};
	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	json(body: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}

	send(body: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}

	end(body?: unknown) {
		if (body !== undefined) this.body = body;
		this.ended = true;
		return this;
	}
}
