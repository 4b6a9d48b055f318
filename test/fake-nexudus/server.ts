/**
 * A fake Nexudus API server (plain Node http) for unit tests, benchmarks, end-to-end tests and demos.
 *
 * Implements POST /api/token, the WebHook endpoints (search, get one, create, update, delete) with the
 * real API's authentication, roles, validation envelope, paging and quirks (list rows omit Description,
 * PUT replaces the whole record, Active defaults to false), and every entity of `SERVED_ENTITIES`
 * (the issue's first-class resources, Business included, plus a sample of others) from the catalogue
 * through one generic store: routes in entityRoutes.ts, records in entityStore.ts (what is read from the
 * catalogue: entitySchema.ts; body checks: entityValidation.ts; commands: entityCommands.ts; seeds: entitySeed.ts).
 * Test controls (failures, throttling, network drops, deliveries) are methods on `FakeNexudus` and,
 * for other processes, unauthenticated `/__control/...` endpoints (`/__control/entities…` for records).
 *
 * Entity records, for tests:
 * - `fake.entities` (EntityStore): `served()`, `schema(entity)`, `records(entity)` (live stored objects),
 *   `find(entity, id)` (the full record GET answers), `add(entity, values)` (stored as given, defaults
 *   filled, no validation), `clear(entity?)`, `commands(entity)`;
 * - `fake.seed(entity, count | records, businessId?)`: generated records (required fields filled, ids
 *   pointing at records of that location); `fake.seedEntities()`: demo data for every location;
 * - `fake.businesses` stays the Business entity's storage: `addBusiness` and the API see the same records;
 * - `ALL_ROLES` (the default) holds WebHook's roles and `<Entity>-List/-Read/-Create/-Edit/-Delete/-Update`.
 */
import { randomBytes, randomUUID } from 'crypto';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server
import * as http from 'http';
import { sleep } from 'n8n-workflow';

import {
	INVALID_VALUE,
	type ParsedBody,
	REQUIRED,
	type Reply,
	type Route,
	type RouteContext,
	type ValidationError,
	deletedReply,
	idFromPath,
	isBlank,
	isPlainObject,
	isoSeconds,
	json,
	jsonObjectOf,
	parseBody,
	savedReply,
	searchReply,
	validationFailed,
} from './common';
import { type DeliveryResult, deliveryPayload, postDelivery } from './delivery';
import { entityControl, entityRoles, entityRoutes } from './entityRoutes';
import { seedDemo, seedEntity } from './entitySeed';
import { EntityStore, type StoredRecord } from './entityStore';
import { type PagedResult, type SearchSpec, search, type TextMatch } from './search';
import { Throttle, type ThrottleSetting, retryAfterSeconds, throttleText } from './throttle';
import { parseAuthenticatorSecret, TOTP_STEP_SECONDS, totpCode } from '../../nodes/shared/totp';
import { BASE_PROPERTIES } from '../evidence/check';

export type { ValidationError } from './common';
export { isoSeconds } from './common';
export type { DeliveryResult } from './delivery';
export { SIGNATURE_HEADER, signPayload } from './delivery';
export type { PagedResult } from './search';
export type { StoredRecord } from './entityStore';
export { FIRST_ENTITY_ID } from './entityStore';
export { FIRST_CLASS_ENTITIES, SAMPLE_ENTITIES, SERVED_ENTITIES } from './catalogue';
export type { ThrottleLimits, ThrottleSetting } from './throttle';
export { DEFAULT_THROTTLE_LIMITS } from './throttle';

const WEBHOOK_ROLES = [
	'WebHook-List',
	'WebHook-Read',
	'WebHook-Create',
	'WebHook-Edit',
	'WebHook-Delete',
];
/** Every role the fake checks: WebHook's and `<Entity>-List/-Read/-Create/-Edit/-Delete/-Update` of the served entities. */
export const ALL_ROLES: readonly string[] = [...WEBHOOK_ROLES, ...entityRoles()];
export type Role = string;

export type PagingLie = 'none' | 'hasNextPage' | 'endless';

export const MIN_ACTION = 1;
export const MAX_ACTION = 90;
/** Nexudus disables a webhook after this many consecutive failed deliveries. */
export const AUTO_DISABLE_AFTER = 10;
export const FIRST_WEBHOOK_ID = 87654321;
export const FIRST_BUSINESS_ID = 1001;
export const MAX_NAME_LENGTH = 255;

export interface FakeNexudusOptions {
	email?: string;
	password?: string;
	roles?: string[];
	/** false: /api/token works but every /api/sys call answers 401. */
	apiAccess?: boolean;
	tokenTtlSeconds?: number;
	/** The user has two-factor authentication with this authenticator key (base32): logins need its code as `totp`. */
	twoFactorSecret?: string;
	/** true: {minIntervalMs: 100, perMinute: 120, writesPerMinute: 60}. */
	throttle?: ThrottleSetting;
	port?: number;
	host?: string;
	/** When set, deliveries are signed with X-Nexudus-Hook-Signature. */
	webhookSecret?: string;
	/** How text filters match; default 'contains', as Nexudus does. */
	textFilterMatch?: TextMatch;
}

export interface FakeBusiness {
	Id: number;
	Name: string;
	WebAddress: string;
	Active: boolean;
	UniqueId: string;
	CreatedOn: string;
	UpdatedOn: string;
	ToStringText: string;
}

export interface FakeWebHook {
	BusinessId: number;
	Name: string;
	Action: number;
	Description: string | null;
	URL: string;
	Active: boolean;
	LastError: string | null;
	ErrorCount: number;
	LastTrigger: string | null;
	Id: number;
	UniqueId: string;
	CreatedOn: string;
	UpdatedOn: string;
	UpdatedBy: string;
	IsNew: boolean;
	SystemId: string | null;
	ToStringText: string;
	LocalizationDetails: null;
	CustomFields: null;
}

/** A row of GET /api/sys/webhooks: the record without Description. */
export type FakeWebHookListRow = Omit<FakeWebHook, 'Description'>;

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Parsed JSON, form fields (password redacted), raw text, or undefined when empty. */
	body: unknown;
	/** Date.now() when the request arrived. */
	at: number;
	/** Status answered; 0 while pending or when the socket was dropped (setDown). */
	status: number;
}

/** Editable fields of a webhook, as accepted by POST and PUT. */
type WebHookInput = Pick<
	FakeWebHook,
	'BusinessId' | 'Name' | 'Action' | 'Description' | 'URL' | 'Active' | 'SystemId'
>;

const DENIED = 'Authorization has been denied for this request.';
// No public source shows the token endpoint's words for a missing or refused two-factor code:
// it answers as for a wrong password (400 invalid_grant), with a description about the code.
export const TOTP_REQUIRED = 'A two-factor authentication code (totp) is required for this user.';
export const TOTP_REFUSED = 'The two-factor authentication code is invalid or has expired.';
const WEBHOOK_NOT_FOUND = 'WebHook not found';

const WEBHOOK_SEARCH: SearchSpec = {
	prefix: 'WebHook',
	fields: [
		{ param: 'Business', property: 'BusinessId', kind: 'int' },
		{ param: 'Name', property: 'Name', kind: 'text' },
		{ param: 'Action', property: 'Action', kind: 'int' },
		{ param: 'Description', property: 'Description', kind: 'text' },
		{ param: 'URL', property: 'URL', kind: 'text' },
		{ param: 'Active', property: 'Active', kind: 'bool' },
		{ param: 'LastError', property: 'LastError', kind: 'text' },
		{ param: 'ErrorCount', property: 'ErrorCount', kind: 'int' },
		{ param: 'LastTrigger', property: 'LastTrigger', kind: 'date' },
		{ param: 'CreatedOn', property: 'CreatedOn', kind: 'date', rangeOnly: true },
		{ param: 'UpdatedOn', property: 'UpdatedOn', kind: 'date', rangeOnly: true },
	],
	properties: [
		'BusinessId',
		'Name',
		'Action',
		'Description',
		'URL',
		'Active',
		'LastError',
		'ErrorCount',
		'LastTrigger',
		...BASE_PROPERTIES,
	],
};

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** What `requests` keeps of a body: never the password. */
function recordableBody(body: ParsedBody): unknown {
	switch (body.kind) {
		case 'empty':
			return undefined;
		case 'json':
			return body.value;
		case 'form':
			return 'password' in body.value ? { ...body.value, password: '[redacted]' } : body.value;
		case 'other':
			return body.text;
	}
}

function readRawBody(request: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function send(response: http.ServerResponse, reply: Reply): void {
	const plain =
		typeof reply.body === 'string' && /^text\//.test(reply.headers?.['Content-Type'] ?? '');
	const text = plain ? (reply.body as string) : JSON.stringify(reply.body);
	response.writeHead(reply.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...reply.headers,
	});
	response.end(text);
}

function withoutDescription(hook: FakeWebHook): FakeWebHookListRow {
	const row: Partial<FakeWebHook> = { ...hook };
	delete row.Description;
	return row as FakeWebHookListRow;
}

function slugify(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export class FakeNexudus {
	readonly businesses: FakeBusiness[] = [];
	readonly webhooks = new Map<number, FakeWebHook>();
	readonly requests: RecordedRequest[] = [];
	/** Records of the catalogue entities the fake serves besides WebHook (see entityStore.ts). */
	readonly entities: EntityStore;
	tokensIssued = 0;

	private readonly server: http.Server;
	private readonly email: string;
	private readonly password: string;
	private readonly tokenTtlSeconds: number;
	private twoFactorKey: Buffer | undefined;
	private readonly webhookSecret: string | undefined;
	private readonly throttle: Throttle;
	private roles: Set<string>;
	private apiAccess: boolean;
	/** token -> expiry (ms since epoch) */
	private tokens = new Map<string, number>();
	private failures = { passing: 0, remaining: 0, status: 503 };
	private down = false;
	/** Milliseconds every answer waits, as the round trip to a distant Nexudus would. */
	private latencyMs = 0;
	/** While set, every API request (token included) of these methods is answered with this status. */
	private outage: { status: number; methods?: string[] } | undefined;
	private textFilterMatch: TextMatch;
	private pagingLie: PagingLie = 'none';
	private nextWebHookId = FIRST_WEBHOOK_ID;
	private nextBusinessId = FIRST_BUSINESS_ID;
	private seededCount = 0;
	private baseUrl = '';
	/** Staff edits armed by `editAfterRead`, made right after the next read of their record. */
	private staffEdits: Array<{ path: string; edit: () => void }> = [];

	private readonly routes: Route[] = [
		{
			method: 'GET',
			pattern: /^\/api\/sys\/webhooks\/?$/i,
			role: 'WebHook-List',
			handle: (c) => this.searchWebHooks(c),
		},
		{
			method: 'GET',
			pattern: /^\/api\/sys\/webhooks\/([^/]+)\/?$/i,
			role: 'WebHook-Read',
			handle: (c) => this.getWebHook(c),
		},
		{
			method: 'POST',
			pattern: /^\/api\/sys\/webhooks\/?$/i,
			role: 'WebHook-Create',
			handle: (c) => this.createWebHook(c),
		},
		{
			method: 'PUT',
			pattern: /^\/api\/sys\/webhooks\/?$/i,
			role: 'WebHook-Edit',
			handle: (c) => this.updateWebHook(c),
		},
		{
			method: 'DELETE',
			pattern: /^\/api\/sys\/webhooks\/([^/]+)\/?$/i,
			role: 'WebHook-Delete',
			handle: (c) => this.deleteWebHook(c),
		},
	];

	private constructor(options: FakeNexudusOptions) {
		this.email = options.email ?? 'admin@example.com';
		this.password = options.password ?? 'correct-horse';
		this.roles = new Set(options.roles ?? ALL_ROLES);
		this.apiAccess = options.apiAccess ?? true;
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 604799;
		this.webhookSecret = options.webhookSecret;
		this.setTwoFactorSecret(options.twoFactorSecret ?? null);
		this.throttle = new Throttle(options.throttle);
		this.textFilterMatch = options.textFilterMatch ?? 'contains';
		this.entities = new EntityStore({
			email: this.email,
			businesses: this.businesses,
			nextBusinessId: () => this.nextBusinessId++,
			textFilterMatch: () => this.textFilterMatch,
		});
		this.routes.push(...entityRoutes(this.entities, this.email));
		this.server = http.createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				if (!response.headersSent)
					send(response, json(500, { Message: `Fake server error: ${error.message}` }));
			});
		});
	}

	static async start(options: FakeNexudusOptions = {}): Promise<FakeNexudus> {
		const fake = new FakeNexudus(options);
		await fake.listen(options.port ?? 0, options.host ?? '127.0.0.1');
		return fake;
	}

	/** e.g. http://127.0.0.1:34567 (no trailing slash). */
	get url(): string {
		return this.baseUrl;
	}

	stop(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.close((error) => (error ? reject(error) : resolve()));
			this.server.closeAllConnections();
		});
	}

	// ----- state helpers for tests -----

	addBusiness(name: string): FakeBusiness {
		const now = isoSeconds();
		const business: FakeBusiness = {
			Id: this.nextBusinessId++,
			Name: name,
			WebAddress: slugify(name),
			Active: true,
			UniqueId: randomUUID(),
			CreatedOn: now,
			UpdatedOn: now,
			ToStringText: name,
		};
		this.businesses.push(business);
		return business;
	}

	/** Stores a webhook as-is (no validation). Unlike the API's POST, Active defaults to true here. */
	addWebHook(
		partial: Partial<FakeWebHook> & {
			BusinessId: number;
			Action: number;
			URL: string;
			Name: string;
		},
	): FakeWebHook {
		const now = isoSeconds();
		const { BusinessId, Name, Action, URL, ...rest } = partial;
		// keys in the documented order (BusinessId, Name, Action, Description, URL, Active, ...)
		const hook: FakeWebHook = {
			BusinessId,
			Name,
			Action,
			Description: null,
			URL,
			Active: true,
			LastError: null,
			ErrorCount: 0,
			LastTrigger: null,
			Id: this.nextWebHookId,
			UniqueId: randomUUID(),
			CreatedOn: now,
			UpdatedOn: now,
			UpdatedBy: this.email,
			IsNew: false,
			SystemId: null,
			ToStringText: Name,
			LocalizationDetails: null,
			CustomFields: null,
			...rest,
		};
		this.nextWebHookId = Math.max(this.nextWebHookId, hook.Id + 1);
		this.webhooks.set(hook.Id, hook);
		return hook;
	}

	/**
	 * Deterministic bulk seeding: names `<Topic> sync NNNNN`, actions cycling through 1..90,
	 * URLs https://hooks.example.com/<topic>/<n>, CreatedOn 37 minutes apart from 2024-01-01,
	 * every 7th inactive, every 11th with 3 errors, every 3rd never triggered.
	 * Without businessId, records are spread over all businesses.
	 */
	seedWebHooks(count: number, businessId?: number): void {
		if (businessId === undefined && this.businesses.length === 0) {
			throw new Error('seedWebHooks: add a business first (or pass a businessId)');
		}
		const topics = [
			'Slack',
			'CRM',
			'Billing',
			'Zapier',
			'Analytics',
			'Door access',
			'Mailchimp',
			'Accounting',
		];
		const start = Date.UTC(2024, 0, 1);
		for (let i = 0; i < count; i++) {
			const n = ++this.seededCount;
			const topic = topics[n % topics.length];
			const created = start + n * 37 * 60_000;
			const updated = created + (n % 5) * 86_400_000;
			const errors = n % 11 === 0 ? 3 : 0;
			this.addWebHook({
				BusinessId: businessId ?? this.businesses[n % this.businesses.length].Id,
				Name: `${topic} sync ${String(n).padStart(5, '0')}`,
				Action: ((n * 7) % MAX_ACTION) + 1,
				URL: `https://hooks.example.com/${slugify(topic)}/${n}`,
				Description: `Seeded webhook number ${n}`,
				Active: n % 7 !== 0,
				ErrorCount: errors,
				LastError: errors > 0 ? 'HTTP 500: Internal Server Error' : null,
				LastTrigger: n % 3 === 0 ? null : isoSeconds(updated + 3_600_000),
				CreatedOn: isoSeconds(created),
				UpdatedOn: isoSeconds(updated),
			});
		}
	}

	/**
	 * Adds records to a served entity (`fake.entities.served()`): `count` generated ones, or the given
	 * ones with generated required values underneath; ids point at records of `businessId`'s location.
	 */
	seed(
		entity: string,
		countOrRecords: number | Array<Record<string, unknown>>,
		businessId?: number,
	): StoredRecord[] {
		return seedEntity(this.entities, entity, countOrRecords, businessId);
	}

	/** Demo records for every location: customers, teams, plans, products, resources and a few of every other served entity. */
	seedEntities(): void {
		seedDemo(this.entities);
	}

	// ----- behaviour controls -----

	/** Every token issued so far becomes invalid. */
	expireTokens(): void {
		this.tokens.clear();
	}

	/** After letting `after` /api/sys requests through, the next `count` answer `status` with a JSON body. */
	failNext(count: number, status = 503, options: { after?: number } = {}): void {
		this.failures = { passing: options.after ?? 0, remaining: count, status };
	}

	/**
	 * While set, every /api request (the token endpoint included; of the given methods only, when
	 * listed) is answered `status` with Nexudus's error envelope, as during an outage. null ends it.
	 */
	setOutage(status: number | null, methods?: string[]): void {
		this.outage =
			status === null ? undefined : { status, methods: methods?.map((m) => m.toUpperCase()) };
	}

	/** Every answer from now on waits `ms` (0 ends it): a Nexudus that far away. */
	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	/** While down, every request's socket is destroyed without an answer. */
	setDown(down: boolean): void {
		this.down = down;
	}

	setRoles(roles: string[]): void {
		this.roles = new Set(roles);
	}

	/** Two-factor authentication for the user with this authenticator key (base32); null switches it off. */
	setTwoFactorSecret(secret: string | null): void {
		this.twoFactorKey = secret === null ? undefined : parseAuthenticatorSecret(secret);
	}

	setApiAccess(apiAccess: boolean): void {
		this.apiAccess = apiAccess;
	}

	setTextFilterMatch(textMatch: TextMatch): void {
		this.textFilterMatch = textMatch;
	}

	/**
	 * Fault switch for webhook searches. 'hasNextPage': HasNextPage is always true and a page past
	 * the end repeats the last page. 'endless': TotalPages also always says one more page.
	 */
	setPagingLie(lie: PagingLie): void {
		this.pagingLie = lie;
	}

	setThrottle(throttle: FakeNexudusOptions['throttle']): void {
		this.throttle.configure(throttle);
	}

	/**
	 * A member of staff changes a record in the admin panel right after the next successful
	 * `GET {path}/{id}` of it (so between a node's read and its write): `values` are written,
	 * `UpdatedOn` moves on and `UpdatedBy` names `by`, as any Nexudus edit does.
	 */
	editAfterRead(
		entity: string,
		id: number,
		values: Record<string, unknown>,
		by = 'staff@example.com',
	): void {
		const path = `${this.entities.schema(entity).path}/${id}`.toLowerCase();
		this.staffEdits.push({ path, edit: () => this.entities.edit(entity, id, values, by) });
	}

	private makeStaffEdits(method: string, path: string, status: number) {
		if (method !== 'GET' || status !== 200) return;
		const due = this.staffEdits.filter((armed) => armed.path === path.toLowerCase());
		this.staffEdits = this.staffEdits.filter((armed) => !due.includes(armed));
		for (const armed of due) armed.edit();
	}

	/**
	 * Drops webhooks, recorded requests, the tokens-issued count, pending failures and throttle history;
	 * keeps businesses, the other entity records (`fake.entities.clear()` drops those), settings and live tokens.
	 */
	reset(): void {
		this.webhooks.clear();
		this.requests.length = 0;
		this.tokensIssued = 0;
		this.failures = { passing: 0, remaining: 0, status: 503 };
		this.down = false;
		this.latencyMs = 0;
		this.pagingLie = 'none';
		this.outage = undefined;
		this.throttle.clear();
		this.staffEdits = [];
	}

	/**
	 * Delivers `records` (as a JSON array) to every active webhook with this Action and BusinessId,
	 * updating LastTrigger / ErrorCount / LastError / Active like Nexudus does.
	 */
	async fire(
		action: number,
		businessId: number,
		records: object[] | object,
		options: { secret?: string } = {},
	): Promise<DeliveryResult[]> {
		const secret = options.secret ?? this.webhookSecret;
		const payload = deliveryPayload(records);
		const targets = Array.from(this.webhooks.values())
			.filter((hook) => hook.Active && hook.Action === action && hook.BusinessId === businessId)
			.sort((a, b) => a.Id - b.Id);
		return Promise.all(
			targets.map(async (hook) => {
				const outcome = await postDelivery(hook.URL, payload, secret);
				this.recordDeliveryOutcome(hook, outcome);
				return { webHookId: hook.Id, url: hook.URL, ...outcome };
			}),
		);
	}

	// ----- HTTP plumbing -----

	private listen(port: number, host: string): Promise<void> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				const address = this.server.address();
				const actualPort = address !== null && typeof address === 'object' ? address.port : port;
				const shownHost =
					host === '0.0.0.0' || host === '::'
						? '127.0.0.1'
						: host.includes(':')
							? `[${host}]`
							: host;
				this.baseUrl = `http://${shownHost}:${actualPort}`;
				resolve();
			});
		});
	}

	private async handle(
		request: http.IncomingMessage,
		response: http.ServerResponse,
	): Promise<void> {
		const method = (request.method ?? 'GET').toUpperCase();
		const url = new URL(request.url ?? '/', 'http://fake.invalid');
		const query = Object.fromEntries(url.searchParams);
		const body = parseBody(request.headers['content-type'], await readRawBody(request));

		if (url.pathname.startsWith('/__control/')) {
			send(response, await this.control(method, url.pathname, body));
			return;
		}
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query,
			body: recordableBody(body),
			at: Date.now(),
			status: 0,
		};
		this.requests.push(record);
		if (this.down) {
			request.socket.destroy();
			return;
		}
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		const reply = this.answer(method, url.pathname, query, body, request.headers.authorization);
		record.status = reply.status;
		this.makeStaffEdits(method, url.pathname, reply.status);
		send(response, reply);
	}

	/** Pipeline for everything but control endpoints: token, failures, throttle, auth, route, role. */
	private answer(
		method: string,
		path: string,
		query: Record<string, string>,
		body: ParsedBody,
		authorization: string | undefined,
	): Reply {
		if (this.outage && (this.outage.methods?.includes(method) ?? true)) {
			return json(this.outage.status, {
				Message: `Simulated outage (HTTP ${this.outage.status}).`,
				Value: null,
				WasSuccessful: false,
				Errors: null,
			});
		}
		if (/^\/api\/token\/?$/i.test(path) && method === 'POST') return this.issueToken(body);
		if (!/^\/api\/[a-z]+\//i.test(path)) return this.noResource(path);

		if (this.failures.passing > 0) {
			this.failures.passing--;
		} else if (this.failures.remaining > 0) {
			this.failures.remaining--;
			// Shaped like Nexudus's envelope; a simulated 409 carries Retry-After like a real one.
			return json(
				this.failures.status,
				{
					Message: `Simulated failure (HTTP ${this.failures.status}).`,
					Value: null,
					WasSuccessful: false,
					Errors: null,
				},
				this.failures.status === 409 ? { 'Retry-After': '1' } : undefined,
			);
		}
		const admission = this.throttle.admit(
			method === 'POST' || method === 'PUT' || method === 'DELETE',
		);
		if (!admission.admitted) {
			const seconds = retryAfterSeconds(admission.waitMs);
			const retryAfter: Record<string, string> = this.throttle.retryAfterHeader
				? { 'Retry-After': String(seconds) }
				: {};
			if (this.throttle.answer === 429) {
				return json(429, throttleText(admission.waitMs), {
					'Content-Type': 'text/plain; charset=utf-8',
					...retryAfter,
				});
			}
			return json(
				409,
				{ Message: `Too many requests. Please retry after ${seconds} seconds.` },
				retryAfter,
			);
		}
		if (!this.isAuthorized(authorization)) {
			return json(401, { Message: DENIED }, { 'WWW-Authenticate': 'Bearer' });
		}
		for (const route of this.routes) {
			const match = route.method === method ? route.pattern.exec(path) : null;
			if (!match) continue;
			const role = typeof route.role === 'function' ? route.role(query) : route.role;
			if (!this.roles.has(role)) {
				return json(403, { Message: `You do not have the required role: ${role}` });
			}
			return route.handle({ id: match[1], query, body });
		}
		return this.noResource(path);
	}

	private noResource(path: string): Reply {
		return json(404, {
			Message: `No HTTP resource was found that matches the request URI '${path}'.`,
		});
	}

	// ----- auth -----

	private issueToken(body: ParsedBody): Reply {
		if (body.kind !== 'form') {
			return json(400, {
				error: 'invalid_request',
				error_description: 'The request body must be application/x-www-form-urlencoded.',
			});
		}
		const { grant_type: grantType, username, password } = body.value;
		if (grantType !== 'password') return json(400, { error: 'unsupported_grant_type' });
		if ((username ?? '').toLowerCase() !== this.email.toLowerCase() || password !== this.password) {
			return json(400, {
				error: 'invalid_grant',
				error_description: 'The user name or password is incorrect.',
			});
		}
		const refusedCode = this.refuseTwoFactorCode(body.value.totp);
		if (refusedCode) return refusedCode;
		const token = randomBytes(32).toString('base64url');
		this.tokens.set(token, Date.now() + this.tokenTtlSeconds * 1000);
		this.tokensIssued++;
		return json(200, {
			access_token: token,
			token_type: 'bearer',
			expires_in: this.tokenTtlSeconds,
		});
	}

	/** For a user with two-factor authentication: a code of this step or the one before or after. */
	private refuseTwoFactorCode(code: string | undefined): Reply | undefined {
		const key = this.twoFactorKey;
		if (!key) return undefined;
		if (!code) return json(400, { error: 'invalid_grant', error_description: TOTP_REQUIRED });
		const stepMs = TOTP_STEP_SECONDS * 1000;
		const valid = [-1, 0, 1].map((step) => totpCode(key, Date.now() + step * stepMs));
		return valid.includes(code)
			? undefined
			: json(400, { error: 'invalid_grant', error_description: TOTP_REFUSED });
	}

	private isAuthorized(authorization: string | undefined): boolean {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		const expiresAt = match ? this.tokens.get(match[1]) : undefined;
		return this.apiAccess && expiresAt !== undefined && Date.now() < expiresAt;
	}

	// ----- webhook endpoints -----

	private searchWebHooks({ query }: RouteContext): Reply {
		return searchReply(() =>
			this.withPagingLie(query, (pageQuery) =>
				search(
					this.webhooks.values(),
					pageQuery,
					WEBHOOK_SEARCH,
					withoutDescription,
					this.textFilterMatch,
				),
			),
		);
	}

	/** Applies setPagingLie: every page claims a next one, and a page past the end repeats the last. */
	private withPagingLie<T>(
		query: Record<string, string>,
		run: (query: Record<string, string>) => PagedResult<T>,
	): PagedResult<T> {
		const honest = run(query);
		if (this.pagingLie === 'none' || honest.TotalPages === 0) return honest;
		const lastPage = Math.min(honest.CurrentPage, honest.TotalPages);
		const answer =
			lastPage === honest.CurrentPage ? honest : run({ ...query, page: String(lastPage) });
		return {
			...answer,
			CurrentPage: honest.CurrentPage,
			HasNextPage: true,
			TotalPages: this.pagingLie === 'endless' ? honest.CurrentPage + 1 : honest.TotalPages,
		};
	}

	private findWebHook(idText: string | undefined): FakeWebHook | undefined {
		const id = idFromPath(idText);
		return id === undefined ? undefined : this.webhooks.get(id);
	}

	private getWebHook({ id }: RouteContext): Reply {
		const hook = this.findWebHook(id);
		return hook ? json(200, { ...hook }) : json(404, { Message: WEBHOOK_NOT_FOUND });
	}

	private createWebHook({ body }: RouteContext): Reply {
		const parsed = jsonObjectOf(body);
		if ('reply' in parsed) return parsed.reply;
		const { errors, input } = this.validateWebHook(parsed.value);
		if (errors.length > 0) return validationFailed(errors);
		const hook = this.addWebHook(input);
		return savedReply('WebHook', 'created', hook);
	}

	/** PUT replaces every editable field: whatever the body leaves out becomes null/false. */
	private updateWebHook({ body }: RouteContext): Reply {
		const parsed = jsonObjectOf(body);
		if ('reply' in parsed) return parsed.reply;
		const id = parsed.value.Id;
		if (!Number.isInteger(id)) {
			const idError = {
				AttemptedValue: id ?? null,
				Message: isBlank(id) ? REQUIRED : INVALID_VALUE,
				PropertyName: 'Id',
			};
			return validationFailed([idError, ...this.validateWebHook(parsed.value).errors]);
		}
		const hook = this.webhooks.get(id as number);
		if (!hook) return json(404, { Message: WEBHOOK_NOT_FOUND });
		const { errors, input } = this.validateWebHook(parsed.value);
		if (errors.length > 0) return validationFailed(errors);
		Object.assign(hook, input, {
			ToStringText: input.Name,
			UpdatedOn: isoSeconds(),
			UpdatedBy: this.email,
		});
		if (input.Active) hook.ErrorCount = 0;
		return savedReply('WebHook', 'updated', hook);
	}

	private deleteWebHook({ id }: RouteContext): Reply {
		const hook = this.findWebHook(id);
		if (!hook) return json(404, { Message: WEBHOOK_NOT_FOUND });
		this.webhooks.delete(hook.Id);
		return deletedReply('WebHook', hook.Id);
	}

	// ----- validation -----

	/** Validates the editable fields of a POST/PUT body; `input` is only meaningful without errors. */
	private validateWebHook(body: Record<string, unknown>): {
		errors: ValidationError[];
		input: WebHookInput;
	} {
		const errors: ValidationError[] = [];
		const reject = (property: keyof WebHookInput, message: string) =>
			errors.push({
				AttemptedValue: body[property] ?? null,
				Message: message,
				PropertyName: property,
			});
		const { BusinessId, Name, Action, Description, URL: url, Active } = body;

		if (isBlank(BusinessId)) reject('BusinessId', REQUIRED);
		else if (!this.businesses.some((business) => business.Id === BusinessId))
			reject('BusinessId', 'is not a valid location');

		if (isBlank(Name)) reject('Name', REQUIRED);
		else if (typeof Name !== 'string') reject('Name', INVALID_VALUE);
		else if (Name.length > MAX_NAME_LENGTH)
			reject('Name', `cannot be longer than ${MAX_NAME_LENGTH} characters`);

		if (isBlank(Action)) reject('Action', REQUIRED);
		else if (
			!Number.isInteger(Action) ||
			(Action as number) < MIN_ACTION ||
			(Action as number) > MAX_ACTION
		) {
			reject('Action', INVALID_VALUE);
		}

		if (isBlank(url)) reject('URL', REQUIRED);
		else if (typeof url !== 'string' || !isHttpUrl(url)) reject('URL', 'is not a valid URL');

		if (Description !== undefined && Description !== null && typeof Description !== 'string') {
			reject('Description', INVALID_VALUE);
		}
		if (Active !== undefined && Active !== null && typeof Active !== 'boolean')
			reject('Active', INVALID_VALUE);

		const input: WebHookInput = {
			BusinessId: BusinessId as number,
			Name: Name as string,
			Action: Action as number,
			Description: typeof Description === 'string' ? Description : null,
			URL: url as string,
			Active: Active === true,
			// A base field any record may carry (an external system's id): a PUT without it clears it.
			SystemId: typeof body.SystemId === 'string' ? body.SystemId : null,
		};
		return { errors, input };
	}

	// ----- deliveries -----

	private recordDeliveryOutcome(
		hook: FakeWebHook,
		outcome: Omit<DeliveryResult, 'webHookId' | 'url'>,
	): void {
		if (outcome.status >= 200 && outcome.status < 300) {
			hook.LastTrigger = isoSeconds();
			hook.ErrorCount = 0;
			hook.LastError = null;
			return;
		}
		hook.ErrorCount++;
		hook.LastError = outcome.error
			? `Network error: ${outcome.error}`
			: `HTTP ${outcome.status}: ${outcome.body.slice(0, 200)}`;
		if (hook.ErrorCount >= AUTO_DISABLE_AFTER) hook.Active = false;
	}

	// ----- control endpoints (unauthenticated, unrecorded, never throttled) -----

	private async control(method: string, path: string, body: ParsedBody): Promise<Reply> {
		const input = body.kind === 'json' && isPlainObject(body.value) ? body.value : {};
		const ok = json(200, { ok: true });
		const entityReply = entityControl(this.entities, method, path, input);
		if (entityReply) return entityReply;
		const deleteMatch = /^\/__control\/webhooks\/(\d+)$/.exec(path);
		if (method === 'DELETE' && deleteMatch) {
			return this.webhooks.delete(Number(deleteMatch[1]))
				? ok
				: json(404, { Message: WEBHOOK_NOT_FOUND });
		}
		switch (`${method} ${path}`) {
			case 'GET /__control/state':
				return json(200, {
					businesses: this.businesses,
					webhooks: Array.from(this.webhooks.values()),
					tokensIssued: this.tokensIssued,
					requestCount: this.requests.length,
				});
			case 'POST /__control/fire': {
				const { action, businessId, records, secret } = input;
				if (
					!Number.isInteger(action) ||
					!Number.isInteger(businessId) ||
					typeof records !== 'object' ||
					records === null
				) {
					return json(400, {
						Message:
							'Expected {action: integer, businessId: integer, records: object | object[], secret?: string}',
					});
				}
				const options = typeof secret === 'string' ? { secret } : {};
				return json(200, await this.fire(action as number, businessId as number, records, options));
			}
			case 'POST /__control/reset':
				this.reset();
				return ok;
			case 'POST /__control/edit-after-read': {
				const { entity, id, values } = input;
				if (typeof entity !== 'string' || !Number.isInteger(id) || !isPlainObject(values)) {
					return json(400, { Message: 'Expected {entity: string, id: integer, values: object}' });
				}
				this.editAfterRead(entity, id as number, values);
				return ok;
			}
			case 'POST /__control/expire-tokens':
				this.expireTokens();
				return ok;
			case 'POST /__control/fail-next':
				this.failNext(
					Number(input.count ?? 1),
					input.status === undefined ? undefined : Number(input.status),
				);
				return ok;
			case 'POST /__control/disable': {
				const hook = this.webhooks.get(Number(input.id));
				if (!hook) return json(404, { Message: WEBHOOK_NOT_FOUND });
				hook.Active = false;
				hook.ErrorCount = AUTO_DISABLE_AFTER;
				hook.LastError =
					hook.LastError ?? `Disabled after ${AUTO_DISABLE_AFTER} consecutive delivery failures.`;
				return ok;
			}
			case 'POST /__control/settings':
				return this.applySettings(input);
		}
		return json(404, { Message: `Unknown control endpoint ${method} ${path}` });
	}

	/** POST /__control/settings {down?, outage?, roles?, apiAccess?, twoFactorSecret?, throttle?}: the setters, for other processes. */
	private applySettings(input: Record<string, unknown>): Reply {
		if (typeof input.down === 'boolean') this.setDown(input.down);
		if (typeof input.outage === 'number' || input.outage === null) {
			this.setOutage(input.outage as number | null);
		}
		if (typeof input.apiAccess === 'boolean') this.setApiAccess(input.apiAccess);
		if (typeof input.twoFactorSecret === 'string' || input.twoFactorSecret === null) {
			this.setTwoFactorSecret(input.twoFactorSecret);
		}
		if (Array.isArray(input.roles)) this.setRoles(input.roles.map(String));
		if (typeof input.throttle === 'boolean' || isPlainObject(input.throttle)) {
			this.setThrottle(input.throttle as ThrottleSetting);
		}
		return json(200, { ok: true });
	}
}
