/** Rate limiting of /api/sys calls, answered by the fake with HTTP 409 and a Retry-After header. */

export interface ThrottleLimits {
	/** Minimum time between two accepted /api/sys requests. */
	minIntervalMs: number;
	/** Maximum accepted /api/sys requests in any window. */
	perMinute: number;
	/** Maximum accepted POST/PUT/DELETE /api/sys requests in any window. */
	writesPerMinute: number;
	/** The window's length: 60 s at Nexudus; shorter in tests that run a long job's shape in seconds. */
	windowMs: number;
	/** false: a 409 without its Retry-After header, as n8n 1.x hands it on to a node. */
	retryAfterHeader: boolean;
}

export type ThrottleSetting = boolean | Partial<ThrottleLimits> | undefined;

export const DEFAULT_THROTTLE_LIMITS: Readonly<ThrottleLimits> = {
	minIntervalMs: 100,
	perMinute: 120,
	writesPerMinute: 60,
	windowMs: 60_000,
	retryAfterHeader: true,
};

export function resolveThrottle(setting: ThrottleSetting): ThrottleLimits | undefined {
	if (setting === undefined || setting === false) return undefined;
	return { ...DEFAULT_THROTTLE_LIMITS, ...(setting === true ? {} : setting) };
}

export class Throttle {
	private limits: ThrottleLimits | undefined;
	/** Accepted requests of the last window, oldest first. */
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

	/** Whether a 409 carries Retry-After (n8n 1.x drops it before a node sees it). */
	get retryAfterHeader(): boolean {
		return this.limits?.retryAfterHeader ?? true;
	}

	/**
	 * Admits the request (and remembers it) or answers how many milliseconds the caller must wait.
	 * Only accepted requests count towards the limits.
	 */
	admit(
		write: boolean,
		now = Date.now(),
	): { admitted: true } | { admitted: false; waitMs: number } {
		const windowMs = this.limits?.windowMs ?? DEFAULT_THROTTLE_LIMITS.windowMs;
		this.accepted = this.accepted.filter((entry) => entry.at > now - windowMs);
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
		const windowWait = (entries: Array<{ at: number }>, limit: number) => {
			// the (limit+1)-th request must wait until the oldest one that would still be over the limit leaves the window
			if (limit <= 0) waits.push(limits.windowMs);
			else if (entries.length >= limit)
				waits.push(entries[entries.length - limit].at + limits.windowMs - now);
		};
		windowWait(this.accepted, limits.perMinute);
		if (write)
			windowWait(
				this.accepted.filter((entry) => entry.write),
				limits.writesPerMinute,
			);
		return Math.max(0, ...waits);
	}
}

/** Seconds for the Retry-After header: the wait rounded up, at least 1. */
export function retryAfterSeconds(waitMs: number): number {
	return Math.max(1, Math.ceil(waitMs / 1000));
}
