#!/usr/bin/env node
'use strict';
/**
 * The editor tests drive Debian's Chromium (playwright-core never downloads a browser).
 * This step of `npm test` finds it at $CHROMIUM_PATH (default /usr/bin/chromium); when it is
 * missing it installs Debian's `chromium` package through apt-get, as root or through a
 * password-less sudo, and otherwise stops with the exact command to run.
 *
 * Plain CommonJS, Node built-ins only.
 */

const fs = require('fs');
const { spawnSync } = require('child_process');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

function has(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** How this process may run apt-get: directly (root), through sudo without a password, or not. */
function privilegePrefix() {
	if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
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

function main() {
	if (fs.existsSync(CHROMIUM_PATH)) return 0;
	const stop = (why) => {
		console.error(
			`[chromium] ${CHROMIUM_PATH} is missing and ${why}.\n` +
				`[chromium] Install it with:  sudo sh -c '${INSTALL}'\n` +
				'[chromium] or point CHROMIUM_PATH at a Chromium or Chrome binary, then run npm test again.',
		);
		return 1;
	};
	if (process.env.CHROMIUM_PATH) return stop('CHROMIUM_PATH points there');
	if (!has('apt-get')) return stop('this system has no apt-get to install it with');
	const prefix = privilegePrefix();
	if (!prefix) return stop('installing it needs root (or sudo without a password)');
	console.log(`[chromium] ${CHROMIUM_PATH} is missing: installing Debian's chromium package`);
	if (!aptGet(prefix, ['update', '-qq']) || !aptGet(prefix, ['install', '-y', '-qq', 'chromium'])) {
		return stop('apt-get could not install it');
	}
	if (!fs.existsSync(CHROMIUM_PATH)) return stop('the chromium package did not provide it');
	console.log(`[chromium] installed ${CHROMIUM_PATH}`);
	return 0;
}

process.exitCode = main();
