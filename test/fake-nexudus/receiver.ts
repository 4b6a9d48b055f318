/** A tiny HTTP endpoint that records the webhook deliveries it receives (for tests of `fire`). */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only helper
import * as http from 'http';

export interface ReceivedDelivery {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	/** Raw body, exactly as received (use it to verify signatures). */
	rawBody: string;
	at: number;
}

export class WebhookReceiver {
	readonly received: ReceivedDelivery[] = [];
	private answer = { status: 200, body: 'ok' };
	private baseUrl = '';

	private constructor(private readonly server: http.Server) {}

	static start(host = '127.0.0.1'): Promise<WebhookReceiver> {
		const server = http.createServer();
		const receiver = new WebhookReceiver(server);
		server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) =>
			receiver.record(request, response),
		);
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, host, () => {
				const address = server.address();
				const port = address !== null && typeof address === 'object' ? address.port : 0;
				receiver.baseUrl = `http://${host}:${port}`;
				resolve(receiver);
			});
		});
	}

	/** e.g. http://127.0.0.1:40123 (no trailing slash); any path is accepted. */
	get url(): string {
		return this.baseUrl;
	}

	/** Status and body of the answers from now on (default 200 "ok"). */
	respondWith(status: number, body = ''): void {
		this.answer = { status, body };
	}

	stop(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.server.closeAllConnections();
		});
	}

	private record(request: http.IncomingMessage, response: http.ServerResponse): void {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			this.received.push({
				method: request.method ?? '',
				path: request.url ?? '/',
				headers: request.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			});
			response.writeHead(this.answer.status, { 'Content-Type': 'text/plain' });
			response.end(this.answer.body);
		});
	}
}
