/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a command-line check prints its counts */
/**
 * Prints the contradictions between a catalogue and the evidence, counted by kind:
 * `npm run catalogue:check [-- path/to/entities.json] [--list]` (default: the node's catalogue).
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- a test script reads data files
import { readFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- a test script reads data files
import { join } from 'path';

import { type ContradictionException, contradictions, countByKind, unexcused } from './check';

const here = __dirname;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const args = process.argv.slice(2);
const file =
	args.find((arg) => !arg.startsWith('--')) ??
	join(here, '..', '..', 'nodes', 'shared', 'catalogue', 'entities.json');
const found = contradictions(read(file), read(join(here, 'evidence.json')));
const exceptions = read(join(here, 'exceptions.json')).exceptions as ContradictionException[];
const { open } = unexcused(found, exceptions);
console.log(
	`${file}: ${found.length} contradictions with the evidence, ${open.length} not on the list of exceptions`,
);
console.log(countByKind(found));
if (args.includes('--list'))
	for (const c of open) console.log(`${c.entity}\t${c.kind}\t${c.name}\t${c.detail}`);
