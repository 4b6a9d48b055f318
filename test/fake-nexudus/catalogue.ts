/**
 * The Nexudus entity catalogue the fake serves from: `catalogue/entities.json` is a copy of the
 * shared research file (see its README in the research notes), corrected where live tenants
 * contradict it (real-world evidence): Coworker `CityName`/`BillingCityName` and their filters (the
 * CLI's `City`… are ignored), the plan fields a create takes (TariffId, BillingDay, StartDate,
 * RenewalDate), commands on CoworkerInvoice. Only the keys the fake reads are typed.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server reads its data file
import { readFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test-only fake server reads its data file
import { join } from 'path';

export type Verb = 'search' | 'get' | 'create' | 'update' | 'delete';

export interface CatalogueField {
	field: string;
	type: string;
	required?: boolean;
}

export interface CatalogueFilter {
	param: string;
	type: string;
	range?: boolean;
	rangeOnly?: boolean;
}

export interface CatalogueChild {
	field: string;
	writable: string[];
	on: Array<'create' | 'update'>;
}

export interface CatalogueEntity {
	entity: string;
	plural: string;
	path: string;
	verbs: Verb[];
	commands?: boolean;
	filters: CatalogueFilter[];
	create: CatalogueField[];
	update: CatalogueField[];
	children: CatalogueChild[];
	/** `{Field: {"1": "Name"}}` */
	enums: Record<string, Record<string, string>>;
	keyFields: string[];
	getOnlyListProperties?: string[];
	/** Filter names only the 2020 docs list. */
	gitbook2020FiltersNotInCli?: string[];
}

// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- the data file sits next to this module
export const CATALOGUE_FILE = join(__dirname, 'catalogue', 'entities.json');

/** The first-class resources of issue 9 (WebHook is served by its own hand-written code). */
export const FIRST_CLASS_ENTITIES = [
	'Coworker',
	'Booking',
	'Checkin',
	'CoworkerInvoice',
	'CoworkerContract',
	'CoworkerProduct',
	'Team',
	'Visitor',
	'Resource',
	'Business',
	'Tariff',
	'Product',
	'CalendarEvent',
	'CoworkerDelivery',
	'CoworkerNote',
	'HelpDeskMessage',
] as const;

/**
 * A sample of "Other Record" entities of differing shapes: look-ups (Country, Currency, SimpleTimeZone),
 * a small CRUD entity other records point at (ResourceType), one with commands and inline children
 * (ExtraService), one in another module (CoworkerTask, /api/crm) and one only known from the 2020 docs
 * (AccessToken, completeness "partial", with commands).
 */
export const SAMPLE_ENTITIES = [
	'Country',
	'Currency',
	'SimpleTimeZone',
	'ResourceType',
	'ExtraService',
	'CoworkerTask',
	'AccessToken',
] as const;

export const SERVED_ENTITIES: readonly string[] = [...FIRST_CLASS_ENTITIES, ...SAMPLE_ENTITIES];

let cached: Map<string, CatalogueEntity> | undefined;

/** Every catalogue entity that has a name and a path, by entity name. */
export function catalogue(): Map<string, CatalogueEntity> {
	if (!cached) {
		const parsed = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as {
			entities: Array<Partial<CatalogueEntity>>;
		};
		cached = new Map();
		for (const entry of parsed.entities) {
			if (!entry.entity || !entry.path) continue;
			cached.set(entry.entity, {
				...entry,
				verbs: entry.verbs ?? [],
				filters: entry.filters ?? [],
				create: entry.create ?? [],
				update: entry.update ?? [],
				children: entry.children ?? [],
				enums: entry.enums ?? {},
				keyFields: entry.keyFields ?? [],
			} as CatalogueEntity);
		}
	}
	return cached;
}

export function catalogueEntity(name: string): CatalogueEntity {
	const entry = catalogue().get(name);
	if (!entry) throw new Error(`The catalogue has no entity named ${name} with a path`);
	return entry;
}
