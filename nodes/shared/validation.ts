import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eventOf } from './events';

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

	/** Nexudus record ids are positive integers. */
	id(field: string, value: unknown): number {
		const text = String(value ?? '').trim();
		if (!/^[0-9]+$/.test(text) || Number(text) === 0) {
			this.fail(field, `"${text}" is not a Nexudus ID (a positive whole number)`);
		}
		return Number(text);
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
		const count = Number(value);
		if (!Number.isInteger(count) || count < 0) {
			this.fail(field, `"${String(value)}" is not a whole number of 0 or more`);
		}
		return count;
	}

	/** A Limit: a whole number of 1 or more (0 would silently return nothing). */
	limit(field: string, value: unknown): number {
		const text = typeof value === 'string' ? value.trim() : value;
		const limit = text === '' || text === null || typeof text === 'boolean' ? NaN : Number(text);
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
	 * Nexudus date filters take `YYYY-MM-DDTHH:mm`. A written date keeps the wall-clock time the
	 * user wrote; a Luxon DateTime keeps its zone; a JS Date or epoch milliseconds are read as UTC.
	 */
	date(field: string, value: unknown): string {
		const luxonLike = value as { toFormat?: (format: string) => string; isValid?: boolean };
		if (typeof luxonLike?.toFormat === 'function' && luxonLike.isValid !== false) {
			return luxonLike.toFormat("yyyy-MM-dd'T'HH:mm");
		}
		if (value instanceof Date || typeof value === 'number') {
			const date = new Date(value);
			if (Number.isNaN(date.getTime())) this.fail(field, `"${String(value)}" is not a date`);
			return date.toISOString().slice(0, 16);
		}
		const text = String(value ?? '').trim();
		const written = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(text);
		if (written) return `${written[1]}T${written[2] ?? '00'}:${written[3] ?? '00'}`;
		const parsed = new Date(text);
		if (text === '' || Number.isNaN(parsed.getTime())) {
			this.fail(field, `"${text}" is not a date (use e.g. 2025-01-31T09:30)`);
		}
		return parsed.toISOString().slice(0, 16);
	}
}
