/**
 * Milliseconds on a clock that only moves forward, for measuring how long something waited or
 * how old something is. The wall clock (Date.now) can be stepped back or forward (NTP, a
 * suspended machine, a changed time zone setting on some hosts): a pause or an expiry measured
 * by it would last an hour too long after the clock went back an hour.
 */
export function monotonicNow(): number {
	return performance.now();
}
