import { entityNamed } from '../../nodes/shared/catalogue';
import {
	holds,
	notTaken,
	putBody,
	twinsOf,
	unrequestedChanges,
} from '../../nodes/Nexudus/generic/writeBack';

/** What Update sends back and how it compares the record Nexudus holds afterwards. */

test('the twins of a date are its …Local and …Utc names the record carries', () => {
	const record = { FromTime: 'a', FromTimeLocal: 'b', ToTime: 'c' };
	expect(twinsOf('FromTime', record)).toEqual(['FromTimeLocal']);
	expect(twinsOf('FromTimeLocal', record)).toEqual(['FromTime']);
	expect(twinsOf('ToTime', record)).toEqual([]);
});

test('putBody resets action flags, drops the twins of changed fields, keeps children with their Ids', () => {
	const record = {
		Id: 5,
		Notes: 'n',
		ChargeNow: true,
		WhichBookingsToUpdate: 4,
		SendBeforeEventNotification: true,
		FromTime: '2030-01-01T09:00:00Z',
		FromTimeLocal: '2030-01-01T10:00:00Z',
		BookingProducts: [{ Id: 9, ProductId: 3 }],
	};
	expect(putBody(entityNamed('Booking'), record, { FromTime: '2030-01-02T09:00:00' }, 5)).toEqual({
		Id: 5,
		Notes: 'n',
		ChargeNow: false,
		WhichBookingsToUpdate: 1,
		SendBeforeEventNotification: false,
		FromTime: '2030-01-02T09:00:00',
		BookingProducts: [{ Id: 9, ProductId: 3 }],
	});
});

test('holds: dates to the second whatever the suffix, lists in any order, children without Ids', () => {
	expect(holds('2030-01-01T09:00:00', '2030-01-01T09:00:00Z')).toBe(true);
	expect(holds('2030-01-01T09:00:00', '2030-01-01T10:00:00Z')).toBe(false);
	expect(holds([1, 2], [2, 1])).toBe(true);
	expect(holds([1, 2], [1])).toBe(false);
	expect(holds([1, 2], [{ Id: 2, Name: 'b' }, { Id: 1 }])).toBe(true);
	expect(holds([{ ProductId: 3, Quantity: '2' }], [{ Id: 7, ProductId: 3, Quantity: 2 }])).toBe(
		true,
	);
	expect(holds('', null)).toBe(true);
	expect(holds([], null)).toBe(true);
	expect(holds('a\r\nb ', 'a\nb')).toBe(true);
	expect(holds(10.5, 10.5)).toBe(true);
	expect(holds('x', 'y')).toBe(false);
});

test('notTaken checks a companion against the list it edits', () => {
	const after = { Teams: [1, 2], AddedTeams: [], RemovedTeams: [] };
	expect(notTaken({ AddedTeams: [2] }, after)).toEqual([]);
	expect(notTaken({ AddedTeams: [3] }, after)).toEqual(['AddedTeams']);
	expect(notTaken({ RemovedTeams: [1] }, after)).toEqual(['RemovedTeams']);
});

test('unrequested changes leave out bookkeeping, action flags, twins and navigations of what was set', () => {
	const before = {
		Notes: 'a',
		UpdatedOn: '1',
		ChargeNow: true,
		FromTimeLocal: 'x',
		ResourceName: 'A',
		Items: [1],
	};
	const after = {
		Notes: 'b',
		UpdatedOn: '2',
		ChargeNow: false,
		FromTimeLocal: 'y',
		ResourceName: 'B',
		Items: [],
	};
	expect(unrequestedChanges({ Notes: 'b', FromTime: 'z', ResourceId: 2 }, before, after)).toEqual([
		'Items',
	]);
});
