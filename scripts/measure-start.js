#!/usr/bin/env node
/**
 * Measures how long n8n takes from spawn until /healthz/readiness answers, with the package
 * linked in, and how large the Nexudus node's serialized description is.
 * Usage: node scripts/measure-start.js [runs=3] [packageRoot=.]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startN8n } = require('./n8n-server');

async function main() {
	const runs = Number(process.argv[2] || 3);
	const packageRoot = path.resolve(process.argv[3] || path.join(__dirname, '..'));
	const { Nexudus } = require(path.join(packageRoot, 'dist/nodes/Nexudus/Nexudus.node.js'));
	const size = Buffer.byteLength(JSON.stringify(new Nexudus().description));
	console.log(`description: ${size} bytes (${(size / 1024).toFixed(1)} KiB)`);
	const times = [];
	for (let run = 0; run < runs; run++) {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'nexudus-start-'));
		const server = await startN8n({ userFolder, port: 5690 + run, packageRoot, log: () => {} });
		times.push(server.startupMs);
		await server.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
		console.log(`run ${run + 1}: ${server.startupMs} ms`);
	}
	times.sort((a, b) => a - b);
	console.log(`median start: ${times[Math.floor(times.length / 2)]} ms`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
