/**
 * One rule for every date the node sends to Nexudus (fields and filters alike):
 *
 * - UTC dates: `CreatedOn`, `UpdatedOn` and names ending in `Utc`. Nexudus keeps them in UTC.
 * - Every other date (`FromTime`, `DueDate`, `StartDate`, the `…Local` twins): the location's
 *   local time, as the admin panel shows it.
 *
 * A text without an offset (`2025-01-31T09:30:00`) is sent as written: it already is the time in
 * the field's reference. Anything that names an instant (a JS Date, a Luxon DateTime, epoch
 * milliseconds, a text with a numeric offset such as `{{ $now.toISO() }}`'s `+01:00`) is written
 * in UTC for UTC dates and as the wall-clock time in the workflow's time zone for local ones (the
 * node cannot know a location's zone: the workflow's must be the location's), so a Date, a
 * DateTime and its ISO text of the same instant give the same text. A trailing `Z` is converted
 * for UTC dates; on a local date it is read as Nexudus itself writes local times, the wall clock,
 * so that a value copied from a Nexudus record goes back unchanged. The text is checked whole:
 * month 13, day 32 or hour 25 are errors. A date in words counts only with its zone
 * (`March 5, 2025 14:20 UTC`), as an instant.
 */

export interface DateRule {
	/** Nexudus keeps this date in UTC. */
	utc: boolean;
	/** The workflow's time zone (IANA), for instants sent to a local-time date. */
	timeZone?: string;
	/** Record fields keep seconds; filters take minutes. */
	seconds: boolean;
}

/** `CreatedOn`, `UpdatedOn`, `…Utc`: the dates Nexudus keeps in UTC. */
export function isUtcDate(property: string): boolean {
	return /utc$/i.test(property) || /(^|_)(CreatedOn|UpdatedOn)$/.test(property);
}

const WRITTEN =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

function format(clock: WallClock, seconds: boolean): string {
	const date = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
	const time = `${pad(clock.hour)}:${pad(clock.minute)}${seconds ? `:${pad(clock.second)}` : ''}`;
	return `${date}T${time}`;
}

function clockIn(milliseconds: number, timeZone: string): WallClock {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(milliseconds));
	const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
	return {
		year: part('year'),
		month: part('month'),
		day: part('day'),
		hour: part('hour') % 24,
		minute: part('minute'),
		second: part('second'),
	};
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** What names an instant: a Luxon DateTime, a JS Date or epoch milliseconds; undefined otherwise. */
function instantOf(value: unknown): number | string | undefined {
	const luxonLike = value as { toMillis?: () => number; isValid?: boolean; invalidReason?: string };
	if (value !== null && typeof value === 'object' && typeof luxonLike.toMillis === 'function') {
		if (luxonLike.isValid === false) return `is an invalid DateTime (${luxonLike.invalidReason})`;
		return luxonLike.toMillis();
	}
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'is an invalid Date' : +value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : `"${value}" is not a date`;
	return undefined;
}

/** The text Nexudus gets for a date, or the problem with the value. */
export function toNexudusDate(
	value: unknown,
	rule: DateRule,
): { text: string } | { problem: string } {
	const zone = rule.utc ? 'UTC' : (rule.timeZone ?? 'UTC');
	const instant = instantOf(value);
	if (typeof instant === 'string') return { problem: instant };
	if (typeof instant === 'number') return { text: format(clockIn(instant, zone), rule.seconds) };
	const text = String(value ?? '').trim();
	const example = rule.seconds ? '2025-01-31T09:30:00' : '2025-01-31T09:30';
	const written = WRITTEN.exec(text);
	if (!written) {
		// `March 5, 2025 14:20 UTC`: words, read as an instant only when they name its zone.
		const named = /^[A-Za-z]/.test(text) && /(UTC|GMT|[+-]\d{4})$/i.test(text);
		const parsed = named ? Date.parse(text) : NaN;
		if (!Number.isNaN(parsed)) return { text: format(clockIn(parsed, zone), rule.seconds) };
		return { problem: `"${text}" is not a date (use e.g. ${example})` };
	}
	const [year, month, day, hour, minute, second] = written.slice(1, 7).map((n) => Number(n ?? 0));
	const problem =
		month < 1 || month > 12
			? `month ${month}`
			: day < 1 || day > daysIn(year, month)
				? `day ${day} of ${year}-${pad(month)}`
				: hour > 23
					? `hour ${hour}`
					: minute > 59
						? `minute ${minute}`
						: second > 59
							? `second ${second}`
							: undefined;
	if (problem) return { problem: `"${text}" is not a date: there is no ${problem}` };
	const clock: WallClock = { year, month, day, hour, minute, second };
	const offset = written[7];
	if (!offset || (!rule.utc && offset.toUpperCase() === 'Z')) {
		return { text: format(clock, rule.seconds) };
	}
	const sign = offset[0] === '-' ? -1 : 1;
	const digits =
		offset.toUpperCase() === 'Z' ? '0000' : offset.slice(1).replace(':', '').padEnd(4, '0');
	const offsetHours = Number(digits.slice(0, 2));
	const offsetMinutes = Number(digits.slice(2, 4));
	if (offsetHours > 14 || offsetMinutes > 59) {
		return { problem: `"${text}" is not a date: ${offset} is not a time-zone offset` };
	}
	const utcMilliseconds =
		Date.UTC(year, month - 1, day, hour, minute, second) -
		sign * (offsetHours * 60 + offsetMinutes) * 60_000;
	return { text: format(clockIn(utcMilliseconds, zone), rule.seconds) };
}
