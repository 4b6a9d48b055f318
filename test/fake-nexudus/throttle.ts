/**
 * Rate limiting of /api/sys calls. Answered as Nexudus documents it (HTTP 409 with a Retry-After
 * header) or, with `answer: 429`, as a live tenant answered a client in 2026 (HTTP 429 with the
 * wait in a text body, "Wait N seconds"; see envelope.throttling in the real-world evidence).
 */

export interface ThrottleLimits {
	/** Minimum time between two accepted /api/sys requests. */
	minIntervalMs: number;
	/** Maximum accepted /api/sys requests in any window. */
	perMinute: number;
	/** Maximum accepted POST/PUT/DELETE /api/sys requests in any window. */
	writesPerMinute: number;
	/** The window's length: 60 s at Nexudus; shorter in tests that run a long job's shape in seconds. */
	windowMs: number;
	/** false: a throttle answer without a Retry-After header. */
	retryAfterHeader: boolean;
	/** Maximum accepted /api/sys requests in any hour. */
	perHour: number;
	/** The hour's length: 3,600,000 ms at Nexudus; by default 60 windows, so a faster window makes a faster hour. */
	hourMs?: number;
	/** 409: `{Message}` JSON (Nexudus's documented answer); 429: a text body saying "Wait N seconds". */
	answer: 409 | 429;
}

export type ThrottleSetting = boolean | Partial<ThrottleLimits> | undefined;

export const DEFAULT_THROTTLE_LIMITS: Readonly<ThrottleLimits> = {
	minIntervalMs: 100,
	perMinute: 120,
	writesPerMinute: 60,
	windowMs: 60_000,
	retryAfterHeader: true,
	perHour: 5000,
	answer: 409,
};

export function resolveThrottle(setting: ThrottleSetting): ThrottleLimits | undefined {
	if (setting === undefined || setting === false) return undefined;
	return { ...DEFAULT_THROTTLE_LIMITS, ...(setting === true ? {} : setting) };
}

export class Throttle {
	private limits: ThrottleLimits | undefined;
	/** Accepted requests of the last hour, oldest first. */
	private accepted: Array<{ at: number; write: boolean }> = [];

	constructor(setting: ThrottleSetting) {
		this.limits = resolveThrottle(setting);
	}

	configure(setting: ThrottleSetting): void {
		this.limits = resolveThrottle(setting);
	}

	clear(): void {
		this.accepted = [];
	}

	/** Whether a throttle answer carries Retry-After. */
	get retryAfterHeader(): boolean {
		return this.limits?.retryAfterHeader ?? true;
	}

	/** The status a throttled request is answered with. */
	get answer(): 409 | 429 {
		return this.limits?.answer ?? 409;
	}

	/**
	 * Admits the request (and remembers it) or answers how many milliseconds the caller must wait.
	 * Only accepted requests count towards the limits.
	 */
	admit(
		write: boolean,
		now = Date.now(),
	): { admitted: true } | { admitted: false; waitMs: number } {
		const hourMs = this.limits ? hourOf(this.limits) : 0;
		this.accepted = this.accepted.filter((entry) => entry.at > now - hourMs);
		const waitMs = this.limits ? this.waitNeeded(this.limits, write, now) : 0;
		if (waitMs > 0) return { admitted: false, waitMs };
		this.accepted.push({ at: now, write });
		return { admitted: true };
	}

	private waitNeeded(limits: ThrottleLimits, write: boolean, now: number): number {
		const waits: number[] = [];
		const last = this.accepted[this.accepted.length - 1];
		if (last && now - last.at < limits.minIntervalMs)
			waits.push(limits.minIntervalMs - (now - last.at));
		const windowWait = (entries: Array<{ at: number }>, limit: number, windowMs: number) => {
			const inWindow = entries.filter((entry) => entry.at > now - windowMs);
			// the (limit+1)-th request must wait until the oldest one that would still be over the limit leaves the window
			if (limit <= 0) waits.push(windowMs);
			else if (inWindow.length >= limit)
				waits.push(inWindow[inWindow.length - limit].at + windowMs - now);
		};
		windowWait(this.accepted, limits.perMinute, limits.windowMs);
		windowWait(this.accepted, limits.perHour, hourOf(limits));
		if (write)
			windowWait(
				this.accepted.filter((entry) => entry.write),
				limits.writesPerMinute,
				limits.windowMs,
			);
		return Math.max(0, ...waits);
	}
}

function hourOf(limits: ThrottleLimits): number {
	return limits.hourMs ?? limits.windowMs * 60;
}

/** The text of a 429: the wait in seconds, to the hundredth, rounded up. */
export function throttleText(waitMs: number): string {
	return `Too many requests. Wait ${Math.ceil(waitMs / 10) / 100} seconds before trying again.`;
}

/** Seconds for the Retry-After header: the wait rounded up, at least 1. */
export function retryAfterSeconds(waitMs: number): number {
	return Math.max(1, Math.ceil(waitMs / 1000));
}
