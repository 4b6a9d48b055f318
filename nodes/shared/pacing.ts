import * as n8nWorkflow from 'n8n-workflow';

import { monotonicNow } from './clock';

/**
 * Keeps requests inside Nexudus's rate limits, so that Nexudus never has to answer 409.
 *
 * One pacer per API URL, shared by every node of this n8n process (module state). Requests to
 * one URL go one at a time, in the order they asked, and each one starts only when every limit
 * has room. A request counts from the moment its answer arrived: Nexudus saw it at the latest
 * then, so the windows can never be shorter at Nexudus's end than at ours. Time is measured on
 * the monotonic clock (see clock.ts): a wall clock stepped back must not hold every request.
 *
 * The hourly limit is paced smoothly rather than as a window: a job that ran at full speed
 * would fill the hour after about 42 minutes and then have to wait 18 minutes in one go, far
 * past any sensible Max Wait. Instead each request moves a "due" time on by `hourlyIntervalMs`,
 * and a request may start no earlier than `hourlyBurstMs` before the due time (the generic cell
 * rate algorithm). With interval = (hour + burst) / (perHour - 1), no hour ever holds more than
 * perHour requests; a short job runs at full speed, a long one settles at one request per
 * interval (0.84 s at Nexudus's limits, about 4,280 an hour) and never waits longer than that.
 */

export interface RateLimits {
	/** Least time between the end of one request and the start of the next. */
	minIntervalMs: number;
	/** Most requests in any window. */
	perWindow: number;
	/** Most POST/PUT/DELETE requests in any window. */
	writesPerWindow: number;
	windowMs: number;
	/** Most requests in any hour. */
	perHour: number;
	/** The hour in windows (60 at Nexudus), so that a test's faster window makes a faster hour. */
	windowsPerHour: number;
}

/** As Nexudus publishes them: 1 request per 100 ms, 120 a minute, 60 writes a minute, 5,000 an hour. */
export const NEXUDUS_RATE_LIMITS: Readonly<RateLimits> = {
	minIntervalMs: 100,
	perWindow: 120,
	writesPerWindow: 60,
	windowMs: 60_000,
	perHour: 5000,
	windowsPerHour: 60,
};

/** How far ahead of the hourly pace a job may run: a sixth of the hour (10 minutes at Nexudus). */
function hourlyBurstMs(): number {
	return (limits.windowMs * limits.windowsPerHour) / 6;
}

/** The sustained spacing of the hourly pace (see the module comment). */
function hourlyIntervalMs(): number {
	return (
		(limits.windowMs * limits.windowsPerHour + hourlyBurstMs()) / Math.max(limits.perHour - 1, 1)
	);
}

let limits: RateLimits = { ...NEXUDUS_RATE_LIMITS };
const pacers = new Map<string, Pacer>();

/**
 * For tests and the benchmark only: the same limits on a shorter clock, so that a test runs the
 * shape of a long job in seconds. No parameter, credential or environment variable reaches it.
 * Forgets every pacer's history.
 */
export function setRateLimits(changes: Partial<RateLimits> = {}): void {
	limits = { ...NEXUDUS_RATE_LIMITS, ...changes };
	pacers.clear();
}

export function currentRateLimits(): Readonly<RateLimits> {
	return limits;
}

/** A wait the user's Max Wait does not allow; the message says what the wait is for. */
export class RateLimitWaitError extends Error {
	name = 'RateLimitWaitError';
}

/** The execution was cancelled while a request waited for its turn. */
class WaitCancelledError extends Error {
	name = 'WaitCancelledError';
}

export interface WaitBudget {
	/** The longest one request may wait for its turn. */
	maxWaitMs: number;
	signal?: AbortSignal;
}

/**
 * A request's turn: `done()` once its answer (or failure) arrived; `done(false)` when the request
 * was not sent after all (it then counts in no limit).
 */
export interface Turn {
	done(sent?: boolean): void;
}

interface Waiter {
	resolve: () => void;
	/** Set when the turn was handed to this waiter. */
	granted: boolean;
}

export function pacerFor(apiUrl: string): Pacer {
	const key = apiUrl.toLowerCase();
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(key, pacer);
	}
	return pacer;
}

export class Pacer {
	/** When each request of the last window ended, oldest first. */
	private sent: Array<{ at: number; write: boolean }> = [];
	private busy = false;
	private readonly queue: Waiter[] = [];
	/** Set after a 409 or 429: no request before then. */
	private heldUntil = 0;
	private heldBecause = '';
	/** The hourly pace's due time (see the module comment). */
	private hourlyDue = Number.NEGATIVE_INFINITY;

	/**
	 * Waits for this request's turn and for room in every limit, within the budget. The spacing
	 * between two requests (100 ms) is always kept and never counts against the budget: a Max
	 * Wait of 0 means "never wait for room", not "fail every request that follows another".
	 */
	async take(write: boolean, budget: WaitBudget): Promise<Turn> {
		const deadline = monotonicNow() + budget.maxWaitMs;
		await this.waitForTurn(deadline, budget);
		let ready = false;
		try {
			// Checked again after each pause: a timer may fire a millisecond before the clock agrees.
			for (;;) {
				const { waitMs, reason, spacing } = this.roomIn(write, monotonicNow());
				if (waitMs <= 0) break;
				if (!spacing && monotonicNow() + waitMs > deadline) {
					throw new RateLimitWaitError(
						`${reason} needs a wait of ${seconds(waitMs)}, more than the ${seconds(budget.maxWaitMs)} allowed`,
					);
				}
				await pause(Math.ceil(waitMs), budget.signal);
			}
			throwIfCancelled(budget.signal);
			ready = true;
		} finally {
			if (!ready) this.passTurn();
		}
		let finished = false;
		return {
			done: (sent = true) => {
				if (finished) return;
				finished = true;
				if (sent) {
					const at = monotonicNow();
					this.sent.push({ at, write });
					this.hourlyDue = Math.max(at, this.hourlyDue) + hourlyIntervalMs();
				}
				this.passTurn();
			},
		};
	}

	/**
	 * Nexudus throttled although our windows had room (another client on the account, or a
	 * limit we do not know): no request to this URL before `waitMs` has passed. Without a wait
	 * from Nexudus, assume its windows are full: they have room again once the oldest request we
	 * sent in them leaves (or a whole window from now when we sent none).
	 */
	holdAfterThrottle(write: boolean, waitMs: number | undefined, status?: number): void {
		const now = monotonicNow();
		let until: number;
		if (waitMs !== undefined) {
			until = now + waitMs;
			this.heldBecause = `the wait Nexudus asked for (HTTP ${status ?? 409})`;
		} else {
			this.prune(now);
			const oldest = (entries: Array<{ at: number }>) => (entries[0]?.at ?? now) + limits.windowMs;
			until = Math.max(
				now + limits.minIntervalMs,
				oldest(this.sent),
				write ? oldest(this.sent.filter((entry) => entry.write)) : 0,
			);
			this.heldBecause = `a ${status ?? 409} without a wait (waiting for room in Nexudus's window)`;
		}
		if (until > this.heldUntil) this.heldUntil = until;
	}

	/**
	 * How long until a request of this kind fits all limits, which limit decides, and whether
	 * that is only the spacing between two requests.
	 */
	private roomIn(
		write: boolean,
		now: number,
	): { waitMs: number; reason: string; spacing: boolean } {
		this.prune(now);
		const waits: Array<{ waitMs: number; reason: string; spacing?: boolean }> = [
			{ waitMs: this.heldUntil - now, reason: this.heldBecause },
			{
				waitMs: this.hourlyDue - hourlyBurstMs() - now,
				reason: `Nexudus's limit of ${limits.perHour} requests per ${seconds(limits.windowMs * limits.windowsPerHour)}`,
			},
		];
		const last = this.sent[this.sent.length - 1];
		if (last) {
			waits.push({
				waitMs: last.at + limits.minIntervalMs - now,
				reason: `Nexudus's limit of 1 request per ${limits.minIntervalMs} ms`,
				spacing: true,
			});
		}
		const windowRoom = (entries: Array<{ at: number }>, limit: number, what: string) => {
			if (entries.length < limit) return;
			waits.push({
				waitMs: entries[entries.length - limit].at + limits.windowMs - now,
				reason: `Nexudus's limit of ${limit} ${what} per ${seconds(limits.windowMs)}`,
			});
		};
		windowRoom(this.sent, limits.perWindow, 'requests');
		if (write) {
			windowRoom(
				this.sent.filter((entry) => entry.write),
				limits.writesPerWindow,
				'writes',
			);
		}
		const longest = waits.reduce((a, b) => (b.waitMs > a.waitMs ? b : a));
		return {
			waitMs: Math.max(0, longest.waitMs),
			reason: longest.reason,
			spacing: longest.spacing === true,
		};
	}

	private prune(now: number) {
		const last = this.sent[this.sent.length - 1];
		this.sent = this.sent.filter((entry) => entry.at > now - limits.windowMs);
		// The interval rule still needs the last request, however old.
		if (this.sent.length === 0 && last) this.sent.push(last);
	}

	private async waitForTurn(deadline: number, budget: WaitBudget): Promise<void> {
		throwIfCancelled(budget.signal);
		if (!this.busy) {
			this.busy = true;
			return;
		}
		const waiter: Waiter = { resolve: () => {}, granted: false };
		const turn = new Promise<'turn'>((resolve) => (waiter.resolve = () => resolve('turn')));
		this.queue.push(waiter);
		const turnCame = new AbortController();
		let waited = false;
		try {
			const late = pause(deadline - monotonicNow(), budget.signal, turnCame.signal).then(
				() => 'late' as const,
			);
			if ((await Promise.race([turn, late])) === 'late') {
				throw new RateLimitWaitError(
					`earlier requests to the same Nexudus API URL kept this one waiting for more than the ${seconds(budget.maxWaitMs)} allowed`,
				);
			}
			waited = true;
		} finally {
			turnCame.abort();
			if (!waited) {
				if (waiter.granted) this.passTurn();
				else this.queue.splice(this.queue.indexOf(waiter), 1);
			}
		}
	}

	/** Hands the turn to the next waiter (it stays busy), or frees the pacer. */
	private passTurn() {
		const next = this.queue.shift();
		if (!next) {
			this.busy = false;
			return;
		}
		next.granted = true;
		next.resolve();
	}
}

function cancelled(): WaitCancelledError {
	return new WaitCancelledError(
		'The execution was cancelled while waiting for room in the Nexudus rate limit',
	);
}

function throwIfCancelled(signal: AbortSignal | undefined) {
	if (signal?.aborted) throw cancelled();
}

/**
 * n8n's sleep that ends (and clears its timer) when the signal aborts, rejecting: 2.x's `sleep`
 * takes the signal; 1.x's `sleep` ignores it (its timer would run to the end: a request that
 * got its turn early would leave a timer running for its whole Max Wait), but 1.x has
 * `sleepWithAbort`, which 2.x no longer exports. Looked up when called: n8n's own module is the
 * one loaded.
 */
function abortableSleep(milliseconds: number, signal: AbortSignal): Promise<void> {
	const workflow = n8nWorkflow as unknown as {
		sleepWithAbort?: (ms: number, signal: AbortSignal) => Promise<void>;
		sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	};
	return typeof workflow.sleepWithAbort === 'function'
		? workflow.sleepWithAbort(milliseconds, signal)
		: workflow.sleep(milliseconds, signal);
}

/**
 * Sleeps; rejects as soon as the execution is cancelled; ends early (quietly) when `stop` aborts.
 * Raced against the signal as well, in case n8n's sleep ignores it.
 */
export async function pause(
	milliseconds: number,
	signal?: AbortSignal,
	stop?: AbortSignal,
): Promise<void> {
	throwIfCancelled(signal);
	const ended = new AbortController();
	const end = () => ended.abort();
	let onCancel = () => {};
	const cancelledWait = new Promise<never>((_, reject) => {
		onCancel = () => reject(cancelled());
	});
	signal?.addEventListener('abort', onCancel, { once: true });
	stop?.addEventListener('abort', end, { once: true });
	try {
		await Promise.race([
			abortableSleep(Math.max(0, milliseconds), ended.signal).catch(() => undefined),
			cancelledWait,
		]);
	} finally {
		signal?.removeEventListener('abort', onCancel);
		stop?.removeEventListener('abort', end);
		end();
	}
}

function seconds(milliseconds: number): string {
	return `${Math.ceil(milliseconds / 100) / 10} s`;
}
