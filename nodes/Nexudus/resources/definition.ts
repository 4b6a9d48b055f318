import type { ValueKind } from '../../shared/catalogue';
import type { PickerName } from '../methods/pickers';

/**
 * What a first-class resource says about itself; everything else (operations, filters, fields,
 * their types and enum names) comes from the catalogue entry it names.
 */
export interface ResourceDefinition {
	/** The node's `resource` value. */
	value: string;
	/** Shown in the Resource list. */
	label: string;
	/** The catalogue entity (`Coworker` for Customer). */
	entity: string;
	/** Lower-case noun for operation texts: "Create a booking". */
	noun: string;
	/**
	 * Pickers beyond the automatic ones (an id field or filter named after Coworker, Business,
	 * Resource, Team, Tariff or Product gets that picker), keyed by field or filter property.
	 */
	pickers?: Record<string, PickerName>;
	/** Fields shown at the top of Create although the catalogue does not mark them required. */
	topFields?: string[];
	/**
	 * Fields earlier versions asked for at the top of Create as required, which real creates leave
	 * out: they stay at the top (n8n would drop a saved top-level value whose parameter went), but
	 * optional, an enum with a "Nexudus Default" choice that sends nothing.
	 */
	formerlyRequired?: string[];
	/** A sentence added to a field's help text, where the catalogue's name alone misleads. */
	fieldNotes?: Record<string, string>;
	/** Types of inline child properties the catalogue names without a type. */
	childKinds?: Record<string, Record<string, ValueKind>>;
	/**
	 * What Output: Simplified returns besides the Id: the record's key fields, by their real API
	 * names (as live tenants return them), so that a person or a model can tell who or what the
	 * record is, which plan and location it belongs to and what state it is in.
	 */
	simplified: string[];
}
