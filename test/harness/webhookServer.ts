/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs outside n8n */
/**
 * Stands in for n8n's webhook endpoint: a real HTTP server that hands each delivery to the
 * trigger's webhook() the way n8n does (parsed body, raw body, headers, query) and answers with
 * what the node answered. Executions started are recorded.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { INodeExecutionData } from 'n8n-workflow';

import type { TriggerHarness } from './n8n';
import { deliveredRequest } from './n8n';

export interface Execution {
	path: string;
	items: INodeExecutionData[];
}

export class WebhookServer {
	readonly executions: Execution[] = [];
	/** While true, every delivery is answered 503, as when n8n is down. */
	unavailable = false;
	private readonly triggers = new Map<string, TriggerHarness>();

	private readonly server = http.createServer((request, response) => {
		void this.handle(request, response);
	});

	baseUrl = '';

	static async start(): Promise<WebhookServer> {
		const instance = new WebhookServer();
		await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
		const { port } = instance.server.address() as AddressInfo;
		instance.baseUrl = `http://127.0.0.1:${port}`;
		return instance;
	}

	/** Deliveries to `/webhook/<webhookId>/webhook` go to this trigger. */
	route(webhookId: string, trigger: TriggerHarness) {
		this.triggers.set(`/webhook/${webhookId}/webhook`, trigger);
	}

	async stop() {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		if (this.unavailable) {
			response.writeHead(503, { 'content-type': 'text/plain' });
			response.end('n8n is not available');
			return;
		}
		const url = new URL(request.url ?? '/', this.baseUrl);
		const trigger = this.triggers.get(url.pathname);
		if (!trigger || request.method !== 'POST') {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ message: 'The requested webhook is not registered.' }));
			return;
		}
		const delivered = deliveredRequest(Buffer.concat(chunks), request.headers);
		// As express parses it: a parameter given twice is an array.
		delivered.query = {};
		for (const key of new Set(url.searchParams.keys())) {
			const values = url.searchParams.getAll(key);
			delivered.query[key] = values.length === 1 ? values[0] : values;
		}
		try {
			const { response: answered, data } = await trigger.deliver(delivered);
			if (data.noWebhookResponse) {
				response.writeHead(answered.statusCode, { 'content-type': 'application/json' });
				response.end(JSON.stringify(answered.body ?? {}));
				return;
			}
			if (data.workflowData) {
				this.executions.push({ path: url.pathname + url.search, items: data.workflowData[0] });
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ message: 'Workflow was started' }));
		} catch (error) {
			response.writeHead(500, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ message: (error as Error).message }));
		}
	}
}
