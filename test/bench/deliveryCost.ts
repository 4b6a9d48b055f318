/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a command-line benchmark drives a real n8n from outside */
/**
 * Benchmark: what one delivery costs n8n, the Nexudus Trigger against n8n's bare Webhook node
 * (v2, static path), in ONE real n8n (the pinned 2.41.1, or E2E_N8N_VERSION).
 *
 * Both workflows hold their start node alone. The trigger checks signatures (its credential has a
 * Webhook Secret), and every POST carries the body and signature Nexudus would send. Deliveries
 * go in blocks of one kind, alternating bare / trigger (each first every other round), back to
 * back and then 300 ms apart.
 * Per kind it prints the median answer time, the n8n process's CPU per delivery (utime + stime
 * from /proc/<pid>/stat around each block, after the block's executions settled, less n8n's idle
 * CPU), and the expression isolates n8n built per delivery (n8n's own
 * n8n_expression_pool_acquired_total counter; each isolate is used once). Then the same after
 * restarting n8n with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, and with a larger
 * N8N_EXPRESSION_ENGINE_POOL_SIZE.
 *
 *   npm run bench:delivery [-- --deliveries 50 --trigger-version 2 --pool-size 4]
 *
 * It prints, it does not judge; it stops by itself (a few minutes).
 */
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { sleep } from 'n8n-workflow';

import { NexudusTrigger } from '../../nodes/NexudusTrigger/NexudusTrigger.node';
import { E2eEnvironment, SANDBOX_EMAIL, SANDBOX_LOGIN } from '../e2e/environment';
import type { N8nSettings } from '../e2e/environment';
import { deliveryPayload, postDelivery } from '../fake-nexudus/delivery';

const SECRET = 'bench-hook-secret';
const COWORKER_CREATED = 3;
const BLOCK = 10; // deliveries of one kind in a row
const SETTLE_MS = 1000; // after a block: its executions finish, the isolate pool refills
const SPACINGS = [
	{ name: 'back to back', gapMs: 0 },
	{ name: '300 ms apart', gapMs: 300 },
];

interface Options {
	deliveries: number;
	triggerVersion: number;
	poolSize: number;
}

function parseOptions(argv: string[]): Options {
	const description = new NexudusTrigger().description;
	const versions = ([] as number[]).concat(description.version);
	const options: Options = {
		deliveries: 50,
		triggerVersion: description.defaultVersion ?? Math.max(...versions),
		poolSize: 4,
	};
	for (let i = 0; i < argv.length; i += 2) {
		const value = Number(argv[i + 1]);
		if (argv[i] === '--deliveries' && value >= BLOCK) options.deliveries = value;
		else if (argv[i] === '--trigger-version' && versions.includes(value))
			options.triggerVersion = value;
		else if (argv[i] === '--pool-size' && value >= 1) options.poolSize = value;
		else throw new Error(`unknown or invalid option ${argv[i]} ${argv[i + 1] ?? ''}`);
	}
	options.deliveries = Math.ceil(options.deliveries / BLOCK) * BLOCK;
	return options;
}

/** /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name, which sits in parentheses and may hold spaces.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface Kind {
	name: 'bare' | 'trigger';
	url: string;
}

interface Totals {
	latenciesMs: number[];
	cpuMs: number;
	isolates: number;
}

class DeliveryBench {
	private readonly payload = deliveryPayload([
		{ Id: 1001, FullName: 'Ada Lovelace', Email: 'ada@example.com' },
	]);

	constructor(
		private readonly env: E2eEnvironment,
		private readonly kinds: Kind[],
	) {}

	private async isolatesAcquired(): Promise<number> {
		const text = await (await fetch(`${this.env.url}metrics`)).text();
		const line = text.split('\n').find((l) => l.startsWith('n8n_expression_pool_acquired_total'));
		if (!line) throw new Error('n8n /metrics has no n8n_expression_pool_acquired_total');
		return Number(line.split(' ').pop());
	}

	private async deliver(kind: Kind): Promise<number> {
		const started = process.hrtime.bigint();
		const answer = await postDelivery(kind.url, this.payload, SECRET);
		const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
		if (answer.status !== 200) {
			throw new Error(`${kind.name} answered ${answer.status}: ${answer.error ?? answer.body}`);
		}
		return milliseconds;
	}

	/** n8n's CPU per ms while nothing is delivered (timers, housekeeping). */
	async idleCpuPerMs(): Promise<number> {
		await sleep(SETTLE_MS);
		const before = cpuMs(this.env.n8n.pid);
		const started = Date.now();
		await sleep(4000);
		return (cpuMs(this.env.n8n.pid) - before) / (Date.now() - started);
	}

	async measure(gapMs: number, deliveries: number, idlePerMs: number) {
		const totals = new Map<string, Totals>(
			this.kinds.map((kind) => [kind.name, { latenciesMs: [], cpuMs: 0, isolates: 0 }]),
		);
		for (let block = 0; block < deliveries / BLOCK; block++) {
			// Each kind goes first every other round, so n8n's periodic work favours neither.
			for (const kind of block % 2 ? [...this.kinds].reverse() : this.kinds) {
				const total = totals.get(kind.name)!;
				const isolatesBefore = await this.isolatesAcquired();
				const cpuBefore = cpuMs(this.env.n8n.pid);
				const started = Date.now();
				for (let i = 0; i < BLOCK; i++) {
					total.latenciesMs.push(await this.deliver(kind));
					if (gapMs) await sleep(gapMs);
				}
				await sleep(SETTLE_MS);
				total.cpuMs += cpuMs(this.env.n8n.pid) - cpuBefore - idlePerMs * (Date.now() - started);
				total.isolates += (await this.isolatesAcquired()) - isolatesBefore;
			}
		}
		const [bare, trigger] = this.kinds.map((kind) => {
			const total = totals.get(kind.name)!;
			return {
				medianMs: median(total.latenciesMs),
				cpuMs: total.cpuMs / total.latenciesMs.length,
				isolates: total.isolates / total.latenciesMs.length,
			};
		});
		return { bare, trigger };
	}

	async warmUp() {
		for (let i = 0; i < 5; i++) for (const kind of this.kinds) await this.deliver(kind);
		await sleep(SETTLE_MS);
	}
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function createWorkflows(env: E2eEnvironment, triggerVersion: number) {
	const create = async (name: string, node: object) =>
		String(
			(
				await env.api('POST', '/api/v1/workflows', {
					name,
					nodes: [{ id: randomUUID(), position: [0, 0], webhookId: randomUUID(), ...node }],
					connections: {},
					settings: { executionOrder: 'v1' },
				})
			).id,
		);
	const bare = await create('Bench: bare Webhook', {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: 'POST', path: 'bench-bare', options: {} },
	});
	const trigger = await create('Bench: Nexudus Trigger', {
		name: 'Nexudus Trigger',
		type: 'n8n-nodes-nexudus.nexudusTrigger',
		typeVersion: triggerVersion,
		parameters: {
			location: { __rl: true, mode: 'id', value: String(env.locationId) },
			events: [COWORKER_CREATED],
			options: {},
		},
		credentials: { nexudusApi: { id: env.credentialId, name: 'Nexudus sandbox' } },
	});
	for (const id of [bare, trigger]) await env.activate(id);
	const hook = [...env.fake.webhooks.values()].find((h) => h.Action === COWORKER_CREATED);
	if (!hook) throw new Error('the trigger registered no Nexudus webhook record');
	return [
		{ name: 'bare', url: `${env.url}webhook/bench-bare` },
		{ name: 'trigger', url: hook.URL },
	] satisfies Kind[];
}

async function main() {
	const options = parseOptions(process.argv.slice(2));
	// Info logging, as an operator runs n8n; /metrics on for the isolate counter.
	const defaults: N8nSettings = { logLevel: 'info', env: { N8N_METRICS: 'true' } };
	const settings: Array<{ name: string; env: Record<string, string | undefined> }> = [
		{ name: 'n8n defaults', env: {} },
		{
			name: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
			env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		},
		{
			name: `N8N_EXPRESSION_ENGINE_POOL_SIZE=${options.poolSize}`,
			env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: String(options.poolSize) },
		},
	];
	process.stdout.write(
		`Delivery cost: bare Webhook node v2 vs Nexudus Trigger v${options.triggerVersion} (signed), ${options.deliveries} deliveries of each per case\n`,
	);
	const env = await E2eEnvironment.start(defaults);
	const rows: string[] = [];
	try {
		process.stdout.write(`n8n ${env.n8nVersion}\n`);
		await env.createCredential({
			apiUrl: env.fake.url,
			email: SANDBOX_EMAIL,
			password: SANDBOX_LOGIN,
			webhookSecret: SECRET,
		});
		const kinds = await createWorkflows(env, options.triggerVersion);
		for (const [index, setting] of settings.entries()) {
			if (index > 0) await env.restartN8n({ env: { ...defaults.env, ...setting.env } });
			const bench = new DeliveryBench(env, kinds);
			await bench.warmUp();
			const idlePerMs = await bench.idleCpuPerMs();
			for (const spacing of SPACINGS) {
				const { bare, trigger } = await bench.measure(spacing.gapMs, options.deliveries, idlePerMs);
				const row = [
					setting.name,
					spacing.name,
					`${round(bare.medianMs)} / ${round(trigger.medianMs)} ms (${round(trigger.medianMs / bare.medianMs, 2)}×)`,
					`${round(bare.cpuMs)} / ${round(trigger.cpuMs)} ms (${round(trigger.cpuMs / bare.cpuMs, 2)}×)`,
					`${round(bare.isolates, 2)} / ${round(trigger.isolates, 2)}`,
				];
				rows.push(`| ${row.join(' | ')} |`);
				process.stdout.write(
					`${JSON.stringify({ setting: setting.name, spacing: spacing.name, bare, trigger })}\n`,
				);
			}
		}
	} finally {
		await env.stop();
	}
	process.stdout.write(
		[
			'',
			'| n8n setting | deliveries | median answer, bare / trigger | CPU per delivery, bare / trigger | isolates per delivery, bare / trigger |',
			'|---|---|---|---|---|',
			...rows,
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
