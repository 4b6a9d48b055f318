/** Rate limiting of /api/sys calls, answered by the fake with HTTP 409 and a Retry-After header. */

export interface ThrottleLimits {
	/** Minimum time between two accepted /api/sys requests. */
	minIntervalMs: number;
	/** Maximum accepted /api/sys requests in any 60 s window. */
	perMinute: number;
	/** Maximum accepted POST/PUT/DELETE /api/sys requests in any 60 s window. */
	writesPerMinute: number;
}

export type ThrottleSetting = boolean | Partial<ThrottleLimits> | undefined;

export const DEFAULT_THROTTLE_LIMITS: Readonly<ThrottleLimits> = {
	minIntervalMs: 100,
	perMinute: 120,
	writesPerMinute: 60,
};

const WINDOW_MS = 60_000;

export function resolveThrottle(setting: ThrottleSetting): ThrottleLimits | undefined {
	if (setting === undefined || setting === false) return undefined;
	return { ...DEFAULT_THROTTLE_LIMITS, ...(setting === true ? {} : setting) };
}

export class Throttle {
	private limits: ThrottleLimits | undefined;
	/** Accepted requests of the last 60 s, oldest first. */
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

	/**
	 * Admits the request (and remembers it) or answers how many milliseconds the caller must wait.
	 * Only accepted requests count towards the limits.
	 */
	admit(
		write: boolean,
		now = Date.now(),
	): { admitted: true } | { admitted: false; waitMs: number } {
		this.accepted = this.accepted.filter((entry) => entry.at > now - WINDOW_MS);
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
			if (limit <= 0) waits.push(WINDOW_MS);
			else if (entries.length >= limit)
				waits.push(entries[entries.length - limit].at + WINDOW_MS - now);
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
