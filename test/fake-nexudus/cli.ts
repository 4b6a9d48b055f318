/* eslint-disable @n8n/community-nodes/no-restricted-globals -- command-line entry point: needs process */
/**
 * Runs the fake Nexudus server as a standalone process (for the demo and the end-to-end suite):
 *
 *   node -r ts-node/register/transpile-only test/fake-nexudus/cli.ts \
 *     --port 8080 --email a@b.c --password secret --seed demo [--host 127.0.0.1] [--secret s] [--throttle] [--ttl 604799]
 *
 * --seed demo (default): 3 locations, a few webhooks and demo records of every served entity (customers, bookings…);
 * --seed none: locations only; --seed <N>: locations and N generated webhooks.
 * Prints one JSON line on stdout: {"url":"http://127.0.0.1:8080","businesses":[{"Id":1001,"Name":"Downtown Hub"},...]}.
 * Other processes drive it through the /__control/... endpoints (see server.ts).
 */
import { FakeNexudus, type FakeNexudusOptions } from './server';

export const DEMO_LOCATIONS = ['Downtown Hub', 'Riverside Loft', 'Harbour Works'];

/** `--name value`, `--name=value` and bare `--flag` (= 'true'). */
export function parseArgs(argv: string[]): Record<string, string> {
	const args: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		if (!argv[i].startsWith('--')) continue;
		const [name, inline] = argv[i].slice(2).split(/=(.*)/s);
		if (inline !== undefined) args[name] = inline;
		else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[name] = argv[++i];
		else args[name] = 'true';
	}
	return args;
}

export function optionsFromArgs(args: Record<string, string>): FakeNexudusOptions {
	return {
		port: args.port !== undefined ? Number(args.port) : 0,
		host: args.host,
		email: args.email,
		password: args.password,
		webhookSecret: args.secret,
		throttle: args.throttle === 'true',
		tokenTtlSeconds: args.ttl !== undefined ? Number(args.ttl) : undefined,
	};
}

export function seed(fake: FakeNexudus, mode: string): void {
	const [downtown, riverside, harbour] = DEMO_LOCATIONS.map((name) => fake.addBusiness(name));
	if (mode === 'none') return;
	if (/^\d+$/.test(mode)) {
		fake.seedWebHooks(Number(mode));
		return;
	}
	fake.addWebHook({
		BusinessId: downtown.Id,
		Name: 'Welcome new members in Slack',
		Action: 3, // CoworkerCreate
		URL: 'https://hooks.example.invalid/slack/new-member',
		Description: 'Posts a welcome message when a member signs up',
	});
	fake.addWebHook({
		BusinessId: downtown.Id,
		Name: 'Sync paid invoices to accounting',
		Action: 21, // CoworkerInvoicePaid
		URL: 'https://hooks.example.invalid/accounting/invoice-paid',
	});
	fake.addWebHook({
		BusinessId: riverside.Id,
		Name: 'Room booking notifications',
		Action: 6, // BookingCreate
		URL: 'https://hooks.example.invalid/bookings',
		Description: 'Paused during the renovation',
		Active: false,
	});
	fake.addWebHook({
		BusinessId: harbour.Id,
		Name: 'Visitor check-in alerts',
		Action: 41, // VisitorCheckedin
		URL: 'https://hooks.example.invalid/visitors',
		Active: false,
		ErrorCount: 10,
		LastError: 'HTTP 500: Internal Server Error',
	});
	fake.seedEntities();
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const fake = await FakeNexudus.start(optionsFromArgs(args));
	seed(fake, args.seed ?? 'demo');
	const businesses = fake.businesses.map(({ Id, Name }) => ({ Id, Name }));
	process.stdout.write(`${JSON.stringify({ url: fake.url, businesses })}\n`);
	const shutdown = () => {
		void fake.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((error: Error) => {
		process.stderr.write(`fake-nexudus: ${error.message}\n`);
		process.exit(1);
	});
}
