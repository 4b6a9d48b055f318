#!/usr/bin/env node
'use strict';
/**
 * `npm start`: build this package, make sure the n8n runtime is installed, and run a real
 * n8n (with n8n-nodes-nexudus linked in as a community node) until Ctrl-C.
 *
 *   N8N_PORT=5678            port to listen on (127.0.0.1)
 *   N8N_LOG_LEVEL=info       n8n log level (debug shows "Loaded all credentials and nodes")
 *   N8N_START_USER_FOLDER    user folder (default .cache/n8n-user, kept across runs)
 *   N8N_START_SKIP_BUILD=1   skip `npm run build`
 *   other N8N_*, DB_*, EXECUTIONS_*, GENERIC_*, NODES_*, QUEUE_* variables are passed to n8n
 *
 * Options: --skip-build, --port <n>, --user-folder <dir>, --log-level <level>.
 * n8n's own output is shown here and also appended to <user folder>/n8n.log.
 */

const path = require('path');
const { spawnSync } = require('child_process');
const { ensureRuntime, PROJECT_ROOT } = require('./n8n-runtime');
const { startN8n } = require('./n8n-server');

function opt(name) {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `npm run build`; exits when it fails, since n8n would load a broken package. */
function buildPackage() {
	console.log('[start] npm run build');
	const npmCli = process.env.npm_execpath;
	const build =
		npmCli && /\.js$/.test(npmCli)
			? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' })
			: spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	if (build.status !== 0) {
		console.error(`[start] build failed (exit ${build.status ?? build.signal}); not starting n8n`);
		process.exit(build.status || 1);
	}
}

async function main() {
	const port = Number(opt('--port') || process.env.N8N_PORT || 5678);
	const userFolder = path.resolve(
		opt('--user-folder') || process.env.N8N_START_USER_FOLDER || path.join(PROJECT_ROOT, '.cache', 'n8n-user'),
	);
	const logLevel = opt('--log-level') || process.env.N8N_LOG_LEVEL || 'info';
	const skipBuild = process.argv.includes('--skip-build') || /^(1|true)$/i.test(process.env.N8N_START_SKIP_BUILD || '');

	if (!skipBuild) buildPackage();

	const runtime = await ensureRuntime({ log: (m) => console.log(m) });

	let n8n = null;
	let shuttingDown = false;
	const shutdown = async (signal) => {
		if (shuttingDown) {
			console.log(`[start] ${signal} again; forcing exit`);
			process.exit(130);
		}
		shuttingDown = true;
		console.log(`\n[start] ${signal}: stopping n8n...`);
		try {
			if (n8n) await n8n.stop();
			console.log('[start] n8n stopped');
			process.exit(0);
		} catch (err) {
			console.error(`[start] ${err.message}`);
			process.exit(1);
		}
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(sig));

	// n8n settings given to `npm start` pass through (startN8n drops inherited ones otherwise).
	const passThrough = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|GENERIC_|NODES_|QUEUE_)/.test(k) && !/^N8N_(PORT|USER_FOLDER|LOG_LEVEL|START_.*)$/.test(k)) {
			passThrough[k] = v;
		}
	}
	if (Object.keys(passThrough).length) console.log(`[start] passing to n8n: ${Object.keys(passThrough).join(', ')}`);

	console.log(`[start] starting n8n on port ${port}, user folder ${userFolder} (first start ~20 s)...`);
	n8n = await startN8n({ port, userFolder, logLevel, runtime, env: passThrough, echo: true, log: (m) => console.log(m) });
	if (shuttingDown) return;
	console.log('');
	console.log(`[start] n8n is ready: ${n8n.url}  (started in ${Math.round(n8n.startupMs / 1000)} s)`);
	console.log(`[start] node types: ${'n8n-nodes-nexudus'}.<name>; log: ${n8n.logPath}`);
	console.log('[start] press Ctrl-C to stop');
	const { code, signal } = await n8n.exited;
	if (!shuttingDown) {
		console.error(`[start] n8n exited by itself (code ${code}, signal ${signal})`);
		process.exit(code || 1);
	}
}

if (require.main === module) {
	main().catch((err) => {
		console.error(`[start] ${err.message}`);
		process.exit(1);
	});
}

module.exports = { buildPackage };
