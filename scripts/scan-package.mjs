#!/usr/bin/env node
/**
 * n8n's community-package scanner (@n8n/scan-community-package), run offline.
 *
 * The scanner's CLI downloads a published package by name, checks its npm provenance, fetches
 * the attested GitHub source and then lints two things with the same ESLint config n8n's
 * verification uses: the source (package.json, nodes/ and credentials/ .ts files) and the
 * unpacked tarball (its compiled .js and package.json). The download and provenance steps need a
 * published release; the two lint passes are exported by the scanner as `analyzePackage` with
 * the file patterns it uses, so this script runs them here: on the working tree, and on the
 * tarball `npm pack` makes of it (run `npm run build` first: the tarball ships dist/).
 *
 *   node scripts/scan-package.mjs            both passes; exit code 1 on any violation
 *   SCANNER_MODULE=/path/to/scanner.mjs ...  use another copy of the scanner
 *
 * Node built-ins and the scanner only.
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const scannerPath =
	process.env.SCANNER_MODULE ??
	path.join(path.dirname(require.resolve('@n8n/scan-community-package/package.json')), 'scanner', 'scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerPath).href);

/** The pattern the scanner lints the tarball with (scanner.mjs, analyzePackageByName). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

function packTarball(workDir) {
	if (!fs.existsSync(path.join(root, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before scanning the tarball');
	}
	const output = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', workDir], root);
	const tarball = output.trim().split('\n').pop();
	const packageDir = path.join(workDir, 'package');
	fs.mkdirSync(packageDir);
	run('tar', ['-xzf', path.join(workDir, tarball), '-C', packageDir, '--strip-components=1'], workDir);
	return { tarball, packageDir };
}

function report(label, result, count) {
	if (result.passed) {
		console.log(`✅ ${label}: passed (${count} files)`);
	} else {
		console.log(`❌ ${label}: ${result.message}`);
		if (result.details) console.log(result.details);
	}
	return result.passed;
}

/** How many files a pass lints, so a pass that finds nothing does not read as a pass. */
function countFiles(dir, patterns) {
	const fg = require(require.resolve('fast-glob', { paths: [path.dirname(scannerPath)] }));
	return fg.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
}

/**
 * The scanner must still find what it is for: a node file with a console statement (a rule the
 * scan adds to n8n's lint) has to fail, or a broken scanner would pass everything.
 */
async function canaryFails(workDir) {
	const canaryDir = path.join(workDir, 'canary');
	fs.mkdirSync(path.join(canaryDir, 'nodes'), { recursive: true });
	fs.copyFileSync(path.join(root, 'package.json'), path.join(canaryDir, 'package.json'));
	fs.writeFileSync(path.join(canaryDir, 'nodes', 'Canary.js'), "console.log('canary');\n");
	const result = await analyzePackage(canaryDir, TARBALL_FILE_PATTERNS);
	return !result.passed && /no-console/.test(result.details ?? '');
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexudus-scan-'));
let passed = false;
try {
	if (!(await canaryFails(workDir))) {
		throw new Error('the scanner passed a file it must reject (console.log): is it installed whole?');
	}
	const sourceCount = countFiles(root, SOURCE_FILE_PATTERNS);
	const sourceResult = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	const sourcePassed = report('source (package.json, nodes/, credentials/)', sourceResult, sourceCount);

	const { tarball, packageDir } = packTarball(workDir);
	const tarballCount = countFiles(packageDir, TARBALL_FILE_PATTERNS);
	const tarballResult = await analyzePackage(packageDir, TARBALL_FILE_PATTERNS);
	const tarballPassed = report(`tarball ${tarball} (compiled .js, package.json)`, tarballResult, tarballCount);

	if (sourceCount === 0 || tarballCount === 0) {
		console.log('❌ a pass found no files to lint');
	} else {
		passed = sourcePassed && tarballPassed;
	}
} finally {
	fs.rmSync(workDir, { recursive: true, force: true });
}
process.exit(passed ? 0 : 1);
