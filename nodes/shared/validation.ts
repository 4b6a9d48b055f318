import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DateRule } from './dates';
import { toNexudusDate } from './dates';
import { eventOf } from './events';

/**
 * A whole number written plainly: `12`, `-3`, or a number without fraction. `0x10`, `1e3`,
 * `2.5`, `''` and numbers beyond 2^53 are not (Number() would take the first two).
 */
export function plainWholeNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value !== 'string' || !/^\s*[-+]?[0-9]+\s*$/.test(value)) return undefined;
	const number = Number(value);
	return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * Checks on what the user typed, made before any request so that the error names the field.
 */
export class InputChecker {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number,
	) {}

	fail(field: string, problem: string): never {
		throw new NodeOperationError(this.node, `${field}: ${problem}`, {
			itemIndex: this.itemIndex,
		});
	}

	/** Nexudus record ids are positive integers, written as digits. */
	id(field: string, value: unknown): number {
		const text = String(value ?? '').trim();
		const id = /^[0-9]+$/.test(text) ? plainWholeNumber(text) : undefined;
		if (id === undefined || id === 0) {
			this.fail(field, `"${text}" is not a Nexudus ID (a positive whole number)`);
		}
		return id;
	}

	/**
	 * A value that resolved to nothing (an expression on an item that lacks the key): never sent,
	 * so that it cannot clear what Nexudus holds.
	 */
	empty(field: string, remedy: string): never {
		return this.fail(field, `is empty in item ${this.itemIndex + 1}: ${remedy}`);
	}

	/** A Nexudus event by number (`3`, `"3"`) or API name (`CoworkerCreate`). */
	event(field: string, value: unknown): number {
		const event = eventOf(typeof value === 'string' ? value.trim() : value);
		if (!event) {
			this.fail(
				field,
				`"${String(value)}" is not a Nexudus event (a number from 1 to 90 or an API name such as CoworkerCreate)`,
			);
		}
		return event.value;
	}

	name(field: string, value: unknown): string {
		const name = String(value ?? '').trim();
		if (name === '') this.fail(field, 'must not be empty');
		return name;
	}

	url(field: string, value: unknown): string {
		const text = String(value ?? '').trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(text);
		} catch {
			parsed = undefined;
		}
		if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
			this.fail(field, `"${text}" is not a valid URL (it must start with http:// or https://)`);
		}
		return text;
	}

	count(field: string, value: unknown): number {
		const count = plainWholeNumber(value) ?? NaN;
		if (!Number.isInteger(count) || count < 0) {
			this.fail(field, `"${String(value)}" is not a whole number of 0 or more`);
		}
		return count;
	}

	/** A Limit: a whole number of 1 or more (0 would silently return nothing). */
	limit(field: string, value: unknown): number {
		const limit = plainWholeNumber(value) ?? NaN;
		if (!Number.isInteger(limit) || limit < 1) {
			this.fail(field, `"${String(value)}" is not a whole number of 1 or more`);
		}
		return limit;
	}

	/** true/false, as a boolean, "true"/"false" or 1/0 (an expression's output); nothing else. */
	boolean(field: string, value: unknown): boolean {
		const text = String(value).trim().toLowerCase();
		if (value === true || text === 'true' || text === '1') return true;
		if (value === false || text === 'false' || text === '0') return false;
		return this.fail(field, `"${String(value)}" is not true or false`);
	}

	/**
	 * Nexudus date filters take `YYYY-MM-DDTHH:mm`; the rule (UTC or the location's local time)
	 * is the one dates.ts states. Without a rule: a UTC filter (CreatedOn, UpdatedOn).
	 */
	date(field: string, value: unknown, rule: DateRule = { utc: true, seconds: false }): string {
		const result = toNexudusDate(value, rule);
		if ('problem' in result) this.fail(field, result.problem);
		return result.text;
	}
}
