/**
 * From version 2 of a start node, n8n reads a delivery's body before webhook() only for JSON,
 * XML, form and plain-text content types. The trigger then reads it itself, with the reader n8n
 * puts on the request, so a signed delivery with another content type is checked as in version 1.
 */
import { createHmac } from 'crypto';

import { FakeNexudus } from '../fake-nexudus/server';
import { deliveredRequest, newCredential, TriggerHarness } from '../harness/n8n';

const SECRET = 'shared-hook-secret';
const member = { Id: 501, FullName: 'Ada Lovelace' };
const body = JSON.stringify([member]);
const signature = createHmac('sha256', SECRET).update(body).digest('hex').toUpperCase();

let fake: FakeNexudus;

beforeAll(async () => {
	fake = await FakeNexudus.start();
});

afterAll(async () => {
	await fake.stop();
});

/** A request n8n left unread: no rawBody yet, only n8n's reader for it. */
function unreadRequest(headers: Record<string, string>) {
	const request = {
		...deliveredRequest(body, { 'content-type': 'application/octet-stream', ...headers }),
		rawBody: undefined as Buffer | undefined,
		body: {},
		query: { action: '3' },
		readRawBody: async () => {
			request.rawBody = Buffer.from(body);
		},
	};
	return request;
}

function newTrigger() {
	return new TriggerHarness({
		type: 'nexudusTrigger',
		typeVersion: 2,
		parameters: { location: { __rl: true, mode: 'id', value: '1' }, events: [3], options: {} },
		credential: newCredential(fake.url, { webhookSecret: SECRET }),
		webhookId: 'unread-body',
	});
}

test('a signed body n8n left unread is read, checked and delivered', async () => {
	const { data } = await newTrigger().deliver(
		unreadRequest({ 'x-nexudus-hook-signature': signature }) as never,
	);
	expect(data.workflowData?.[0].map((item) => item.json)).toEqual([
		// Given by ID: the location's id, no name.
		{
			...member,
			event: 'Coworker Created',
			eventAction: 3,
			eventType: 'CoworkerCreate',
			locationId: 1,
		},
	]);
});

test('a wrongly signed body n8n left unread is refused', async () => {
	const { response, data } = await newTrigger().deliver(
		unreadRequest({ 'x-nexudus-hook-signature': signature.replace(/^./, '0') }) as never,
	);
	expect(data).toEqual({ noWebhookResponse: true });
	expect(response.statusCode).toBe(401);
});
