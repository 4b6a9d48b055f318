/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the suite drives a real n8n from outside */
/**
 * What every end-to-end suite starts from: the fake Nexudus on loopback, a real n8n (the version
 * the project pins, or E2E_N8N_VERSION) with this package linked as a community node and a
 * throwaway user folder, an owner with an API key, and helpers over n8n's REST APIs.
 */
import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ensureRuntime } from '../../scripts/n8n-runtime';
import {
	activateWorkflow,
	freePort,
	login,
	portInUse,
	request,
	setupOwner,
	startN8n,
} from '../../scripts/n8n-server';
import type { FakeWebHook } from '../fake-nexudus/server';
import { FakeNexudus } from '../fake-nexudus/server';

type N8n = Awaited<ReturnType<typeof startN8n>>;
export type Json = Record<string, unknown>;

export const SANDBOX_EMAIL = 'admin@sandbox.test';
export const SANDBOX_LOGIN = 'sandbox-Pa55word'; // the fake Nexudus's made-up admin password

export interface Execution {
	id: string;
	status: string;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data: { main: Array<Array<{ json: Json }>> } }>>;
			/** Set when the execution failed: the error of the node that stopped it. */
			error?: { message: string; description?: string; node?: { name: string } };
		};
	};
}

/** How n8n is started: its log level and extra environment variables (undefined removes one). */
export interface N8nSettings {
	logLevel?: string;
	env?: Record<string, string | undefined>;
}

/** Nodes whose URL holds their webhookId (the Webhook node's holds its path when one is set). */
const WEBHOOK_NODE_TYPES = new Set([
	'n8n-nodes-nexudus.nexudusTrigger',
	'n8n-nodes-base.webhook',
	'@n8n/n8n-nodes-langchain.chatTrigger',
]);

export class E2eEnvironment {
	fake!: FakeNexudus;
	n8n!: N8n;
	port = 0;
	userFolder = '';
	auth!: { cookie: string; apiKey: string };
	locationId = 0;
	credentialId = '';
	runtime!: Awaited<ReturnType<typeof ensureRuntime>>;
	settings: N8nSettings = { logLevel: 'debug' };

	get url(): string {
		return this.n8n.url;
	}

	/** The running n8n's version, e.g. '2.41.1' or '1.123.81'. */
	get n8nVersion(): string {
		return this.n8n.n8nVersion;
	}

	/** 1 or 2: the n8n line, for the few places where n8n itself behaves differently. */
	get n8nMajor(): number {
		return Number(this.n8nVersion.split('.')[0]);
	}

	static async start(settings?: N8nSettings): Promise<E2eEnvironment> {
		const environment = new E2eEnvironment();
		if (settings) environment.settings = { ...environment.settings, ...settings };
		environment.runtime = await ensureRuntime({
			n8nVersion: process.env.E2E_N8N_VERSION || undefined,
			log: (message: string) => process.stdout.write(`${message}\n`),
		});
		environment.fake = await FakeNexudus.start({ email: SANDBOX_EMAIL, password: SANDBOX_LOGIN });
		environment.locationId = environment.fake.addBusiness('Downtown Hub').Id;
		environment.fake.addBusiness('Riverside Loft');
		environment.fake.addBusiness('Harbour Works');
		environment.port = await freePort();
		environment.userFolder = mkdtempSync(join(tmpdir(), 'nexudus-e2e-'));
		await environment.startN8n();
		environment.auth = await setupOwner(environment.url);
		return environment;
	}

	private async startN8n() {
		this.n8n = await startN8n({
			port: this.port,
			userFolder: this.userFolder,
			logLevel: this.settings.logLevel,
			env: this.settings.env,
			runtime: this.runtime,
			log: () => undefined,
		});
	}

	/**
	 * Stops n8n (checking its port is freed) and starts it again on the same port and data,
	 * with other settings if given.
	 */
	async restartN8n(settings?: N8nSettings) {
		if (settings) this.settings = { ...this.settings, ...settings };
		await this.n8n.stop();
		if (await portInUse(this.port)) throw new Error(`port ${this.port} still in use after stop`);
		await this.startN8n();
		// The owner and API key are in the database already; only the login cookie is new.
		this.auth.cookie = await login(this.url);
	}

	async stop() {
		try {
			if (this.n8n) await this.n8n.stop();
			if (this.port && (await portInUse(this.port))) {
				throw new Error(`port ${this.port} still in use after stop`);
			}
		} finally {
			await this.fake?.stop();
			if (this.userFolder && process.env.E2E_KEEP_USER_FOLDER) {
				process.stdout.write(`[e2e] n8n user folder and log kept: ${this.userFolder}\n`);
			} else if (this.userFolder) {
				rmSync(this.userFolder, { recursive: true, force: true });
			}
		}
	}

	/** n8n's public API (API key). */
	async api(method: string, path: string, body?: unknown, expect = [200]) {
		return (await request(this.url, method, path, { apiKey: this.auth.apiKey, body, expect }))
			.json as Json;
	}

	/** n8n's internal REST API (login cookie), as the editor uses it. */
	async rest(method: string, path: string, body?: unknown) {
		return (await request(this.url, method, path, { cookie: this.auth.cookie, body })).json as Json;
	}

	async createCredential(data: Json, name = 'Nexudus sandbox') {
		const created = await this.api('POST', '/api/v1/credentials', {
			name,
			type: 'nexudusApi',
			data: await this.withInjectedDefaults(data),
		});
		this.credentialId = String(created.id);
		return this.credentialId;
	}

	/** The credential of the fake Nexudus's sandbox user, with a Webhook Secret when given. */
	async createSandboxCredential(webhookSecret?: string) {
		return await this.createCredential({
			apiUrl: this.fake.url,
			email: SANDBOX_EMAIL,
			password: SANDBOX_LOGIN,
			...(webhookSecret === undefined ? {} : { webhookSecret }),
		});
	}

	/**
	 * n8n 1.x adds "Allowed HTTP Request Domains" fields to every credential type that has an
	 * `authenticate` block (ours does), and its public API's schema then demands `allowedDomains`
	 * unless `allowedHttpRequestDomains` is given (the schema's `if` holds when the field is absent).
	 * So where the schema has the field, it gets its default, 'all' (what the editor sends too).
	 * 2.x's schema has no such field: the data goes as it is.
	 */
	private async withInjectedDefaults(data: Json): Promise<Json> {
		if ('allowedHttpRequestDomains' in data) return data;
		const schema = await this.api('GET', '/api/v1/credentials/schema/nexudusApi');
		const properties = (schema.properties ?? {}) as Json;
		return 'allowedHttpRequestDomains' in properties
			? { ...data, allowedHttpRequestDomains: 'all' }
			: data;
	}

	/**
	 * Imports test/e2e/workflows/<file>, with `__KEY__` placeholders replaced and the nodes named
	 * in `typeVersions` set to that version.
	 */
	async importWorkflow(
		file: string,
		values: Record<string, string> = {},
		typeVersions: Record<string, number> = {},
	) {
		let text = readFileSync(join(__dirname, 'workflows', file), 'utf8');
		const all = {
			LOCATION_ID: String(this.locationId),
			LOCATION_NAME:
				this.fake.businesses.find((business) => business.Id === this.locationId)?.Name ?? '',
			CREDENTIAL_ID: this.credentialId,
			...values,
		};
		for (const [key, value] of Object.entries(all)) text = text.split(`__${key}__`).join(value);
		const workflow = JSON.parse(text) as { nodes: Array<{ name: string; typeVersion: number }> };
		for (const node of workflow.nodes)
			node.typeVersion = typeVersions[node.name] ?? node.typeVersion;
		return await this.createWorkflow(workflow as unknown as Json);
	}

	/** Creates a workflow as n8n's public API takes it (name, nodes, connections, settings). */
	async createWorkflow(workflow: Json) {
		return String((await this.api('POST', '/api/v1/workflows', workflow)).id);
	}

	/**
	 * Creates the workflow as a user imports it. n8n's editor gives every webhook node without a
	 * webhookId its own on import, and n8n 2.x's API does the same; n8n 1.x's API does not (its
	 * URL would then be built from the workflow id and the node's name, which 1.x does not
	 * serve), so there the ids the editor would give are set here. Answers the nodes as saved.
	 */
	async createWorkflowAsImported(workflow: Json): Promise<{ workflowId: string; nodes: INode[] }> {
		const workflowId = await this.createWorkflow(workflow);
		const saved = await this.api('GET', `/api/v1/workflows/${workflowId}`);
		const nodes = saved.nodes as INode[];
		const unnamed = nodes.filter((node) => WEBHOOK_NODE_TYPES.has(node.type) && !node.webhookId);
		if (unnamed.length > 0) {
			if (this.n8nMajor !== 1)
				throw new Error(`n8n ${this.n8nMajor} gave webhook nodes no webhookId`);
			for (const node of unnamed) node.webhookId = randomUUID();
			const { name, connections, settings } = saved;
			await this.api('PUT', `/api/v1/workflows/${workflowId}`, {
				name,
				nodes,
				connections,
				settings,
			});
		}
		return { workflowId, nodes };
	}

	async activate(workflowId: string) {
		return await activateWorkflow(this.url, this.auth, workflowId);
	}

	async deactivate(workflowId: string) {
		await this.api('POST', `/api/v1/workflows/${workflowId}/deactivate`);
	}

	async executions(workflowId: string): Promise<Execution[]> {
		const answer = await this.api(
			'GET',
			`/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=100`,
		);
		return answer.data as Execution[];
	}

	/** Waits until the workflow has `count` finished executions, and checks no more arrive. */
	async waitForExecutions(workflowId: string, count: number): Promise<Execution[]> {
		const deadline = Date.now() + 20000;
		while (Date.now() < deadline) {
			const finished = (await this.executions(workflowId)).filter(
				(execution) => execution.status !== 'running' && execution.status !== 'new',
			);
			if (finished.length >= count) break;
			await sleep(250);
		}
		await sleep(500);
		const found = await this.executions(workflowId);
		expect(found).toHaveLength(count);
		return found;
	}

	/** n8n applies (de)activation in the background: wait until the check holds. */
	async waitUntil(what: string, check: () => boolean, timeoutMs = 20000) {
		const deadline = Date.now() + timeoutMs;
		while (!check()) {
			if (Date.now() > deadline)
				throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
			await sleep(200);
		}
	}

	/**
	 * The sandbox credential (with a webhook secret), demo records of every served type, and one
	 * invoice, INV-E2E-1, of the location's first customer (the demo invoices are blank: Nexudus
	 * makes invoices, its API cannot). Returns that invoice's Id.
	 */
	async useSandboxRecords(webhookSecret: string): Promise<number> {
		await this.createSandboxCredential(webhookSecret);
		this.fake.seedEntities();
		const [invoice] = this.fake.seed('CoworkerInvoice', [
			{
				CoworkerId: this.demoRecord('Coworker').Id,
				BusinessId: this.locationId,
				InvoiceNumber: 'INV-E2E-1',
				TransactionTotalAmount: 120,
			},
		]);
		return invoice.Id;
	}

	/** The first record of `entity` the fake holds for the e2e location (after `seedEntities`). */
	demoRecord(entity: string): Json {
		const found = this.fake.entities.records(entity).find((record) => {
			const { BusinessId, Businesses } = record as Json;
			return (
				BusinessId === this.locationId ||
				(Array.isArray(Businesses) && Businesses.includes(this.locationId))
			);
		});
		if (!found) throw new Error(`the fake has no ${entity} at the e2e location`);
		return this.fake.entities.find(entity, found.Id) as Json;
	}

	hooksAt(urlPrefix: string): FakeWebHook[] {
		return [...this.fake.webhooks.values()].filter((hook) => hook.URL.startsWith(urlPrefix));
	}
}

export const outputOf = (execution: Execution, node: string) =>
	execution.data!.resultData.runData[node][0].data.main[0].map((item) => item.json);
