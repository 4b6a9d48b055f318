/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line benchmark prints */
/**
 * N updates: one Nexudus node run of the WebHook Update operation over N items (each reads the
 * record, writes it back whole, and reads it again), against a fake Nexudus that enforces the same
 * three limits as Nexudus. With `scale` > 1 both the fake and the transport run those limits on a
 * clock `scale` times faster, so the shape of a long job runs in seconds.
 *
 * Prints requests sent, 409s received (the goal is 0) and the elapsed time next to the floor: the
 * earliest the last request could start if every request took no time at all.
 */
import type { RateLimits } from '../../nodes/shared/pacing';
import { NEXUDUS_RATE_LIMITS, setRateLimits } from '../../nodes/shared/pacing';
import { FakeNexudus } from '../fake-nexudus/server';
import { executeNode, newCredential } from '../harness/n8n';

/** The earliest start of each request of `writes` (in order) under the three limits. */
export function floorMs(writes: boolean[], limits: RateLimits): number {
	const starts: number[] = [];
	const writeStarts: number[] = [];
	for (const [index, write] of writes.entries()) {
		let start = index === 0 ? 0 : starts[index - 1] + limits.minIntervalMs;
		if (index >= limits.perWindow) {
			start = Math.max(start, starts[index - limits.perWindow] + limits.windowMs);
		}
		if (write && writeStarts.length >= limits.writesPerWindow) {
			const oldest = writeStarts[writeStarts.length - limits.writesPerWindow];
			start = Math.max(start, oldest + limits.windowMs);
		}
		starts.push(start);
		if (write) writeStarts.push(start);
	}
	return starts[starts.length - 1] ?? 0;
}

export async function benchUpdates(updates: number, scale: number): Promise<void> {
	const limits: RateLimits = {
		...NEXUDUS_RATE_LIMITS,
		minIntervalMs: NEXUDUS_RATE_LIMITS.minIntervalMs / scale,
		windowMs: NEXUDUS_RATE_LIMITS.windowMs / scale,
	};
	setRateLimits(limits);
	const fake = await FakeNexudus.start({
		throttle: {
			minIntervalMs: limits.minIntervalMs,
			perMinute: limits.perWindow,
			writesPerMinute: limits.writesPerWindow,
			windowMs: limits.windowMs,
		},
	});
	try {
		const location = fake.addBusiness('Benchmark Space');
		fake.seedWebHooks(updates, location.Id);
		const ids = [...fake.webhooks.keys()];
		const credential = newCredential(fake.url);

		const started = process.hrtime.bigint();
		const items = await executeNode(
			{
				type: 'nexudus',
				credential,
				parameters: {
					resource: 'webHook',
					operation: 'update',
					webHookId: '={{ $json.id }}',
					updateFields: { name: '={{ "Updated " + $json.id }}' },
				},
			},
			ids.map((id) => ({ json: { id } })),
		);
		const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

		const sent = fake.requests.filter((request) => request.path.startsWith('/api/sys/'));
		const floor = floorMs(
			sent.map((request) => request.method !== 'GET'),
			limits,
		);
		process.stdout.write(
			`${JSON.stringify({
				case: 'N updates',
				updates: items.length,
				clock: scale === 1 ? "Nexudus's real limits" : `limits ${scale}x faster`,
				requests: sent.length,
				writes: sent.filter((request) => request.method !== 'GET').length,
				throttled409: sent.filter((request) => request.status === 409).length,
				elapsedMs: Math.round(elapsedMs),
				floorMs: Math.round(floor),
				elapsedOverFloor: Math.round((elapsedMs / floor) * 100) / 100,
				atRealLimits: `floor ${(
					floorMs(
						sent.map((request) => request.method !== 'GET'),
						NEXUDUS_RATE_LIMITS,
					) / 60_000
				).toFixed(1)} min`,
			})}\n`,
		);
		const renamed = ids.filter((id) => fake.webhooks.get(id)?.Name === `Updated ${id}`);
		if (renamed.length !== updates)
			throw new Error(`expected ${updates} updates, got ${renamed.length}`);
	} finally {
		setRateLimits();
		await fake.stop();
	}
}
