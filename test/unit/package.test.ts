/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code inspects the built package and runs npm pack */
/**
 * What n8n asks of a community node package, checked on the built package (`npm run build`
 * runs before the unit tests).
 */
import { execFileSync } from 'child_process';
import { builtinModules } from 'module';
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
	);
}

test('no runtime dependencies; n8n-workflow is the only peer dependency', () => {
	expect(manifest.dependencies).toBeUndefined();
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(manifest.keywords).toContain('n8n-community-node-package');
	expect(manifest.files).toEqual(['dist']);
	expect(manifest.n8n).toEqual({
		n8nNodesApiVersion: 1,
		strict: true,
		credentials: ['dist/credentials/NexudusApi.credentials.js'],
		nodes: [
			'dist/nodes/Nexudus/Nexudus.node.js',
			'dist/nodes/NexudusTrigger/NexudusTrigger.node.js',
		],
	});
});

test('the built code requires nothing but n8n-workflow, Node built-ins and its own files', () => {
	const allowed = new Set(['n8n-workflow', ...builtinModules]);
	const foreign: string[] = [];
	const scripts = filesUnder(join(root, 'dist')).filter((file) => file.endsWith('.js'));
	expect(scripts.length).toBeGreaterThan(10);
	for (const file of scripts) {
		const source = readFileSync(file, 'utf8');
		for (const [, name] of source.matchAll(/require\("([^"]+)"\)/g)) {
			const isOwn = name.startsWith('./') || name.startsWith('../');
			if (!isOwn && !allowed.has(name.replace(/^node:/, ''))) {
				foreign.push(`${relative(root, file)} requires ${name}`);
			}
		}
	}
	expect(foreign).toEqual([]);
});

test('every node, credential, icon and codex file named by the package is built', () => {
	const built = new Set(filesUnder(join(root, 'dist')).map((file) => relative(root, file)));
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
		expect(built).toContain(file);
	for (const file of [
		'dist/icons/nexudus.svg',
		'dist/icons/nexudus.dark.svg',
		'dist/nodes/Nexudus/Nexudus.node.json',
		'dist/nodes/NexudusTrigger/NexudusTrigger.node.json',
		// The Nexudus node's resources are generated from it when n8n loads the node.
		'dist/nodes/shared/catalogue/entities.json',
	]) {
		expect(built).toContain(file);
	}
});

test('the published tarball holds only dist, README, LICENSE and package.json', () => {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as Array<{ files: Array<{ path: string }>; size: number }>;
	const outside = pack.files
		.map((file) => file.path)
		.filter(
			(path) =>
				!path.startsWith('dist/') && !['README.md', 'LICENSE.md', 'package.json'].includes(path),
		);
	expect(outside).toEqual([]);
	expect(pack.files.map((file) => file.path)).toContain(
		'dist/nodes/shared/catalogue/entities.json',
	);
	expect(pack.files.some((file) => /test|\.tsbuildinfo$/.test(file.path))).toBe(false);
	// About 205 KB packed: the catalogue with its provenance (~550 KB unpacked) and the ~100 KB manual.
	expect(pack.size).toBeLessThan(250_000);
});

test.each([
	['nodes/Nexudus/Nexudus.node.json', 'n8n-nodes-nexudus.nexudus', '#nexudus-node'],
	[
		'nodes/NexudusTrigger/NexudusTrigger.node.json',
		'n8n-nodes-nexudus.nexudusTrigger',
		'#nexudus-trigger',
	],
])(
	'the codex file %s names the node, its categories, aliases and README section',
	(file, node, anchor) => {
		const codex = JSON.parse(readFileSync(join(root, file), 'utf8'));
		expect(codex.node).toBe(node);
		expect(codex.categories).toEqual(expect.arrayContaining(['Productivity', 'Sales']));
		expect(codex.alias).toEqual(expect.arrayContaining(['coworking', 'webhook']));
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const [primary] = codex.resources.primaryDocumentation;
		expect(primary.url.endsWith(anchor)).toBe(true);
		const heading = anchor.slice(1).replace(/-/g, ' ');
		expect(readme.toLowerCase()).toContain(`## ${heading}`);
		expect(codex.resources.credentialDocumentation[0].url.endsWith('#credentials')).toBe(true);
	},
);
