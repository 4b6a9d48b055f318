#!/usr/bin/env node
'use strict';
/**
 * Installs (once per machine and user) and locates a real n8n runtime for local runs, demos
 * and end-to-end tests. Everything comes from the npm registry, into a per-user cache outside
 * the clone, so every clone and every CI run on the machine shares one install:
 *
 *   $N8N_RUNTIME_CACHE_DIR, else $XDG_CACHE_HOME/n8n-nodes-nexudus/n8n-runtime,
 *   else ~/.cache/n8n-nodes-nexudus/n8n-runtime  (`npm run runtime:clean` empties it)
 *
 *   <cache>/node-<ver>/  node-<platform>-<arch>@<ver> (a Node binary + headers)
 *   <cache>/n8n-<ver>/   n8n@<ver> installed with --ignore-scripts, then
 *                                   `npm rebuild sqlite3 isolated-vm protobufjs` against
 *                                   that Node (n8n 2.x requires Node >= 24).
 *
 * n8n 1.x (the last line is 1.123.x; engines: node >=20.19 <=24.x) runs on the system Node
 * when that is >= 20.19 (no Node download; Node 24 is fetched only for an older system Node).
 * What its install needs, besides the same --ignore-scripts install:
 *   - n8n-nodes-base 1.x depends on xlsx from https://cdn.sheetjs.com/... (not the npm
 *     registry; fails offline). The cache folder's package.json overrides it with
 *     npm:@e965/xlsx@0.20.3 (the same SheetJS build republished on npm; n8n 2.x uses it too).
 *   - only sqlite3 has to be built (`npm rebuild sqlite3`: its prebuilt binary comes from
 *     GitHub, so node-gyp compiles it against the running Node's headers). isolated-vm 6 is
 *     in the tree (@n8n/expression-runtime) but needs Node >= 22 and is loaded lazily, only
 *     for the opt-in isolated expression engine, so it is left unbuilt.
 *
 * `n8nVersion` may be exact (2.41.1) or an x-range (1.123.x, 1.x): a range is resolved to
 * the newest matching version already installed in the cache, else to the newest matching
 * version on the registry (`npm view n8n@<range> version`).
 *
 * A finished install is marked by a `.complete` stamp file; a folder without the stamp
 * is a half-finished install and is wiped and redone. A lock folder keeps two
 * processes from installing into the same place at once.
 *
 * Module:  const { ensureRuntime } = require('./n8n-runtime');
 *          const { nodeBin, n8nBin, cacheDir } = await ensureRuntime({ log: console.log });
 * CLI:     node scripts/n8n-runtime.js [--n8n 2.41.1] [--node 24.21.0] [--json]
 *
 * Plain CommonJS, Node built-ins only, runs under Node 20.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const PROJECT_ROOT = path.resolve(__dirname, '..');
const DEFAULT_CACHE_DIR = path.join(
	process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
	'n8n-nodes-nexudus',
	'n8n-runtime',
);
const DEFAULT_N8N_VERSION = '2.41.1';
const DEFAULT_NODE_VERSION = '24.21.0';
const MIN_NODE_MAJOR = 24;
const STAMP = '.complete';
/** Native modules that --ignore-scripts skipped and n8n needs at run time. */
const NATIVE_REBUILD = ['sqlite3', 'isolated-vm', 'protobufjs'];

/**
 * What differs for an n8n major line. 2.x is the default (`profileFor` falls back to it).
 *   minNode:   lowest Node that n8n runs on; the system Node is used when it is at least this
 *              (and at most maxNodeMajor), else Node <nodeVersion> is downloaded
 *   overrides: npm overrides written into the cache folder's package.json
 *   rebuild:   native modules to build after the --ignore-scripts install
 *   loadCheck: modules that must load afterwards (sqlite3 is opened, the others required)
 *   fromNode:  modules added to both lists only when n8n runs on at least that Node major
 */
const PROFILES = {
	1: {
		minNode: '20.19.0',
		maxNodeMajor: 24, // engines: ">=20.19 <= 24.x"
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
		rebuild: ['sqlite3'],
		loadCheck: ['sqlite3'],
		// On Node >= 22, 1.123.66+ use the 'vm' expression engine, i.e. isolated-vm.
		fromNode: { 'isolated-vm': 22 },
	},
	2: {
		minNode: `${MIN_NODE_MAJOR}.0.0`,
		maxNodeMajor: Infinity,
		overrides: null,
		rebuild: NATIVE_REBUILD,
		loadCheck: ['sqlite3', 'isolated-vm'],
		fromNode: {},
	},
};

/** The profile's native module lists for n8n running on Node `nodeVersion`. */
function nativeModules(profile, nodeVersion) {
	const extra = Object.entries(profile.fromNode)
		.filter(([, major]) => nodeMajor(nodeVersion) >= major)
		.map(([name]) => name);
	return {
		rebuild: [...new Set([...profile.rebuild, ...extra])],
		loadCheck: [...new Set([...profile.loadCheck, ...extra])],
	};
}

function profileFor(n8nVersion) {
	return PROFILES[nodeMajor(n8nVersion)] || PROFILES[2];
}

function nodeMajor(version) {
	return Number(String(version).replace(/^v/, '').split('.')[0]);
}

function parseVersion(version) {
	const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(String(version).trim());
	return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compareVersions(a, b) {
	const x = parseVersion(a);
	const y = parseVersion(b);
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
}

/** For '1.123.x', '1.123.*', '1.123', '1.x', '1': the fixed leading numbers ([1, 123], [1]); else null. */
function xRangePrefix(spec) {
	const m = /^v?(\d+)(?:\.(\d+))?(?:\.([xX*]))?$|^v?(\d+)\.([xX*])(?:\.[xX*])?$/.exec(String(spec).trim());
	if (!m) return null;
	if (m[4] !== undefined) return [Number(m[4])];
	return m[2] !== undefined ? [Number(m[1]), Number(m[2])] : [Number(m[1])];
}

/** The npm CLI shipped with the Node running this script (system npm), as a JS file. */
function findNpmCli() {
	const candidates = [];
	if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) {
		candidates.push(process.env.npm_execpath);
	}
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	candidates.push(path.join(prefix, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
	candidates.push(path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'));
	candidates.push('/usr/lib/node_modules/npm/bin/npm-cli.js', '/usr/local/lib/node_modules/npm/bin/npm-cli.js');
	for (const c of candidates) if (fs.existsSync(c)) return c;
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
	const npmPath = which.stdout && which.stdout.trim();
	if (npmPath) {
		const real = fs.realpathSync(npmPath);
		if (real.endsWith('.js')) return real;
		const guess = path.join(path.dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
		if (fs.existsSync(guess)) return path.resolve(guess);
	}
	throw new Error('Cannot find the npm CLI (npm-cli.js) of the system Node');
}

function nodePackageName() {
	const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
	const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
	if (!os || !arch) throw new Error(`No node-<os>-<arch> npm package known for ${process.platform}/${process.arch}`);
	return `node-${os}-${arch}`;
}

function formatDuration(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function readStamp(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, STAMP), 'utf8'));
	} catch {
		return null;
	}
}

function writeStamp(dir, data) {
	fs.writeFileSync(path.join(dir, STAMP), JSON.stringify({ ...data, completedAt: new Date().toISOString() }, null, 2) + '\n');
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** mkdir-based lock; a lock held by a dead process is taken over. */
async function withLock(lockDir, log, fn) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being written right now, or stale and empty */
			}
			if (Number.isFinite(owner) && owner > 0 && !pidAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!Number.isFinite(owner) || owner <= 0) {
				// No pid file: either just created or left by a crash between mkdir and write.
				const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
				if (age > 10000) {
					fs.rmSync(lockDir, { recursive: true, force: true });
					continue;
				}
			}
			if (!announced) {
				log(`[n8n-runtime] another process (pid ${owner}) is installing; waiting for it...`);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Runs a command, streaming its output through `log` with a prefix, plus a heartbeat. */
function run(cmd, args, { cwd, env, log, label }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const tail = [];
		let warnings = 0;
		const onData = (buf) => {
			for (const line of buf.toString().split(/\r?\n/)) {
				if (!line.trim()) continue;
				tail.push(line);
				if (tail.length > 60) tail.shift();
				// n8n's tree gives hundreds of peer-dependency warnings: count them, don't print them.
				if (/^npm warn/i.test(line) && !process.env.N8N_RUNTIME_VERBOSE) warnings++;
				else log(`[n8n-runtime]   ${line}`);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const heartbeat = setInterval(() => {
			log(`[n8n-runtime]   ... ${label} still running (${formatDuration(Date.now() - started)})`);
		}, 30000);
		// If we are interrupted, take the npm child down too (the stamp stays unwritten, so
		// the next run redoes the install), then die of the same signal as usual.
		const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
		const onSignal = (sig) => {
			try {
				child.kill('SIGTERM');
			} catch {
				/* gone */
			}
			for (const s of signals) process.removeListener(s, onSignal);
			log(`[n8n-runtime] ${sig}: ${label} interrupted; the next run will redo it`);
			if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
		};
		for (const s of signals) process.on(s, onSignal);
		const done = () => {
			clearInterval(heartbeat);
			for (const s of signals) process.removeListener(s, onSignal);
		};
		child.on('error', (err) => {
			done();
			reject(err);
		});
		child.on('close', (code, signal) => {
			done();
			if (warnings) log(`[n8n-runtime]   (${warnings} npm warning lines hidden; N8N_RUNTIME_VERBOSE=1 shows them)`);
			if (code === 0) return resolve({ ms: Date.now() - started });
			reject(
				new Error(
					`${label} failed (exit ${code}${signal ? `, signal ${signal}` : ''}): ${cmd} ${args.join(' ')}\n` +
						tail.slice(-40).join('\n'),
				),
			);
		});
	});
}

function writePrivatePackageJson(dir, name, overrides = null) {
	fs.mkdirSync(dir, { recursive: true });
	// A package.json makes this folder npm's prefix, so the project's .npmrc
	// (ignore-scripts=true etc.) does not apply here.
	const manifest = { name, version: '0.0.0', private: true, description: 'n8n runtime cache (generated)' };
	if (overrides) manifest.overrides = overrides;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/**
 * Environment for npm commands run with the Node 24 binary: its bin first on PATH
 * (so `#!/usr/bin/env node` scripts and node-gyp use it) and npm_config_nodedir
 * pointing at its headers (the user's ~/.npmrc may point nodedir at the system Node).
 */
function npmEnv(nodeBin, nodeDir) {
	const env = { ...process.env };
	env.PATH = `${path.dirname(nodeBin)}${path.delimiter}${env.PATH || ''}`;
	if (nodeDir) env.npm_config_nodedir = nodeDir;
	else delete env.npm_config_nodedir;
	for (const k of Object.keys(env)) {
		// Inherited from an outer `npm run` (e.g. `npm start`): these would leak the
		// project's settings (ignore-scripts, prefix, ...) into the cache installs.
		if (/^npm_(config|package|lifecycle)_/i.test(k) && k !== 'npm_config_nodedir') delete env[k];
	}
	delete env.npm_execpath;
	delete env.npm_node_execpath;
	delete env.INIT_CWD;
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return env;
}

/**
 * Headers of the running Node, for node-gyp: <prefix>/include/node of the same version
 * (Debian's nodejs-dev, or a tarball install). Null when absent (node-gyp then uses
 * ~/.npmrc's nodedir or tries to download them).
 */
function systemNodeDir() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	try {
		const h = fs.readFileSync(path.join(prefix, 'include', 'node', 'node_version.h'), 'utf8');
		const v = ['MAJOR', 'MINOR', 'PATCH'].map((k) => (new RegExp(`define NODE_${k}_VERSION (\\d+)`).exec(h) || [])[1]);
		if (v.join('.') === process.versions.node) return prefix;
	} catch {
		/* no headers there */
	}
	return null;
}

async function ensureNode({ nodeVersion, cacheDir, log, minNode = `${MIN_NODE_MAJOR}.0.0`, maxNodeMajor = Infinity }) {
	if (compareVersions(process.versions.node, minNode) >= 0 && nodeMajor(process.versions.node) <= maxNodeMajor) {
		log(`[n8n-runtime] system Node ${process.version} is >= ${minNode}; using it (${process.execPath})`);
		return { nodeBin: process.execPath, nodeDir: systemNodeDir(), downloaded: false };
	}
	const pkg = nodePackageName();
	const dir = path.join(cacheDir, `node-${nodeVersion}`);
	const pkgRoot = path.join(dir, 'node_modules', pkg);
	const nodeBin = path.join(pkgRoot, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	const stamp = readStamp(dir);
	if (stamp && stamp.nodeVersion === nodeVersion && fs.existsSync(nodeBin)) {
		log(`[n8n-runtime] Node ${nodeVersion} ready (cached): ${nodeBin}`);
		return { nodeBin, nodeDir: pkgRoot, downloaded: false };
	}
	if (fs.existsSync(dir)) {
		log(`[n8n-runtime] ${dir} is an unfinished install; removing it`);
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const wanted = `>= ${minNode}${Number.isFinite(maxNodeMajor) ? ` and <= ${maxNodeMajor}.x` : ''}`;
	log(`[n8n-runtime] system Node is ${process.version}; n8n needs ${wanted}. Installing ${pkg}@${nodeVersion} from npm...`);
	writePrivatePackageJson(dir, 'n8n-runtime-node');
	const npmCli = findNpmCli();
	// The package's own install script only sets up symlinks; the binary is in bin/.
	const { ms } = await run(
		process.execPath,
		[npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `${pkg}@${nodeVersion}`],
		{ cwd: dir, env: npmEnv(process.execPath, null), log, label: `npm install ${pkg}` },
	);
	if (!fs.existsSync(nodeBin)) throw new Error(`${pkg}@${nodeVersion} installed, but ${nodeBin} is missing`);
	fs.chmodSync(nodeBin, 0o755);
	const v = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	if (v.status !== 0 || v.stdout.trim() !== `v${nodeVersion}`) {
		throw new Error(`${nodeBin} --version gave ${JSON.stringify(v.stdout || v.stderr)} (expected v${nodeVersion})`);
	}
	if (!fs.existsSync(path.join(pkgRoot, 'include', 'node', 'node_api.h'))) {
		log(`[n8n-runtime] warning: no headers at ${path.join(pkgRoot, 'include', 'node')}; native rebuilds may fail`);
	}
	writeStamp(dir, { nodeVersion, package: pkg });
	log(`[n8n-runtime] Node ${nodeVersion} installed in ${formatDuration(ms)}: ${nodeBin}`);
	return { nodeBin, nodeDir: pkgRoot, downloaded: true };
}

async function ensureN8n({ n8nVersion, nodeBin, nodeDir, cacheDir, log }) {
	const dir = path.join(cacheDir, `n8n-${n8nVersion}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
	const stamp = readStamp(dir);
	if (stamp && stamp.n8nVersion === n8nVersion && fs.existsSync(n8nBin)) {
		if (stamp.nodeAbi && stamp.nodeAbi !== nodeAbi(nodeBin)) {
			log(`[n8n-runtime] n8n ${n8nVersion} was built for another Node ABI (${stamp.nodeAbi}); reinstalling`);
		} else {
			log(`[n8n-runtime] n8n ${n8nVersion} ready (cached): ${n8nBin}`);
			return { n8nBin, dir };
		}
	}
	if (fs.existsSync(dir)) {
		log(`[n8n-runtime] ${dir} is an unfinished or outdated install; removing it`);
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const profile = profileFor(n8nVersion);
	const native = nativeModules(profile, nodeVersion);
	writePrivatePackageJson(dir, 'n8n-runtime-n8n', profile.overrides);
	const npmCli = findNpmCli();
	const env = npmEnv(nodeBin, nodeDir);
	log(`[n8n-runtime] installing n8n@${n8nVersion} with Node ${nodeVersion} (several minutes, 2-3 GB)...`);
	// --ignore-scripts: some optional native modules (e.g. a Kafka client) try to
	// download or compile things at install time, which fails offline.
	const a = await run(
		nodeBin,
		[npmCli, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `n8n@${n8nVersion}`],
		{ cwd: dir, env, log, label: `npm install n8n@${n8nVersion}` },
	);
	log(`[n8n-runtime] n8n@${n8nVersion} installed in ${formatDuration(a.ms)}; building native modules: ${native.rebuild.join(', ')}...`);
	const b = await run(nodeBin, [npmCli, 'rebuild', '--ignore-scripts=false', ...native.rebuild], {
		cwd: dir,
		env,
		log,
		label: 'npm rebuild',
	});
	log(`[n8n-runtime] native modules built in ${formatDuration(b.ms)}; checking they load...`);
	const check = spawnSync(
		nodeBin,
		[
			'-e',
			"const p=require('path');const r=p.join(process.argv[1],'node_modules','n8n','package.json');" +
				"const q=require('module').createRequire(r);" +
				"for(const m of process.argv.slice(2)){const x=q(m);if(m==='sqlite3')new x.Database(':memory:').close()}" +
				"console.log('ok')",
			dir,
			...native.loadCheck,
		],
		{ cwd: dir, encoding: 'utf8', env },
	);
	if (check.status !== 0) {
		throw new Error(`native modules do not load under ${nodeBin}:\n${check.stderr || check.stdout}`);
	}
	if (!fs.existsSync(n8nBin)) throw new Error(`n8n installed but ${n8nBin} is missing`);
	writeStamp(dir, { n8nVersion, nodeVersion, nodeAbi: nodeAbi(nodeBin) });
	log(`[n8n-runtime] n8n ${n8nVersion} ready in ${formatDuration(a.ms + b.ms)}: ${n8nBin}`);
	return { n8nBin, dir };
}

function nodeAbi(nodeBin) {
	return spawnSync(nodeBin, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).stdout.trim();
}

/** Versions with a finished install in the cache folder. */
function cachedN8nVersions(cacheDir) {
	let names = [];
	try {
		names = fs.readdirSync(cacheDir);
	} catch {
		return [];
	}
	return names
		.map((n) => /^n8n-(\d+\.\d+\.\d+)$/.exec(n))
		.filter((m) => m && (readStamp(path.join(cacheDir, m[0])) || {}).n8nVersion === m[1])
		.map((m) => m[1]);
}

/**
 * An exact version is returned as is. An x-range (1.123.x, 1.x) becomes the newest matching
 * version already installed in the cache (no registry call, so a cached runtime stays in use
 * offline), else the newest matching one on the registry; other specs (^1.120.0, a dist-tag)
 * are always asked from the registry.
 */
async function resolveN8nVersion(spec, { cacheDir, log }) {
	spec = String(spec).trim().replace(/^n8n@/, '');
	if (parseVersion(spec)) return spec.replace(/^v/, '');
	const prefix = xRangePrefix(spec);
	if (prefix) {
		const cached = cachedN8nVersions(cacheDir)
			.filter((v) => prefix.every((n, i) => parseVersion(v)[i] === n))
			.sort(compareVersions);
		if (cached.length) {
			const v = cached[cached.length - 1];
			log(`[n8n-runtime] n8n ${spec} -> ${v} (installed in the cache)`);
			return v;
		}
	}
	const npmCli = findNpmCli();
	const view = spawnSync(process.execPath, [npmCli, 'view', `n8n@${spec}`, 'version', '--json'], {
		encoding: 'utf8',
		env: npmEnv(process.execPath, null),
		timeout: 120000,
	});
	let found = [];
	try {
		const parsed = JSON.parse(view.stdout || 'null');
		found = (Array.isArray(parsed) ? parsed : [parsed]).filter((v) => typeof v === 'string' && parseVersion(v));
	} catch {
		/* reported below */
	}
	if (view.status !== 0 || !found.length) {
		throw new Error(`no n8n version on the registry matches "${spec}": ${(view.stderr || view.stdout || '').trim().slice(0, 300)}`);
	}
	const v = found.sort(compareVersions)[found.length - 1];
	log(`[n8n-runtime] n8n ${spec} -> ${v} (newest on the registry)`);
	return v;
}

/**
 * Makes sure a suitable Node (>= 24 for n8n 2.x; the system Node >= 20.19 for 1.x) and n8n
 * are installed under the cache folder.
 * @returns {Promise<{nodeBin: string, n8nBin: string, cacheDir: string, n8nDir: string, nodeVersion: string, n8nVersion: string}>}
 */
async function ensureRuntime({
	n8nVersion = process.env.N8N_RUNTIME_VERSION || DEFAULT_N8N_VERSION,
	nodeVersion = process.env.N8N_RUNTIME_NODE_VERSION || DEFAULT_NODE_VERSION,
	cacheDir = process.env.N8N_RUNTIME_CACHE_DIR || DEFAULT_CACHE_DIR,
	log = (msg) => console.log(msg),
} = {}) {
	const started = Date.now();
	fs.mkdirSync(cacheDir, { recursive: true });
	const result = await withLock(path.join(cacheDir, '.lock'), log, async () => {
		n8nVersion = await resolveN8nVersion(n8nVersion, { cacheDir, log });
		const { minNode, maxNodeMajor } = profileFor(n8nVersion);
		const node = await ensureNode({ nodeVersion, cacheDir, log, minNode, maxNodeMajor });
		const n8n = await ensureN8n({ n8nVersion, nodeBin: node.nodeBin, nodeDir: node.nodeDir, cacheDir, log });
		return { nodeBin: node.nodeBin, n8nBin: n8n.n8nBin, n8nDir: n8n.dir };
	});
	const actualNode = spawnSync(result.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	log(`[n8n-runtime] runtime ready in ${formatDuration(Date.now() - started)} (Node ${actualNode}, n8n ${n8nVersion})`);
	return { ...result, cacheDir, nodeVersion: actualNode.replace(/^v/, ''), n8nVersion };
}

module.exports = { ensureRuntime, DEFAULT_CACHE_DIR, DEFAULT_N8N_VERSION, DEFAULT_NODE_VERSION, PROJECT_ROOT };

if (require.main === module) {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	if (args.includes('--help') || args.includes('-h')) {
		console.log(
			'usage: node scripts/n8n-runtime.js [--n8n <version|x-range, e.g. 2.41.1, 1.123.x>] [--node <version>] [--cache <dir>] [--json]\n' +
				'       node scripts/n8n-runtime.js --clean [--cache <dir>]   removes every cached runtime',
		);
		process.exit(0);
	}
	if (args.includes('--clean')) {
		const dir = opt('--cache') || process.env.N8N_RUNTIME_CACHE_DIR || DEFAULT_CACHE_DIR;
		withLock(path.join(dir, '.lock'), console.log, async () => {
			for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
				if (name !== '.lock') fs.rmSync(path.join(dir, name), { recursive: true, force: true });
			}
		}).then(
			() => console.log(`[n8n-runtime] emptied ${dir}`),
			(err) => {
				console.error(`[n8n-runtime] could not empty ${dir}: ${err.message}`);
				process.exit(1);
			},
		);
	} else {
		const json = args.includes('--json');
		ensureRuntime({
			n8nVersion: opt('--n8n'),
			nodeVersion: opt('--node'),
			cacheDir: opt('--cache'),
			log: json ? (m) => console.error(m) : (m) => console.log(m),
		}).then(
			(r) => {
				if (json) console.log(JSON.stringify(r, null, 2));
				else console.log(`nodeBin=${r.nodeBin}\nn8nBin=${r.n8nBin}\ncacheDir=${r.cacheDir}`);
			},
			(err) => {
				console.error(`[n8n-runtime] FAILED: ${err.message}`);
				process.exit(1);
			},
		);
	}
}
