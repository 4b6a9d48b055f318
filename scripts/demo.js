#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: n8n with this package, plus the Nexudus sandbox (the fake Nexudus from the
 * tests) with three locations, an owner account, a "Nexudus API" credential for the sandbox
 * and the example workflow "Welcome new Nexudus members", active. Prints the URL, the login and
 * a command that fires a sandbox event. Runs until Ctrl-C.
 */

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const readline = require('readline');
const { ensureRuntime, PROJECT_ROOT } = require('./n8n-runtime');
const { activateWorkflow, freePort, request, setupOwner, startN8n } = require('./n8n-server');
const { buildPackage } = require('./start');

const OWNER = { email: 'demo@example.com', password: 'Demo-Pa55word', firstName: 'Demo', lastName: 'User' };
const SANDBOX = { email: 'admin@sandbox.test', password: 'sandbox-Pa55word' };

/** Starts the sandbox in its own process; resolves with its URL and locations. */
function startSandbox(port) {
	const child = spawn(
		process.execPath,
		[
			require.resolve('ts-node/dist/bin.js'),
			'--transpile-only',
			path.join(PROJECT_ROOT, 'test', 'fake-nexudus', 'cli.ts'),
			'--port',
			String(port),
			'--email',
			SANDBOX.email,
			'--password',
			SANDBOX.password,
			'--seed',
			'demo',
		],
		{ cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => resolve({ child, ...JSON.parse(line) }));
		child.once('exit', (code) => reject(new Error(`the Nexudus sandbox exited (code ${code})`)));
	});
}

async function main() {
	buildPackage();
	const runtime = await ensureRuntime({ log: (m) => console.log(m) });
	const sandbox = await startSandbox(await freePort());
	const location = sandbox.businesses[0];
	console.log(`[demo] Nexudus sandbox at ${sandbox.url}`);

	const userFolder = path.join(PROJECT_ROOT, '.cache', 'n8n-demo');
	fs.rmSync(userFolder, { recursive: true, force: true });
	const port = Number(process.env.N8N_PORT || 5678);
	const n8n = await startN8n({ port, userFolder, runtime, log: (m) => console.log(m) });
	const stopAll = async () => {
		await n8n.stop().catch(() => undefined);
		sandbox.child.kill('SIGTERM');
	};
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => stopAll().then(() => process.exit(0)));
	}

	const auth = await setupOwner(n8n.url, OWNER);
	const credential = await request(n8n.url, 'POST', '/api/v1/credentials', {
		apiKey: auth.apiKey,
		body: { name: 'Nexudus sandbox', type: 'nexudusApi', data: { apiUrl: sandbox.url, ...SANDBOX } },
	});
	const workflow = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'examples', 'welcome-new-member.json'), 'utf8'));
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-nexudus.nexudusTrigger');
	trigger.parameters.location = { __rl: true, mode: 'list', value: String(location.Id), cachedResultName: location.Name };
	trigger.credentials.nexudusApi = { id: credential.json.id, name: 'Nexudus sandbox' };
	const created = await request(n8n.url, 'POST', '/api/v1/workflows', { apiKey: auth.apiKey, body: workflow });
	await activateWorkflow(n8n.url, auth, created.json.id);

	const event = JSON.stringify({
		action: 3,
		businessId: location.Id,
		records: [{ Id: 1, FullName: 'Ada Lovelace', Email: 'ada@example.com' }],
	});
	console.log(`
[demo] n8n is ready: ${n8n.url}
[demo] log in as ${OWNER.email} / ${OWNER.password}
[demo] the workflow "${workflow.name}" is active on ${location.Name} (Coworker Created)
[demo] fire a sandbox event (a new member), then open Executions in n8n:

  curl -s -X POST ${sandbox.url}/__control/fire -H 'content-type: application/json' -d '${event}'

[demo] press Ctrl-C to stop`);
}

main().catch((error) => {
	console.error(`[demo] ${error.message}`);
	process.exit(1);
});
