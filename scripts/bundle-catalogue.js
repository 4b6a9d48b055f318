#!/usr/bin/env node
/**
 * Writes nodes/shared/catalogue/entities.json: the part of the Nexudus entity catalogue the
 * Nexudus node reads (entities with a path; their verbs, filters, writable fields, inline
 * children and enum names). Run it again when the catalogue changes and commit both.
 * Usage: node scripts/bundle-catalogue.js [path/to/entities.json]
 */
const fs = require('fs');
const path = require('path');

const source = path.resolve(
	process.argv[2] || path.join(__dirname, '..', '..', 'shared', 'nexudus-api', 'catalogue', 'entities.json'),
);
const target = path.join(__dirname, '..', 'nodes', 'shared', 'catalogue', 'entities.json');

const catalogue = JSON.parse(fs.readFileSync(source, 'utf8'));

/** Drops keys whose value says nothing (false, undefined) so the bundle stays small. */
function compact(object) {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== false),
	);
}

function fieldsOf(entity) {
	const byName = new Map();
	for (const field of entity.create || []) {
		byName.set(field.field, {
			field: field.field,
			type: field.type,
			required: field.required === true,
			on: field.createOnly ? 'create' : undefined,
			unconfirmed: field.confirmed === false,
		});
	}
	for (const field of entity.update || []) {
		const known = byName.get(field.field);
		if (known) {
			if (known.on === 'create') known.on = undefined;
		} else {
			byName.set(field.field, {
				field: field.field,
				type: field.type,
				on: 'update',
				unconfirmed: field.confirmed === false,
			});
		}
	}
	return [...byName.values()].map(compact);
}

const entities = catalogue.entities
	.filter((entity) => entity.entity && entity.path)
	.map((entity) =>
		compact({
			entity: entity.entity,
			path: entity.path,
			verbs: entity.verbs,
			commands: entity.commands === true,
			completeness: entity.completeness,
			filters: (entity.filters || []).map((filter) =>
				compact({
					param: filter.param,
					type: filter.type,
					range: filter.range === true,
					rangeOnly: filter.rangeOnly === true,
					unconfirmed: filter.confirmed === false,
				}),
			),
			fields: fieldsOf(entity),
			children: (entity.children || []).map((child) => ({
				field: child.field,
				writable: child.writable,
				on: child.on,
			})),
			enums: Object.keys(entity.enums || {}).length > 0 ? entity.enums : undefined,
		}),
	);

fs.writeFileSync(
	target,
	JSON.stringify({ source: `${catalogue.schemaVersion ?? ''} ${catalogue.generated ?? ''}`.trim(), entities }) + '\n',
);
console.log(`${entities.length} entities -> ${path.relative(process.cwd(), target)} (${fs.statSync(target).size} bytes)`);
