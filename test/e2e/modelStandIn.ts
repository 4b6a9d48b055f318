/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server on loopback */
/**
 * A stand-in for an OpenAI-compatible chat model, on loopback: `POST /v1/chat/completions`
 * (plain JSON or server-sent events when asked to stream). It is no model: a script decides each
 * answer from the conversation so far (which tools answered and what), so a test can drive n8n's
 * AI Agent through tool calls to a final message built from the tools' results. It records every
 * request, so the test can check what the agent sent it (tools, their descriptions and schemas).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

/** What the script answers: tool calls, or the final text. */
export type ScriptedAnswer =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
	| { text: string };

export type Script = (request: ChatRequest) => ScriptedAnswer;

export function textOf(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

export class ModelStandIn {
	readonly requests: ChatRequest[] = [];
	private server!: Server;
	private calls = 0;

	private constructor(private readonly script: Script) {}

	static async start(script: Script): Promise<ModelStandIn> {
		const standIn = new ModelStandIn(script);
		standIn.server = createServer((request, response) => {
			standIn.handle(request, response).catch((error: Error) => {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { message: error.message } }));
			});
		});
		await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
		return standIn;
	}

	/** The base URL an OpenAI credential points at. */
	get url(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
	}

	async stop() {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ error: { message: `no ${request.method} ${request.url}` } }));
			return;
		}
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(body);
		const answer = this.script(body);
		const id = `chatcmpl-standin-${++this.calls}`;
		const toolCalls =
			'toolCalls' in answer
				? answer.toolCalls.map((call, index) => ({
						id: `call_${this.calls}_${index}`,
						type: 'function' as const,
						function: { name: call.name, arguments: JSON.stringify(call.arguments) },
					}))
				: undefined;
		const message = {
			role: 'assistant',
			content: 'text' in answer ? answer.text : null,
			...(toolCalls ? { tool_calls: toolCalls } : {}),
		};
		const finishReason = toolCalls ? 'tool_calls' : 'stop';
		const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
		const base = { id, created: Math.floor(Date.now() / 1000), model: body.model };
		if (!body.stream) {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
					usage,
				}),
			);
			return;
		}
		response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
		const chunk = (delta: unknown, finish: string | null) =>
			send({
				...base,
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
			});
		chunk({ role: 'assistant', content: message.content ?? '' }, null);
		if (toolCalls) {
			chunk({ tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }, null);
		}
		chunk({}, finishReason);
		send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
		response.write('data: [DONE]\n\n');
		response.end();
	}
}
