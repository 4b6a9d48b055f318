/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line benchmark prints and exits */
/**
 * `npm run bench [-- --updates N --scale S]`: prints, does not judge.
 * - Get Many with Return All over 10,000 records (WebHooks, then Customers), at Nexudus's real limits.
 * - A Nexudus Trigger on All Locations activated for 8 locations × 5 events, at the real limits.
 * - N updates (default 500) with Nexudus's limits on a clock S times faster (default 60; 1 is real
 *   time: 500 updates then take about 12 minutes).
 */
import { benchGetManyReturnAll } from './getManyReturnAll';
import { benchTriggerActivation } from './triggerActivation';
import { benchUpdates } from './updates';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
}

async function main() {
	const updates = option('updates', 500);
	const scale = option('scale', 60);
	await benchGetManyReturnAll();
	await benchTriggerActivation();
	await benchUpdates(updates, scale);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
