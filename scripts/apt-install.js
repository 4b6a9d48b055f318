'use strict';
/**
 * Installs Debian packages the tests need (Chromium, Postgres, Redis) through apt-get, as root or
 * through a password-less sudo. Plain CommonJS, Node built-ins only.
 */

const { spawnSync } = require('child_process');

function has(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** How this process may run apt-get: directly (root), through sudo without a password, or not. */
function privilegePrefix() {
	if (isRoot()) return [];
	if (has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) {
		return ['sudo', '-n'];
	}
	return null;
}

function aptGet(prefix, args) {
	const [command, ...rest] = [...prefix, 'apt-get', ...args];
	const result = spawnSync(command, rest, {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	// apt-get's progress is thousands of lines: shown only when it failed.
	if (result.status !== 0) {
		console.error(`${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
	}
	return result.status === 0;
}

/** The command a person runs to install them. */
const installCommand = (packages) => `apt-get update && apt-get install -y ${packages.join(' ')}`;

/** Installs the packages; answers undefined, or why they could not be installed from here. */
function installDebianPackages(packages) {
	if (!has('apt-get')) return 'this system has no apt-get to install them with';
	const prefix = privilegePrefix();
	if (!prefix) return 'installing needs root (or sudo without a password)';
	if (!aptGet(prefix, ['update', '-qq']) || !aptGet(prefix, ['install', '-y', '-qq', ...packages])) {
		return 'apt-get could not install them';
	}
	return undefined;
}

module.exports = { installDebianPackages, installCommand, isRoot };
