#!/usr/bin/env node
'use strict';
/**
 * Postgres and Redis for the queue-mode end-to-end test: each a real server, on a free loopback
 * port, with its data in a throwaway folder, started by the test and stopped after it.
 *
 * The servers come from Debian's packages (postgresql, redis-server). When one is missing it is
 * installed through apt-get, as root or through a password-less sudo (scripts/apt-install.js,
 * which installs Chromium too); otherwise the test stops with the exact command to run.
 * Postgres refuses to run as root: as root, it runs as the `postgres` user the package creates.
 *
 * Plain CommonJS, Node built-ins only.
 *
 *   node scripts/queue-services.js      installs what is missing, then says where both are
 */

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { installCommand, installDebianPackages, isRoot } = require('./apt-install');

const PACKAGES = { postgres: 'postgresql', redis: 'redis-server' };

/** Postgres's server binaries: on PATH, or in Debian's /usr/lib/postgresql/<version>/bin. */
function postgresBin() {
	const found = (dir) => ['initdb', 'postgres'].every((name) => fs.existsSync(path.join(dir, name)));
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))
		: [];
	for (const version of versions) {
		const dir = path.join(root, version, 'bin');
		if (found(dir)) return dir;
	}
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		if (dir && found(dir)) return dir;
	}
	return undefined;
}

function redisBin() {
	for (const dir of [...(process.env.PATH || '').split(path.delimiter), '/usr/bin', '/usr/sbin']) {
		const candidate = path.join(dir, 'redis-server');
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

/**
 * Where the servers are, installing Debian's packages for the missing ones. Throws with the
 * command to run when they are missing and cannot be installed from here.
 */
function ensureServices(log = (message) => console.log(message)) {
	const missing = () => [
		...(postgresBin() ? [] : [PACKAGES.postgres]),
		...(redisBin() ? [] : [PACKAGES.redis]),
	];
	const needed = missing();
	if (needed.length > 0) {
		const stop = (why) =>
			new Error(
				`[queue-services] ${needed.join(' and ')} missing and ${why}. Install with:  sudo sh -c '${installCommand(needed)}'`,
			);
		log(`[queue-services] installing Debian's ${needed.join(' and ')}`);
		const failed = installDebianPackages(needed);
		if (failed) throw stop(failed);
		if (missing().length > 0) throw stop(`the packages did not provide ${missing().join(', ')}`);
	}
	return { postgresBin: postgresBin(), redisServer: redisBin() };
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function waitForPort(port, what, child, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited during start (code ${child.exitCode})`);
		if (await canConnect(port)) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} not listening on 127.0.0.1:${port} after ${timeoutMs / 1000} s`);
}

/** As root, commands run as `postgres`; otherwise as this user. */
function asPostgresUser(command, args) {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Stops a server started detached (its own process group), waiting until it exited. */
function stopper(child, name) {
	return async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), 10000));
		if ((await Promise.race([exited, timer])) === 'timeout') {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			await exited;
		}
		void name;
	};
}

/**
 * Starts Postgres (user n8n, trust authentication, database `postgres`) and Redis on free
 * loopback ports. Answers their ports and a stop() that ends both and removes their data.
 */
async function startQueueServices({ log = (message) => console.log(message) } = {}) {
	const { postgresBin: bin, redisServer } = ensureServices(log);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nexudus-queue-'));
	const dataDir = path.join(folder, 'postgres');
	fs.mkdirSync(dataDir, { mode: 0o700 });
	if (isRoot()) spawnSync('chown', ['-R', 'postgres:', folder]);
	const stops = [];
	const stop = async () => {
		for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
		fs.rmSync(folder, { recursive: true, force: true });
	};
	try {
		const [initCommand, initArgs] = asPostgresUser(path.join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-U',
			'n8n',
			'-A',
			'trust',
			'--no-sync',
			'-E',
			'UTF8',
		]);
		const init = spawnSync(initCommand, initArgs, { encoding: 'utf8', cwd: folder });
		if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

		const postgresPort = await freePort();
		const [pgCommand, pgArgs] = asPostgresUser(path.join(bin, 'postgres'), [
			'-D',
			dataDir,
			'-p',
			String(postgresPort),
			'-h',
			'127.0.0.1',
			'-k',
			folder,
			'-c',
			'fsync=off',
			'-c',
			'max_connections=100',
		]);
		const pgLog = fs.openSync(path.join(folder, 'postgres.log'), 'a');
		const postgres = spawn(pgCommand, pgArgs, {
			cwd: folder,
			detached: true,
			stdio: ['ignore', pgLog, pgLog],
		});
		postgres.unref();
		stops.push(stopper(postgres, 'postgres'));
		await waitForPort(postgresPort, 'postgres', postgres);

		const redisPort = await freePort();
		const redisLog = fs.openSync(path.join(folder, 'redis.log'), 'a');
		const redis = spawn(
			redisServer,
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
			{ cwd: folder, detached: true, stdio: ['ignore', redisLog, redisLog] },
		);
		redis.unref();
		stops.push(stopper(redis, 'redis'));
		await waitForPort(redisPort, 'redis', redis);
		log(`[queue-services] postgres on 127.0.0.1:${postgresPort}, redis on 127.0.0.1:${redisPort}`);
		const killOnExit = () => {
			for (const child of [postgres, redis]) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}
		};
		process.on('exit', killOnExit);
		stops.unshift(async () => process.removeListener('exit', killOnExit));
		return { postgresPort, redisPort, folder, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The environment that puts an n8n process into queue mode on these servers. */
function queueModeEnv({ postgresPort, redisPort }, encryptionKey) {
	return {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_SQLITE_POOL_SIZE: undefined,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
}

module.exports = { ensureServices, startQueueServices, queueModeEnv };

if (require.main === module) {
	try {
		const found = ensureServices();
		console.log(`[queue-services] postgres: ${found.postgresBin}; redis: ${found.redisServer}`);
	} catch (error) {
		console.error(error.message);
		process.exitCode = 1;
	}
}
