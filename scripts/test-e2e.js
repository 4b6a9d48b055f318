#!/usr/bin/env node
'use strict';
/**
 * Runs the end-to-end suite (jest --config jest.e2e.config.js) against a chosen n8n version.
 *
 *   node scripts/test-e2e.js                          the pinned n8n (2.41.1)
 *   node scripts/test-e2e.js --n8n 1.123.x            the last 1.x line (system Node >= 20.19)
 *   node scripts/test-e2e.js --n8n=2.41.1 -t restart  anything else goes to jest
 *   E2E_N8N_VERSION=1.123.x node scripts/test-e2e.js  the same, through the environment
 *   npm run test:e2e -- --n8n 1.123.x
 *
 * --n8n takes an exact version or an x-range (see scripts/n8n-runtime.js); it sets
 * E2E_N8N_VERSION for the suite and wins over one already set. The first run of a version
 * installs it into the per-user runtime cache (minutes; see scripts/n8n-runtime.js). Jest's exit code is passed through.
 *
 * Plain CommonJS, Node built-ins only.
 */

const path = require('path');
const { spawn } = require('child_process');

const PROJECT_ROOT = path.resolve(__dirname, '..');

function parseArgs(argv) {
	const rest = [];
	let version;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--n8n') {
			version = argv[++i];
			if (!version || version.startsWith('-')) throw new Error('--n8n needs a version, e.g. --n8n 1.123.x');
		} else if (arg.startsWith('--n8n=')) {
			version = arg.slice('--n8n='.length);
			if (!version) throw new Error('--n8n= needs a version, e.g. --n8n=1.123.x');
		} else {
			rest.push(arg);
		}
	}
	return { version, rest };
}

function main() {
	let parsed;
	try {
		parsed = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`[test-e2e] ${e.message}`);
		return process.exit(2);
	}
	if (parsed.rest.includes('--help') || parsed.rest.includes('-h')) {
		console.log(
			'usage: node scripts/test-e2e.js [--n8n <version|x-range>] [jest args...]\n' +
				'       (or set E2E_N8N_VERSION; default: the pinned n8n of scripts/n8n-runtime.js)',
		);
		return process.exit(0);
	}
	const env = { ...process.env };
	if (parsed.version) env.E2E_N8N_VERSION = parsed.version;
	let jestBin;
	try {
		jestBin = require.resolve('jest/bin/jest', { paths: [PROJECT_ROOT] });
	} catch {
		console.error('[test-e2e] jest is not installed here; run `npm install` first');
		return process.exit(1);
	}
	const args = [jestBin, '--config', path.join(PROJECT_ROOT, 'jest.e2e.config.js'), ...parsed.rest];
	console.log(`[test-e2e] n8n ${env.E2E_N8N_VERSION || '(pinned default)'}: jest ${args.slice(1).join(' ')}`);
	const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
	// Ctrl-C reaches jest through the terminal's process group; a plain kill of this process
	// is passed on so jest can stop n8n (its afterAll) instead of leaving it running.
	const forward = (sig) => {
		try {
			child.kill(sig);
		} catch {
			/* gone */
		}
	};
	for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, forward);
	process.on('SIGINT', () => {
		/* jest got it too; wait for it to finish */
	});
	child.on('error', (err) => {
		console.error(`[test-e2e] cannot run jest: ${err.message}`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		if (signal) {
			for (const sig of ['SIGTERM', 'SIGHUP', 'SIGINT']) process.removeAllListeners(sig);
			process.kill(process.pid, signal);
			return;
		}
		process.exit(code === null ? 1 : code);
	});
}

main();
