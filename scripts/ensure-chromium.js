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
const { installCommand, installDebianPackages } = require('./apt-install');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const INSTALL = installCommand(['chromium']);

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
	console.log(`[chromium] ${CHROMIUM_PATH} is missing: installing Debian's chromium package`);
	const failed = installDebianPackages(['chromium']);
	if (failed) return stop(failed);
	if (!fs.existsSync(CHROMIUM_PATH)) return stop('the chromium package did not provide it');
	console.log(`[chromium] installed ${CHROMIUM_PATH}`);
	return 0;
}

process.exitCode = main();
