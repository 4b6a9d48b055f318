import { setRateLimits } from '../../../nodes/shared/pacing';

// Nexudus's limits (1 per 100 ms, 120 and 60 writes per minute) on a 60 times faster clock.
// Tests of the pacing itself set their own clock with setRateLimits.
setRateLimits({ minIntervalMs: 100 / 60, windowMs: 60_000 / 60 });
