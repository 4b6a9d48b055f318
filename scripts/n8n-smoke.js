#!/usr/bin/env node
'use strict';
/**
 * Smoke test of the n8n runtime: ensure it is installed, start n8n on a free port with a
 * throwaway user folder and this package linked, set up the owner and an API key, list
 * workflows over the public API, create + activate a small webhook workflow and call it,
 * check whether the Nexudus node types are known, stop n8n and check the port is free.
 * Prints timings. Exit code 0 on success.
 *
 *   node scripts/n8n-smoke.js [--keep] [--log-level debug]
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureRuntime } = require('./n8n-runtime');
const { startN8n, setupOwner, freePort, portInUse, request, activateWorkflow, PACKAGE_NAME } = require('./n8n-server');

async function main() {
	const keep = process.argv.includes('--keep');
	const li = process.argv.indexOf('--log-level');
	const logLevel = li >= 0 ? process.argv[li + 1] : 'debug';
	const t = {};
	let t0 = Date.now();
	const runtime = await ensureRuntime();
	t.ensureRuntimeMs = Date.now() - t0;

	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-smoke-'));
	const port = await freePort();
	console.log(`[smoke] user folder ${userFolder}, port ${port}`);
	t0 = Date.now();
	const n8n = await startN8n({ port, userFolder, runtime, logLevel });
	t.startMs = Date.now() - t0;
	console.log(`[smoke] n8n ready at ${n8n.url} in ${t.startMs} ms (pid ${n8n.pid}); log ${n8n.logPath}`);
	let ok = false;
	try {
		t0 = Date.now();
		const { cookie, apiKey, scopes } = await setupOwner(n8n.url);
		t.setupOwnerMs = Date.now() - t0;
		console.log(`[smoke] owner set up, API key ${apiKey.slice(0, 12)}... (${scopes.length} scopes)`);

		const list = await request(n8n.url, 'GET', '/api/v1/workflows', { apiKey });
		console.log(`[smoke] GET /api/v1/workflows -> ${list.status} ${JSON.stringify(list.json)}`);

		const types = await request(n8n.url, 'GET', '/types/nodes.json', { cookie, expect: [200, 404] });
		const ours = Array.isArray(types.json) ? types.json.filter((n) => String(n.name).startsWith(`${PACKAGE_NAME}.`)) : [];
		console.log(`[smoke] node types from ${PACKAGE_NAME}: ${ours.map((n) => n.name).join(', ') || '(none)'}`);

		const wf = await request(n8n.url, 'POST', '/api/v1/workflows', {
			apiKey,
			body: {
				name: 'smoke webhook',
				nodes: [
					{
						id: 'a1',
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: 'smoke-hook',
						parameters: { path: 'smoke-hook', httpMethod: 'POST', responseMode: 'onReceived' },
					},
				],
				connections: {},
				settings: {},
			},
		});
		const id = wf.json.id;
		console.log(`[smoke] created workflow ${id}`);
		t0 = Date.now();
		const status = await activateWorkflow(n8n.url, { apiKey, cookie }, id);
		t.activateMs = Date.now() - t0;
		console.log(`[smoke] publication-status: ${JSON.stringify(status)} (${t.activateMs} ms)`);
		const hook = await fetch(`${n8n.url}webhook/smoke-hook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"hello":"world"}',
		});
		console.log(`[smoke] POST /webhook/smoke-hook -> ${hook.status} ${await hook.text()}`);
		ok = hook.status === 200 && list.status === 200;
	} finally {
		t0 = Date.now();
		await n8n.stop();
		t.stopMs = Date.now() - t0;
		const free = !(await portInUse(port));
		console.log(`[smoke] stopped in ${t.stopMs} ms; port ${port} free: ${free}`);
		const log = fs.readFileSync(n8n.logPath, 'utf8');
		const interesting = log
			.split('\n')
			.filter((l) => /^\S+\s+(error|warn)\s|nexudus|deprecat/i.test(l))
			.slice(0, 60);
		console.log(`[smoke] selected n8n log lines:\n  ${interesting.join('\n  ')}`);
		if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
		if (!free) ok = false;
	}
	console.log(`[smoke] timings ${JSON.stringify(t)}`);
	console.log(ok ? '[smoke] OK' : '[smoke] FAILED');
	process.exit(ok ? 0 : 1);
}

main().catch((err) => {
	console.error(`[smoke] ${err.stack || err.message}`);
	process.exit(1);
});
