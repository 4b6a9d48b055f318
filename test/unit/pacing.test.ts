/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the test stands in for n8n-workflow's own timers */
/**
 * The pacer on the n8n line that hosts it. n8n loads the node with its own n8n-workflow: on 1.x
 * `sleep` ignores an AbortSignal (its timer runs to the end) and `sleepWithAbort` clears it; on
 * 2.x `sleep` takes the signal. A request queued for its turn sleeps up to its Max Wait: once it
 * gets the turn, that sleep must end and take its timer with it.
 */
import type * as Pacing from '../../nodes/shared/pacing';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Timers the sleeps below started that have neither fired nor been cleared. */
let pending = 0;

/** setTimeout that counts itself in `pending`; with a signal, cleared (rejecting) on abort. */
async function countedSleep(ms: number, signal?: AbortSignal): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		if (signal?.aborted) return reject(new Error('cancelled'));
		pending++;
		const onAbort = () => {
			clearTimeout(timeout);
			pending--;
			reject(new Error('cancelled'));
		};
		const timeout = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			pending--;
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/** n8n-workflow 1.x (1.123): `sleep` ignores a signal, `sleepWithAbort` honours it. */
const n8nOne = {
	sleep: async (ms: number) => await countedSleep(ms),
	sleepWithAbort: countedSleep as Sleep,
};
/** n8n-workflow 2.x (2.41): `sleep` honours a signal; no `sleepWithAbort`. */
const n8nTwo = { sleep: countedSleep as Sleep };

/** The pacing module loaded against an n8n-workflow with these sleeps. */
function pacingWith(sleeps: { sleep: Sleep; sleepWithAbort?: Sleep }): typeof Pacing {
	let pacing: typeof Pacing | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => {
			const actual = jest.requireActual<Record<string, unknown>>('n8n-workflow');
			const mocked: Record<string, unknown> = { ...actual, ...sleeps };
			if (!sleeps.sleepWithAbort) delete mocked.sleepWithAbort;
			return mocked;
		});
		pacing = jest.requireActual<typeof Pacing>('../../nodes/shared/pacing');
	});
	return pacing!;
}

/** Two requests: the second queues behind the first with a Max Wait of two minutes. */
async function timersLeftByAQueuedRequest(pacing: typeof Pacing): Promise<number> {
	pacing.setRateLimits({ minIntervalMs: 1, windowMs: 1000 });
	const pacer = pacing.pacerFor('https://queue.example.com');
	const budget = { maxWaitMs: 120_000 };
	const first = await pacer.take(false, budget);
	pending = 0;
	const second = pacer.take(false, budget);
	await new Promise((resolve) => setImmediate(resolve));
	expect(pending).toBe(1); // the queued request's sleep for its Max Wait
	first.done();
	(await second).done();
	await new Promise((resolve) => setImmediate(resolve));
	return pending;
}

afterEach(() => jest.dontMock('n8n-workflow'));

test('on n8n 1.x a request that got its turn leaves no timer behind (it used to run for its Max Wait)', async () => {
	expect(await timersLeftByAQueuedRequest(pacingWith(n8nOne))).toBe(0);
});

test('on n8n 2.x likewise', async () => {
	expect(await timersLeftByAQueuedRequest(pacingWith(n8nTwo))).toBe(0);
});
