import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { NEXUDUS_RATE_LIMITS, currentRateLimits, setRateLimits } from '../../nodes/shared/pacing';
import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	MAX_PAGES,
	MAX_RATE_LIMIT_WAIT_SECONDS,
	maxRateLimitWaitSeconds,
	parseRetryAfter,
	readFailure,
	throttleWaitOf,
} from '../../nodes/shared/transport';
import type { FakeNexudus } from '../fake-nexudus/server';
import { Throttle, throttleText } from '../fake-nexudus/throttle';
import { useFakeNexudus } from '../harness/fakeSession';
import type { StoredCredential } from '../harness/n8n';
import { executeNode, newCredential } from '../harness/n8n';

/** The suite's clock (test/unit/setup): Nexudus's limits, 60 times faster. */
const TEST_CLOCK = { ...currentRateLimits() };

/**
 * The shapes n8n hands a failed request on in. The node tests cover n8n 2.x's for real; n8n 1.x
 * (proven in the end-to-end suite on 1.123) drops the response and its cause, keeping only the
 * status and the body.
 */
describe('readFailure', () => {
	test('n8n 2.x: the status, body and Retry-After come from the cause', () => {
		expect(
			readFailure({
				name: 'NodeApiError',
				message: 'Request failed',
				httpCode: '409',
				cause: {
					message: 'Request failed with status code 409',
					response: {
						status: 409,
						data: { Message: 'Too many requests' },
						headers: { 'retry-after': '2' },
					},
				},
			}),
		).toEqual({ status: 409, data: { Message: 'Too many requests' }, retryAfterMs: 2000 });
	});

	test('n8n 1.x: the status and body come from httpCode and context.data', () => {
		expect(
			readFailure({
				name: 'NodeApiError',
				message: 'The resource you are requesting could not be found',
				httpCode: '404',
				context: { data: { Message: 'WebHook not found' } },
			}),
		).toEqual({ status: 404, data: { Message: 'WebHook not found' } });
	});

	test.each([
		[
			{
				name: 'NodeApiError',
				message: 'x',
				cause: {
					name: 'NexudusLoginError',
					message: 'Nexudus login failed: the email or password is incorrect',
				},
			},
		],
		[
			{
				name: 'NodeApiError',
				message: 'Nexudus login failed: the email or password is incorrect',
				httpCode: null,
			},
		],
	])('a failed login keeps its own words on either line (%#)', (error) => {
		expect(readFailure(error)).toEqual({
			loginMessage: 'Nexudus login failed: the email or password is incorrect',
		});
	});

	test('no answer at all is a network failure with its code', () => {
		expect(
			readFailure({
				name: 'NodeApiError',
				message: 'The service refused the connection',
				httpCode: null,
				cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
			}),
		).toEqual({ networkCode: 'ECONNREFUSED', networkDetail: 'connect ECONNREFUSED 127.0.0.1:1' });
	});
});

describe('parseRetryAfter', () => {
	test.each([
		['3', 3000],
		[5, 5000],
		['0', 0],
		['3600', 3_600_000],
		['soon', undefined],
		[undefined, undefined],
	])('%j → %j ms', (header, expected) => {
		expect(parseRetryAfter(header)).toBe(expected);
	});

	test('an HTTP date is the time until then', () => {
		const inTwoSeconds = new Date(Date.now() + 2500).toUTCString();
		expect(parseRetryAfter(inTwoSeconds)).toBeGreaterThan(1000);
		expect(parseRetryAfter(inTwoSeconds)).toBeLessThanOrEqual(2500);
	});
});

describe('maxRateLimitWaitSeconds', () => {
	test.each([
		[undefined, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS],
		['', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS],
		['soon', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS],
		[-1, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS],
		[0, 0],
		[30, 30],
		['45', 45],
	])(
		'credential value %j → %j s (a credential saved before the field keeps the default)',
		(value, expected) => {
			expect(maxRateLimitWaitSeconds(value)).toBe(expected);
		},
	);
});

describe('maxRateLimitWaitSeconds bound', () => {
	test('one day is the most: a timer cannot wait past about 24.8 days', () => {
		expect(maxRateLimitWaitSeconds(MAX_RATE_LIMIT_WAIT_SECONDS)).toBe(86_400);
		expect(() => maxRateLimitWaitSeconds(2_200_000)).toThrow(
			'"Max Wait for Rate Limit (Seconds)" is 2200000: the most it can be is 86400 (one day)',
		);
	});
});

describe('throttleWaitOf', () => {
	test.each([
		['409 with Retry-After', { status: 409, retryAfterMs: 2000 }, 2000],
		['429 with Retry-After', { status: 429, retryAfterMs: 1000, data: 'Wait 9 seconds' }, 1000],
		[
			'429 saying "Wait N seconds"',
			{ status: 429, data: 'Too many requests. Wait 2.5 seconds.' },
			2750,
		],
		['429 in any case', { status: 429, data: 'PLEASE WAIT 3 SECONDS' }, 3250],
		['409 with the wait in Message', { status: 409, data: { Message: 'Wait 1 second' } }, 1250],
		['409 without a wait', { status: 409, data: { Message: 'Too many requests' } }, undefined],
		['429 without a body (n8n 1.x error)', { status: 429 }, undefined],
		['400 saying wait', { status: 400, data: 'Wait 3 seconds' }, null],
		['a network failure', { networkCode: 'ECONNRESET' }, null],
	])('%s', (_, failure, expected) => {
		expect(throttleWaitOf(failure)).toBe(expected);
	});
});

describe("the fake's throttle, which the tests below rely on", () => {
	const unlimited = { minIntervalMs: 0, perMinute: 1e6, writesPerMinute: 1e6, windowMs: 100 };

	test('holds at most perHour requests in any hour, and says when the oldest leaves it', () => {
		const throttle = new Throttle({ ...unlimited, perHour: 2, hourMs: 1000 });
		expect(throttle.admit(false, 0)).toEqual({ admitted: true });
		expect(throttle.admit(true, 400)).toEqual({ admitted: true });
		expect(throttle.admit(false, 900)).toEqual({ admitted: false, waitMs: 100 });
		expect(throttle.admit(false, 1001)).toEqual({ admitted: true });
	});

	test('by default the hour is 60 windows and holds 5,000 requests', () => {
		const throttle = new Throttle({ ...unlimited, windowMs: 1 });
		for (let n = 0; n < 5000; n++) expect(throttle.admit(false, n / 100).admitted).toBe(true);
		expect(throttle.admit(false, 50)).toEqual({ admitted: false, waitMs: 10 });
	});

	test('answers 429 with the wait in words when told to', () => {
		expect(new Throttle({ answer: 429 }).answer).toBe(429);
		expect(new Throttle(true).answer).toBe(409);
		expect(throttleText(2901)).toBe('Too many requests. Wait 2.91 seconds before trying again.');
	});
});

describe('against the fake Nexudus', () => {
	const suite = useFakeNexudus();
	let fake: FakeNexudus;
	let credential: StoredCredential;
	let locationId: number;

	beforeEach(() => {
		({ fake, credential, locationId } = suite);
		setRateLimits(TEST_CLOCK);
	});

	afterAll(() => setRateLimits(TEST_CLOCK));

	const sysRequests = () => fake.requests.filter((request) => request.path.startsWith('/api/sys/'));
	const throttled = () => sysRequests().filter((request) => request.status === 409);

	async function run(
		parameters: INodeParameters,
		items?: INodeExecutionData[],
		cancelSignal?: AbortSignal,
	) {
		return await executeNode({ type: 'nexudus', parameters, credential, cancelSignal }, items);
	}

	async function runFailing(
		parameters: INodeParameters,
		items?: INodeExecutionData[],
		cancelSignal?: AbortSignal,
	) {
		const outcome = await run(parameters, items, cancelSignal).then(
			() => undefined,
			(error: Error) => error,
		);
		expect(outcome).toBeInstanceOf(Error);
		return outcome as Error & { description?: string };
	}

	const addHooks = (count: number) =>
		Array.from(
			{ length: count },
			(_, n) =>
				fake.addWebHook({
					BusinessId: locationId,
					Name: `Hook ${n}`,
					Action: 3,
					URL: 'https://a.example.com',
				}).Id,
		);

	const getAll = (parameters: INodeParameters) => ({
		resource: 'webHook',
		operation: 'getAll',
		...parameters,
	});

	/** `count` Gets of one new webhook, one per item, each answered with it; the requests sent. */
	async function getsOfOneHook(count: number) {
		const hook = fake.addWebHook({
			BusinessId: locationId,
			Name: 'A',
			Action: 3,
			URL: 'https://a.example.com',
		});
		const items = await run(
			{ resource: 'webHook', operation: 'get', webHookId: String(hook.Id) },
			Array.from({ length: count }, () => ({ json: {} })),
		);
		expect(items.map((item) => item.json.Id)).toEqual(Array.from({ length: count }, () => hook.Id));
		return sysRequests();
	}

	/** One Update per item, renaming the webhook whose id the item holds. */
	function updateRun(ids: number[]) {
		return run(
			{
				resource: 'webHook',
				operation: 'update',
				webHookId: '={{ $json.id }}',
				updateFields: { name: '={{ "Renamed " + $json.id }}' },
			},
			ids.map((id) => ({ json: { id } })),
		);
	}

	describe('Paging', () => {
		const listRequests = () =>
			fake.requests.filter((request) => request.path === '/api/sys/webhooks');

		test('stops at TotalPages even when Nexudus keeps saying HasNextPage', async () => {
			fake.seedWebHooks(2500, locationId);
			fake.setPagingLie('hasNextPage');
			const items = await run(getAll({ returnAll: true }));
			expect(items).toHaveLength(2500);
			expect(new Set(items.map((item) => item.json.Id)).size).toBe(2500);
			expect(listRequests().map((request) => request.query.page)).toEqual(['1', '2', '3']);
		});

		test('stops at a hard cap with a named error when TotalPages keeps growing too', async () => {
			setRateLimits({ minIntervalMs: 0, perWindow: 1e6, writesPerWindow: 1e6, perHour: 1e6 });
			fake.seedWebHooks(2, locationId);
			fake.setPagingLie('endless');
			const error = await runFailing(getAll({ returnAll: true }));
			expect(error.message).toBe(
				`Nexudus kept announcing more pages after ${MAX_PAGES} pages of 1000 records`,
			);
			expect(listRequests()).toHaveLength(MAX_PAGES);
		});
	});

	describe('Rate limits', () => {
		test('a long run of updates from two nodes at once is paced so that Nexudus never answers 409', async () => {
			// The fake enforces Nexudus's three limits on the same clock the transport paces by.
			fake.setThrottle({
				minIntervalMs: TEST_CLOCK.minIntervalMs,
				windowMs: TEST_CLOCK.windowMs,
				perMinute: NEXUDUS_RATE_LIMITS.perWindow,
				writesPerMinute: NEXUDUS_RATE_LIMITS.writesPerWindow,
			});
			const ids = addHooks(120);
			const started = Date.now();
			const [first, second] = await Promise.all([
				updateRun(ids.slice(0, 60)),
				updateRun(ids.slice(60)),
			]);
			const elapsed = Date.now() - started;

			expect([...first, ...second].map((item) => item.json.Name)).toEqual(
				ids.map((id) => `Renamed ${id}`),
			);
			expect(ids.every((id) => fake.webhooks.get(id)!.Name === `Renamed ${id}`)).toBe(true);
			// Update reads, writes, then reads the record back: 360 requests, 120 of them writes.
			expect(sysRequests()).toHaveLength(360);
			expect(throttled()).toHaveLength(0);
			// 360 requests at 120 per window cannot finish before two whole windows have passed.
			expect(elapsed).toBeGreaterThanOrEqual(2 * TEST_CLOCK.windowMs);
		});

		test('a 409 without Retry-After (as n8n 1.x hands it on) waits until the window has room', async () => {
			// Longer than the 1 s the transport used to guess, so a guess would meet a second 409.
			const windowMs = 3000;
			fake.setThrottle({ minIntervalMs: 0, perMinute: 3, windowMs, retryAfterHeader: false });

			const answer = await fetchWithoutPacing(4);
			expect(answer.status).toBe(409);
			expect(answer.headers.get('retry-after')).toBeNull();
			fake.reset();
			setRateLimits({ ...TEST_CLOCK, windowMs }); // and forget the request above
			const requests = await getsOfOneHook(4);
			expect(requests.map((request) => request.status)).toEqual([200, 200, 200, 409, 200]);
			// The retry went once the first request had left Nexudus's window, not one guess later.
			const [firstAccepted, , , , retry] = requests;
			expect(retry.at - firstAccepted.at).toBeGreaterThanOrEqual(windowMs);
		});

		test('a 429 saying "Wait N seconds" (no Retry-After) is waited out for the time it says', async () => {
			// The pacer believes in a 10 s window, so a guess from it would wait about 10 s.
			setRateLimits({ ...TEST_CLOCK, windowMs: 10_000, perWindow: 1e6, writesPerWindow: 1e6 });
			fake.setThrottle({
				minIntervalMs: 0,
				perMinute: 3,
				windowMs: 1500,
				retryAfterHeader: false,
				answer: 429,
			});
			const answer = await fetchWithoutPacing(4);
			expect(answer.status).toBe(429);
			expect(answer.headers.get('retry-after')).toBeNull();
			expect(await answer.text()).toMatch(/^Too many requests\. Wait \d+(\.\d+)? seconds/);
			fake.reset();
			setRateLimits({ ...TEST_CLOCK, windowMs: 10_000, perWindow: 1e6, writesPerWindow: 1e6 });
			const requests = await getsOfOneHook(4);
			expect(requests.map((request) => request.status)).toEqual([200, 200, 200, 429, 200]);
			const [, , , throttledRequest, retry] = requests;
			// It waited what the text said, plus the live client's 0.25 s, and not the pacer's guess.
			expect(retry.at - throttledRequest.at).toBeGreaterThanOrEqual(250);
			expect(retry.at - throttledRequest.at).toBeLessThan(3000);
		});

		test('a 429 whose text asks for longer than the credential allows is a named error at once', async () => {
			fake.setThrottle({
				minIntervalMs: 0,
				perMinute: 1,
				windowMs: 10_000,
				retryAfterHeader: false,
				answer: 429,
			});
			credential = newCredential(fake.url, { maxRateLimitWait: 2 });
			const started = Date.now();
			const error = await runFailing(getAll({ returnAll: false, limit: 1 }), [
				{ json: {} },
				{ json: {} },
			]);
			expect(error.message).toMatch(
				/^Nexudus rate limit: the wait Nexudus asked for \(HTTP 429\) needs a wait of 10(\.\d)? s, more than the 2 s allowed$/,
			);
			expect(Date.now() - started).toBeLessThan(2000);
			expect(sysRequests().filter((request) => request.status === 429)).toHaveLength(1);
		});

		test('a Max Wait of 0 still lets Create and Update through: the 100 ms spacing never counts', async () => {
			setRateLimits({ ...TEST_CLOCK, minIntervalMs: 100 });
			fake.setThrottle({ minIntervalMs: 100, perMinute: 1e6, writesPerMinute: 1e6 });
			credential = newCredential(fake.url, { maxRateLimitWait: 0 });
			const [created] = await run({
				resource: 'webHook',
				operation: 'create',
				location: { __rl: true, mode: 'id', value: String(locationId) },
				name: 'Spaced',
				event: 3,
				url: 'https://hooks.example.com/members',
				additionalFields: {},
			});
			const [updated] = await run({
				resource: 'webHook',
				operation: 'update',
				webHookId: String(created.json.Id),
				updateFields: { name: 'Spaced again' },
			});
			expect(updated.json.Name).toBe('Spaced again');
			expect(fake.webhooks.get(created.json.Id as number)?.Name).toBe('Spaced again');
			const requests = sysRequests();
			expect(requests.length).toBeGreaterThanOrEqual(5);
			expect(requests.every((request) => request.status === 200)).toBe(true);
		});

		test('a Max Wait above one day is a named error before anything is sent', async () => {
			credential = newCredential(fake.url, { maxRateLimitWait: 3_000_000 });
			const error = await runFailing(getAll({ returnAll: false, limit: 1 }));
			expect(error.message).toBe(
				'"Max Wait for Rate Limit (Seconds)" is 3000000: the most it can be is 86400 (one day)',
			);
			expect(sysRequests()).toHaveLength(0);
		});

		test('a wall clock stepped back an hour does not hold the next requests', async () => {
			await run(getAll({ returnAll: false, limit: 1 }));
			const wallNow = Date.now.bind(Date);
			const spy = jest.spyOn(Date, 'now').mockImplementation(() => wallNow() - 3_600_000);
			try {
				const started = performance.now();
				const items = await run(getAll({ returnAll: false, limit: 1 }), [
					{ json: {} },
					{ json: {} },
					{ json: {} },
				]);
				expect(items).toHaveLength(0);
				expect(sysRequests()).toHaveLength(4);
				expect(performance.now() - started).toBeLessThan(2000);
			} finally {
				spy.mockRestore();
			}
		});

		test('the hourly cap is paced: a job longer than the hour allows never stalls nor meets a 409', async () => {
			// An "hour" of 1.5 s holding 20 requests; a Max Wait of 1 s, less than the hour's 1.5 s.
			const hourMs = 1500;
			setRateLimits({
				minIntervalMs: 0,
				windowMs: 100,
				perWindow: 1e6,
				writesPerWindow: 1e6,
				perHour: 20,
				windowsPerHour: hourMs / 100,
			});
			fake.setThrottle({
				minIntervalMs: 0,
				windowMs: 100,
				perMinute: 1e6,
				writesPerMinute: 1e6,
				perHour: 20,
				hourMs,
			});
			credential = newCredential(fake.url, { maxRateLimitWait: 1 });
			const started = Date.now();
			const requests = await getsOfOneHook(60);
			expect(throttled()).toHaveLength(0);
			// 60 requests at 20 an hour cannot end before two hours have passed since the first.
			expect(Date.now() - started).toBeGreaterThanOrEqual(2 * hourMs);
			const gaps = requests.slice(1).map((request, index) => request.at - requests[index].at);
			expect(Math.max(...gaps)).toBeLessThan(400);
		});

		/** Sends `count` GETs straight to the fake (no transport) and answers the last. */
		async function fetchWithoutPacing(count: number) {
			await run(getAll({ returnAll: false, limit: 1 }));
			let answer: Response | undefined;
			for (let n = 0; n < count; n++) {
				answer = await fetch(`${fake.url}/api/sys/webhooks`, {
					headers: { Authorization: `Bearer ${credential.data.accessToken as string}` },
				});
			}
			return answer!;
		}

		test('a pacing wait longer than the credential allows is a named error at once, not a hang', async () => {
			setRateLimits({ minIntervalMs: 0, windowMs: 30_000, writesPerWindow: 1 });
			credential = newCredential(fake.url, { maxRateLimitWait: 1 });
			const started = Date.now();
			const error = await runFailing(
				{
					resource: 'webHook',
					operation: 'delete',
					webHookId: '={{ $json.id }}',
				},
				addHooks(2).map((id) => ({ json: { id } })),
			);
			expect(error.message).toBe(
				"Nexudus rate limit: Nexudus's limit of 1 writes per 30 s needs a wait of 30 s, more than the 1 s allowed",
			);
			expect(error.description).toMatch(/Max Wait for Rate Limit/);
			expect(Date.now() - started).toBeLessThan(1000);
			expect(sysRequests().filter((request) => request.method === 'DELETE')).toHaveLength(1);
		});

		test('a request queued behind another node longer than its Max Wait is a named error', async () => {
			setRateLimits({ ...TEST_CLOCK, windowMs: 3000, writesPerWindow: 1 });
			const patient = run(
				{ resource: 'webHook', operation: 'delete', webHookId: '={{ $json.id }}' },
				addHooks(2).map((id) => ({ json: { id } })),
			);
			await sleep(200); // its second delete now holds the turn for about 3 s
			const started = Date.now();
			const impatient = await executeNode({
				type: 'nexudus',
				parameters: getAll({ returnAll: false, limit: 1 }),
				credential: newCredential(fake.url, { maxRateLimitWait: 1 }),
			}).then(
				() => undefined,
				(error: Error) => error,
			);
			expect(impatient?.message).toBe(
				'Nexudus rate limit: earlier requests to the same Nexudus API URL kept this one waiting for more than the 1 s allowed',
			);
			expect(Date.now() - started).toBeGreaterThanOrEqual(900);
			expect(Date.now() - started).toBeLessThan(2000);
			await patient;
			expect(fake.webhooks.size).toBe(0);
			expect(fake.requests.some((request) => request.path === '/api/sys/webhooks')).toBe(false);
		});

		test('a Retry-After longer than the credential allows is a named error at once', async () => {
			fake.setThrottle({ minIntervalMs: 0, perMinute: 1, windowMs: 10_000 });
			credential = newCredential(fake.url, { maxRateLimitWait: 2 });
			const started = Date.now();
			const error = await runFailing(getAll({ returnAll: false, limit: 1 }), [
				{ json: {} },
				{ json: {} },
			]);
			expect(error.message).toBe(
				'Nexudus rate limit: the wait Nexudus asked for (HTTP 409) needs a wait of 10 s, more than the 2 s allowed',
			);
			expect(Date.now() - started).toBeLessThan(2000);
			expect(throttled()).toHaveLength(1);
		});

		test('cancelling the execution stops a wait, and nothing more is sent', async () => {
			setRateLimits({ minIntervalMs: 0, windowMs: 30_000, writesPerWindow: 1 });
			const cancel = new AbortController();
			void sleep(300).then(() => cancel.abort());
			const started = Date.now();
			const error = await runFailing(
				{
					resource: 'webHook',
					operation: 'create',
					location: { __rl: true, mode: 'id', value: String(locationId) },
					name: '={{ $json.name }}',
					event: 3,
					url: 'https://hooks.example.com/members',
					additionalFields: {},
				},
				[{ json: { name: 'first' } }, { json: { name: 'second' } }],
				cancel.signal,
			);
			expect(error.message).toBe(
				'The execution was cancelled while waiting for room in the Nexudus rate limit',
			);
			expect(Date.now() - started).toBeLessThan(2000);
			await sleep(200);
			expect([...fake.webhooks.values()].map((hook) => hook.Name)).toEqual(['first']);
		});
	});
});
