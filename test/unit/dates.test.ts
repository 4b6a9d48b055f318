import { DateTime } from 'luxon';

import { isUtcDate, toNexudusDate } from '../../nodes/shared/dates';

/** One rule for every date (nodes/shared/dates.ts): UTC dates, local dates, instants, anchored checks. */

const local = { utc: false, timeZone: 'Europe/Madrid', seconds: true };
const utc = { utc: true, timeZone: 'Europe/Madrid', seconds: false };
const text = (value: unknown, rule = local) => {
	const result = toNexudusDate(value, rule);
	return 'text' in result ? result.text : `problem: ${result.problem}`;
};

test('CreatedOn, UpdatedOn and …Utc names are UTC dates; the rest are local', () => {
	expect(['CreatedOn', 'UpdatedOn', 'Booking_CreatedOn', 'FromTimeUtc'].map(isUtcDate)).toEqual([
		true,
		true,
		true,
		true,
	]);
	expect(['FromTime', 'FromTimeLocal', 'DueDate', 'CreatedOnLocal'].map(isUtcDate)).toEqual([
		false,
		false,
		false,
		false,
	]);
});

test('a JS Date and a Luxon DateTime of the same instant give the same text, by the rule', () => {
	const instant = Date.UTC(2025, 5, 1, 12, 0, 0); // 14:00 in Madrid (summer time)
	const inTokyo = DateTime.fromMillis(instant, { zone: 'Asia/Tokyo' });
	expect(text(new Date(instant))).toBe('2025-06-01T14:00:00');
	expect(text(inTokyo)).toBe('2025-06-01T14:00:00');
	expect(text(instant)).toBe('2025-06-01T14:00:00');
	expect(text(new Date(instant), utc)).toBe('2025-06-01T12:00');
	expect(text(inTokyo, utc)).toBe('2025-06-01T12:00');
});

test('text without an offset is sent as written; a Z on a local date is Nexudus’s own wall clock', () => {
	expect(text('2025-01-31T09:30')).toBe('2025-01-31T09:30:00');
	expect(text('2025-01-31 09:30:15.123')).toBe('2025-01-31T09:30:15');
	expect(text('2025-01-31')).toBe('2025-01-31T00:00:00');
	expect(text('2025-01-31T09:30:00Z')).toBe('2025-01-31T09:30:00');
	expect(text('2025-01-31T09:30:00', utc)).toBe('2025-01-31T09:30');
});

test('a numeric offset names an instant: UTC for a UTC date, the workflow zone for a local one', () => {
	expect(text('2025-01-31T09:30:00+02:00', utc)).toBe('2025-01-31T07:30');
	expect(text('2025-01-31T09:30:00Z', utc)).toBe('2025-01-31T09:30');
	expect(text('2025-01-31T01:30:00-0300', utc)).toBe('2025-01-31T04:30');
	// 07:30 UTC is 08:30 in Madrid (winter time)
	expect(text('2025-01-31T09:30:00+02:00')).toBe('2025-01-31T08:30:00');
	// what {{ $now.toISO() }} gives in the workflow's zone: its wall clock, unchanged
	const now = DateTime.fromISO('2025-06-01T14:05:09', { zone: 'Europe/Madrid' });
	expect(text(now.toISO())).toBe('2025-06-01T14:05:09');
	expect(text(now.toISO())).toBe(text(now));
});

test('the format is checked whole, with its ranges', () => {
	expect(text('2025-13-01T09:30')).toBe(
		'problem: "2025-13-01T09:30" is not a date: there is no month 13',
	);
	expect(text('2025-01-32')).toMatch(/there is no day 32 of 2025-01/);
	expect(text('2025-02-29')).toMatch(/there is no day 29 of 2025-02/);
	expect(text('2024-02-29')).toBe('2024-02-29T00:00:00');
	expect(text('2025-01-31T25:00')).toMatch(/there is no hour 25/);
	expect(text('2025-01-31T09:60')).toMatch(/there is no minute 60/);
	expect(text('2025-01-31T09:30:00junk')).toMatch(/is not a date \(use e.g. 2025-01-31T09:30:00\)/);
	expect(text('2025-01-31T09:30:00+15:00', utc)).toMatch(/\+15:00 is not a time-zone offset/);
	expect(text(DateTime.invalid('bad input'))).toMatch(/is an invalid DateTime/);
	expect(text(new Date(NaN))).toMatch(/is an invalid Date/);
});

test('a date in words counts only with its zone', () => {
	expect(text('March 5, 2025 14:20 UTC', utc)).toBe('2025-03-05T14:20');
	expect(text('March 5, 2025 14:20')).toMatch(/is not a date/);
});
