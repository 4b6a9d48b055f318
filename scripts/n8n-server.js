'use strict';
/**
 * Starts and stops a real n8n server with this package (n8n-nodes-nexudus) loaded as a
 * community node, and sets up an owner + API key. Used by `npm start` (scripts/start.js),
 * the demo and the end-to-end tests.
 *
 *   const { ensureRuntime } = require('./n8n-runtime');
 *   const { startN8n, setupOwner, freePort } = require('./n8n-server');
 *   const port = await freePort();
 *   const n8n = await startN8n({ port, userFolder: '/tmp/n8n-e2e' });
 *   const { cookie, apiKey } = await setupOwner(n8n.url);
 *   ... fetch(`${n8n.url}api/v1/workflows`, { headers: { 'X-N8N-API-KEY': apiKey } }) ...
 *   await n8n.stop();
 *
 * Plain CommonJS, Node built-ins only (global fetch), runs under Node 20.
 */

const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const { ensureRuntime, PROJECT_ROOT } = require('./n8n-runtime');

const PACKAGE_NAME = 'n8n-nodes-nexudus';
const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'Nexudus-Test-1',
	firstName: 'Test',
	lastName: 'Owner',
};

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** True when something accepts TCP connections on host:port. */
function portInUse(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host });
		sock.setTimeout(1000);
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('timeout', () => {
			sock.destroy();
			resolve(false);
		});
		sock.once('error', () => resolve(false));
	});
}

/** True when we could bind host:port ourselves. */
function portBindable(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, host, () => srv.close(() => resolve(true)));
	});
}

function tailLines(file, n = 40) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.split(/\r?\n/).filter((l, i, a) => !(i === a.length - 1 && l === '')).slice(-n).join('\n');
	} catch (e) {
		return `(no log: ${e.message})`;
	}
}

function logSince(file, offset) {
	try {
		const fd = fs.openSync(file, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const buf = Buffer.alloc(Math.max(0, size - offset));
			fs.readSync(fd, buf, 0, buf.length, offset);
			return buf.toString('utf8');
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		return '';
	}
}

/**
 * Makes `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-nexudus` a symlink to the project
 * root, which is how n8n finds community packages installed by hand.
 */
function linkPackage(userFolder, packageRoot = PROJECT_ROOT) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	fs.mkdirSync(modulesDir, { recursive: true });
	const pkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgJson)) {
		fs.writeFileSync(pkgJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n');
	}
	const link = path.join(modulesDir, PACKAGE_NAME);
	let current = null;
	try {
		current = fs.readlinkSync(link);
	} catch {
		/* absent or not a link */
	}
	if (current !== packageRoot) {
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(packageRoot, link, 'dir');
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
	const listed = [...((manifest.n8n && manifest.n8n.nodes) || []), ...((manifest.n8n && manifest.n8n.credentials) || [])];
	const missing = listed.filter((f) => !fs.existsSync(path.join(packageRoot, f)));
	return { link, missing };
}

/** n8n's version (from the package.json beside its bin) and the Node version that runs it. */
function runtimeVersions({ nodeBin, n8nBin, nodeVersion }) {
	let n8nVersion = null;
	try {
		n8nVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(n8nBin), '..', 'package.json'), 'utf8')).version;
	} catch {
		/* unknown: treated as the current line */
	}
	if (!nodeVersion) {
		nodeVersion = require('child_process').spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	}
	return { n8nVersion, nodeVersion: String(nodeVersion).replace(/^v/, '') };
}

function majorOf(version) {
	return Number(String(version || '').split('.')[0]) || 0;
}

/**
 * Environment for n8n 2.x (2.41.x) and 1.x (1.123.x): local-only, quiet, no telemetry,
 * sqlite in the user folder. Values in `extra` win (set one to `undefined` to drop it).
 * `n8nVersion` picks the line (default: 2.x); `nodeVersion` is the Node that runs n8n.
 * `n8nDir` (the folder holding node_modules/n8n) lets 1.x check for the expression runtime.
 */
function n8nEnv({ port, userFolder, logLevel, runnerBrokerPort, nodeBin, n8nVersion, nodeVersion, n8nDir, extra = {} }) {
	const v1 = majorOf(n8nVersion) === 1;
	const env = { ...process.env };
	for (const k of Object.keys(env)) {
		// Anything inherited from an outer `npm run` or an outer n8n would only confuse n8n.
		if (/^npm_/i.test(k) || /^(N8N_|DB_|QUEUE_|EXECUTIONS_|GENERIC_|WEBHOOK_URL$)/.test(k)) delete env[k];
	}
	delete env.NODE_OPTIONS;
	// Jest sets NODE_ENV=test, with which n8n exits at start without a word.
	delete env.NODE_ENV;
	Object.assign(env, {
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1', // n8n's output goes to a log file: no ANSI colour codes
		DB_TYPE: 'sqlite',
		// No calls home, no banners, no template gallery (there is no internet anyway).
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Task runner (Code node) runs as an internal child process (the external launcher is
		// not on npm). Its broker listens on its own port (default 5679), which must differ per
		// server so several servers can run at once.
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(runnerBrokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_TASK_TIMEOUT: '300', // explicit: silences a "default will change" warning
		// Explicit current defaults: silences two "default will change" warnings.
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	});
	if (!v1) {
		Object.assign(env, {
			// 2.x name; the old WEBHOOK_URL still works but logs a deprecation warning.
			N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			// The mcp-registry module fetches https://api.n8n.io/api/mcp-servers right after start
			// and logs a stack trace when offline.
			N8N_DISABLED_MODULES: 'mcp-registry',
		});
	} else {
		Object.assign(env, {
			// 1.x reads only WEBHOOK_URL. It has no mcp-registry module, and an unknown name in
			// N8N_DISABLED_MODULES makes it exit at start ("Unknown module").
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			// Task runners are off by default in 1.x (Code runs in-process, with a deprecation
			// warning); on, they behave as in 2.x. 2.x warns about this variable, so 1.x only.
			N8N_RUNNERS_ENABLED: 'true',
			// 2.x always reads sqlite through a pool of 3 (WAL); 1.x warns that running without one
			// is deprecated. Same setting as 2.x.
			DB_SQLITE_POOL_SIZE: '3',
			// Explicit 1.x defaults / the 2.x values: silence two "will change" warnings.
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		});
		// 1.123.66+ default to the 'vm' expression engine, which needs isolated-vm 6 (Node >= 22
		// only; it does not compile against Node 20's V8) and exits at start without it. On an
		// older Node the 'legacy' engine (the 1.x engine until then) is the only one that runs.
		const hasRuntime =
			!n8nDir ||
			['', path.join('node_modules', 'n8n')].some((sub) =>
				fs.existsSync(path.join(n8nDir, sub, 'node_modules', '@n8n', 'expression-runtime')),
			);
		if (hasRuntime && majorOf(nodeVersion) < 22) env.N8N_EXPRESSION_ENGINE = 'legacy';
	}
	for (const [k, v] of Object.entries(extra || {})) {
		if (v === undefined || v === null) delete env[k];
		else env[k] = String(v);
	}
	return env;
}

async function waitForReady(url, { child, timeoutMs, exited }) {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		if (exited()) throw new Error(`n8n exited during start (${exited()})`);
		try {
			const res = await fetch(`${url}healthz/readiness`, { signal: AbortSignal.timeout(3000) });
			await res.arrayBuffer();
			if (res.status === 200) return;
			last = `HTTP ${res.status}`;
		} catch (e) {
			last = e.cause ? e.cause.code || e.cause.message : e.message;
		}
		await sleep(500);
	}
	throw new Error(`n8n not ready after ${Math.round(timeoutMs / 1000)} s (last readiness answer: ${last}; pid ${child.pid})`);
}

/**
 * Starts n8n with this package linked in. Resolves once /healthz/readiness answers 200.
 *
 * @param {object} opts
 * @param {number} [opts.port=5678]
 * @param {string} opts.userFolder       N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n)
 * @param {object} [opts.env]            extra env vars for n8n (override the defaults; undefined removes)
 * @param {string} [opts.logFile]        n8n's stdout+stderr go here (default <userFolder>/n8n.log, appended)
 * @param {string} [opts.logLevel]       N8N_LOG_LEVEL (default 'info'; 'debug' shows "Loaded all credentials and nodes")
 * @param {number} [opts.timeoutMs=120000]
 * @param {boolean|'inherit'} [opts.echo] also copy n8n's output to this process's stdout
 * @param {object} [opts.runtime]        result of ensureRuntime() (otherwise it is called)
 * @param {number} [opts.runnerBrokerPort] task runner broker port (default: a free port)
 * @param {string} [opts.packageRoot]    package to link in (default: this project's root)
 * @param {function} [opts.log]          progress messages (default console.log)
 * @param {string} [opts.command='start'] n8n's command: 'start' (a main), or in queue mode 'worker' or 'webhook'
 *                                       (a worker answers /healthz/readiness on `port`, its health-check port)
 * @param {string[]} [opts.args]         more arguments for that command, e.g. ['--concurrency=2']
 * @returns {Promise<{url: string, port: number, pid: number, logPath: string, userFolder: string, nodeBin: string, n8nVersion: string, nodeVersion: string, missingFiles: string[], readLog: () => string, startupMs: number, stop: () => Promise<void>, exited: Promise<{code, signal}>}>}
 */
async function startN8n({
	port = 5678,
	userFolder,
	env = {},
	logFile,
	logLevel = 'info',
	timeoutMs = 120000,
	echo = false,
	runtime,
	runnerBrokerPort,
	packageRoot = PROJECT_ROOT,
	log = (m) => console.log(m),
	command = 'start',
	args = [],
} = {}) {
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	userFolder = path.resolve(userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const rt = runtime || (await ensureRuntime({ log }));
	const { nodeBin, n8nBin } = rt;

	if (await portInUse(port)) {
		throw new Error(`port ${port} is already in use on 127.0.0.1 (another n8n?); cannot start n8n there`);
	}
	if (!runnerBrokerPort) {
		runnerBrokerPort = await freePort();
		if (runnerBrokerPort === port) runnerBrokerPort = await freePort();
	}

	const { link, missing } = linkPackage(userFolder, path.resolve(packageRoot));
	if (missing.length) {
		log(`[n8n-server] warning: ${PACKAGE_NAME} files not built yet (run \`npm run build\`): ${missing.join(', ')}`);
	}

	const logPath = path.resolve(logFile || path.join(userFolder, 'n8n.log'));
	fs.mkdirSync(path.dirname(logPath), { recursive: true });
	const logFd = fs.openSync(logPath, 'a');
	const logStart = fs.fstatSync(logFd).size;
	const versions = runtimeVersions({ nodeBin, n8nBin, nodeVersion: rt.nodeVersion });
	fs.writeSync(
		logFd,
		`\n===== n8n ${versions.n8nVersion} start ${new Date().toISOString()} port=${port} node=${nodeBin} (${versions.nodeVersion}) =====\n`,
	);

	const { n8nVersion, nodeVersion } = versions;
	const n8nDir = path.resolve(path.dirname(n8nBin), '..', '..', '..');
	const childEnv = n8nEnv({
		port,
		userFolder,
		logLevel,
		runnerBrokerPort,
		nodeBin,
		n8nVersion,
		nodeVersion,
		n8nDir,
		extra:
			command === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						...env,
					}
				: env,
	});
	const url = `http://127.0.0.1:${port}/`;
	const startedAt = Date.now();
	const child = spawn(nodeBin, [n8nBin, command, ...args], {
		cwd: userFolder,
		env: childEnv,
		detached: true, // own process group, so stop() also ends the task runner children
		stdio: ['ignore', echo ? 'pipe' : logFd, echo ? 'pipe' : logFd],
	});
	if (echo) {
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', (buf) => {
				try {
					fs.writeSync(logFd, buf);
				} catch {
					/* log closed */
				}
				process.stdout.write(buf);
			});
		}
	}
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitInfo = `code ${code}${signal ? `, signal ${signal}` : ''}`;
			resolve({ code, signal });
		});
		child.on('error', (err) => {
			exitInfo = `spawn error: ${err.message}`;
			resolve({ code: null, signal: null, error: err });
		});
	});
	// 'close' comes after the output pipes are drained (echo mode).
	child.on('close', () => {
		try {
			fs.closeSync(logFd);
		} catch {
			/* already closed */
		}
	});
	// If this process exits without stop() (a crashed test run), take n8n down with it.
	const killOnExit = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	process.on('exit', killOnExit);
	exited.then(() => process.removeListener('exit', killOnExit));

	let stopping = null;
	const stop = ({ timeoutMs: killAfterMs = 20000 } = {}) => {
		if (stopping) return stopping;
		stopping = (async () => {
			const signalGroup = (sig) => {
				try {
					process.kill(-child.pid, sig);
				} catch {
					try {
						child.kill(sig);
					} catch {
						/* gone */
					}
				}
			};
			if (!exitInfo) {
				signalGroup('SIGTERM');
				let killTimer;
				const timer = new Promise((resolve) => {
					killTimer = setTimeout(() => resolve('timeout'), killAfterMs);
				});
				const first = await Promise.race([exited, timer]);
				clearTimeout(killTimer); // a pending timer would keep the caller's process alive
				if (first === 'timeout') signalGroup('SIGKILL');
				await exited;
			}
			// Leftover children in the group (task runner) get the same treatment.
			signalGroup('SIGKILL');
			const deadline = Date.now() + 15000;
			while (Date.now() < deadline) {
				if (!(await portInUse(port)) && (await portBindable(port))) return;
				await sleep(200);
			}
			throw new Error(`n8n stopped but port ${port} is still in use`);
		})();
		return stopping;
	};

	try {
		await waitForReady(url, { child, timeoutMs, exited: () => exitInfo });
		// /healthz/readiness turns 200 a moment before n8n finishes starting (active
		// workflows, webhooks); at info level and below n8n logs a last line for that.
		if (command === 'start' && /^(info|debug|verbose|silly)$/.test(String(childEnv.N8N_LOG_LEVEL))) {
			const deadline = Math.min(Date.now() + 30000, startedAt + timeoutMs);
			while (Date.now() < deadline && !exitInfo && !logSince(logPath, logStart).includes('Editor is now accessible')) {
				await sleep(200);
			}
			if (exitInfo) throw new Error(`n8n exited during start (${exitInfo})`);
		}
	} catch (err) {
		await stop({ timeoutMs: 5000 }).catch(() => {});
		const version = require('child_process').spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
		const e = new Error(
			`n8n failed to start: ${err.message}\n` +
				`  node: ${nodeBin} (${version})\n  n8n: ${n8nBin}\n  port: ${port} (task runner broker ${runnerBrokerPort})\n` +
				`  user folder: ${userFolder}\n  log: ${logPath}\n--- last 40 lines of the n8n log ---\n${tailLines(logPath, 40)}`,
		);
		e.logPath = logPath;
		throw e;
	}

	return {
		url,
		port,
		pid: child.pid,
		logPath,
		userFolder,
		nodeBin,
		n8nBin,
		/** n8n's version (e.g. '2.41.1', '1.123.81') and the Node version running it. */
		n8nVersion,
		nodeVersion,
		link,
		missingFiles: missing,
		/** n8n's log output of this run so far. */
		readLog: () => logSince(logPath, logStart),
		startupMs: Date.now() - startedAt,
		exited,
		stop,
	};
}

// ---------------------------------------------------------------- REST helpers

function cookieFrom(res) {
	const list = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') || ''];
	const auth = list.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth || null;
}

/**
 * One JSON request to n8n; throws unless the status is one of `expect`.
 * @param {string} url n8n's base URL
 * @param {string} method
 * @param {string} pathName
 * @param {{ body?: unknown, cookie?: string, apiKey?: string, expect?: number[] }} [options]
 */
async function request(url, method, pathName, { body, cookie, apiKey, expect = [200] } = {}) {
	const headers = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	if (apiKey) headers['x-n8n-api-key'] = apiKey;
	const res = await fetch(new URL(pathName.replace(/^\//, ''), url), {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (!expect.includes(res.status)) {
		const err = new Error(`${method} ${pathName} -> HTTP ${res.status}: ${text.slice(0, 500)}`);
		err.status = res.status;
		err.body = json ?? text;
		throw err;
	}
	return { res, status: res.status, json, text };
}

/** Logs in and returns the `n8n-auth=...` cookie string. */
async function login(url, { email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password } = {}) {
	const { res } = await request(url, 'POST', '/rest/login', { body: { emailOrLdapLoginId: email, password } });
	const cookie = cookieFrom(res);
	if (!cookie) throw new Error('POST /rest/login answered 200 but set no n8n-auth cookie');
	return cookie;
}

/**
 * Creates the owner account (if there is none yet), logs in and creates an API key with
 * every scope on offer. Returns { cookie, apiKey, email, password }.
 * On a user folder that already has this owner, setup is skipped and a new key is made.
 */
async function setupOwner(url, opts = {}) {
	const owner = { ...DEFAULT_OWNER, ...opts };
	const setup = await request(url, 'POST', '/rest/owner/setup', {
		body: { email: owner.email, firstName: owner.firstName, lastName: owner.lastName, password: owner.password },
		expect: [200, 400],
	});
	if (setup.status === 400 && !/already set ?up|instance owner already/i.test(setup.text)) {
		throw new Error(`POST /rest/owner/setup -> HTTP 400: ${setup.text.slice(0, 500)}`);
	}
	const cookie = await login(url, owner);
	const scopes = await request(url, 'GET', '/rest/api-keys/scopes', { cookie });
	const scopeList = scopes.json && (scopes.json.data || scopes.json);
	const created = await request(url, 'POST', '/rest/api-keys', {
		cookie,
		body: { label: opts.apiKeyLabel || `e2e ${new Date().toISOString()}`, scopes: scopeList, expiresAt: null },
	});
	const data = created.json && (created.json.data || created.json);
	const apiKey = data && (data.rawApiKey || data.apiKey);
	if (!apiKey) throw new Error(`POST /rest/api-keys gave no raw key: ${created.text.slice(0, 300)}`);
	return { cookie, apiKey, email: owner.email, password: owner.password, scopes: scopeList };
}

/**
 * Activates (publishes) a workflow through the public API and waits until n8n reports it
 * published.
 *
 * n8n 2.x answers POST .../activate with 200 (`active: true`) at once and starts the
 * triggers afterwards. GET /rest/workflows/<id>/publication-status (cookie auth) answers
 *   { data: { status: 'not_published' | 'in_progress' | 'published' | 'failed',
 *             liveVersionId, pendingVersionId,
 *             triggers: [{ nodeId, status: 'activated' | 'failed', errorMessage }] } }
 * Resolves with that `data` once published; throws (err.publicationStatus = data) when
 * failed. Problems n8n sees up front (missing credentials or parameters: HTTP 400,
 * webhook path conflict: HTTP 409) make the activate call itself throw (err.status).
 *
 * n8n 1.x has no publication-status (HTTP 404): its activate call returns only once the
 * triggers are registered (a trigger that fails makes it answer 400, so the call throws),
 * and its answer is final. It must say `active: true`; this resolves with
 *   { status: 'published', synchronous: true, triggers: [], workflow: <the answer> }.
 */
async function activateWorkflow(url, { apiKey, cookie }, id, { timeoutMs = 30000 } = {}) {
	const activated = await request(url, 'POST', `/api/v1/workflows/${id}/activate`, { apiKey });
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await publicationStatus(url, cookie, id);
		if (last === null) {
			// n8n 1.x: synchronous activation.
			const workflow = activated.json || {};
			if (workflow.active !== true) {
				throw new Error(`workflow ${id} not active after POST .../activate: ${activated.text.slice(0, 300)}`);
			}
			return { status: 'published', synchronous: true, triggers: [], workflow };
		}
		if (last && last.status === 'failed') {
			const reasons = (last.triggers || []).filter((t) => t.errorMessage).map((t) => `${t.nodeId}: ${t.errorMessage}`);
			const e = new Error(`workflow ${id} failed to activate: ${reasons.join('; ') || JSON.stringify(last)}`);
			e.publicationStatus = last;
			throw e;
		}
		if (last && last.status === 'published') return last;
		await sleep(250);
	}
	throw new Error(`workflow ${id} not published after ${timeoutMs} ms; last status: ${JSON.stringify(last)}`);
}

/**
 * GET /rest/workflows/<id>/publication-status → its `data` (see activateWorkflow); null on
 * n8n 1.x, which has no such endpoint (it answers 404 with an HTML "Cannot GET" page).
 */
async function publicationStatus(url, cookie, id) {
	const r = await request(url, 'GET', `/rest/workflows/${id}/publication-status`, { cookie, expect: [200, 404] });
	if (r.status === 404) {
		if (/Cannot GET/i.test(r.text)) return null;
		// A JSON 404 from 2.x means the workflow itself is unknown.
		const e = new Error(`GET /rest/workflows/${id}/publication-status -> HTTP 404: ${r.text.slice(0, 300)}`);
		e.status = 404;
		throw e;
	}
	return r.json && r.json.data !== undefined ? r.json.data : r.json;
}

module.exports = {
	startN8n,
	setupOwner,
	login,
	activateWorkflow,
	publicationStatus,
	freePort,
	portInUse,
	linkPackage,
	n8nEnv,
	request,
	DEFAULT_OWNER,
	PACKAGE_NAME,
};
