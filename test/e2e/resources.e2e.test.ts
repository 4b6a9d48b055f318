/**
 * End to end: the Nexudus node's record resources in a real n8n (2.x and 1.x), one workflow per
 * resource family, each creating, reading, updating, listing and deleting through the fake
 * Nexudus, and the trigger's Output = Full Record. Checks are made through n8n's REST API and
 * against what the fake holds.
 */
import type { Execution, Json } from './environment';
import { E2eEnvironment, outputOf } from './environment';

const SECRET = 'e2e-hook-secret';

let env: E2eEnvironment;
/** Ids of demo records of the e2e location, for the workflows' `__KEY__` placeholders. */
let ids: Record<string, string>;
let invoiceId: number;

beforeAll(async () => {
	env = await E2eEnvironment.start();
	invoiceId = await env.useSandboxRecords(SECRET);
	const customer = env.demoRecord('Coworker');
	ids = {
		CUSTOMER_ID: String(customer.Id),
		COUNTRY_ID: String(customer.CountryId),
		TIMEZONE_ID: String(customer.SimpleTimeZoneId),
		RESOURCE_ID: String(env.demoRecord('Resource').Id),
		RESOURCE_TYPE_ID: String(env.demoRecord('ResourceType').Id),
		PRODUCT_ID: String(env.demoRecord('Product').Id),
		PLAN_ID: String(env.demoRecord('Tariff').Id),
	};
}, 900000);

afterAll(async () => {
	await env?.stop();
});

const stored = (entity: string, id: unknown) => env.fake.entities.find(entity, id as number);

/** Imports test/e2e/workflows/<file>, runs it once through its webhook and returns the execution. */
async function runWorkflow(file: string, path: string): Promise<Execution> {
	const workflowId = await env.importWorkflow(file, ids);
	await env.activate(workflowId);
	try {
		const response = await fetch(`${env.url}webhook/${path}`, { method: 'POST' });
		const [execution] = await env.waitForExecutions(workflowId, 1);
		expect([execution.status, execution.data?.resultData.error?.message]).toEqual([
			'success',
			undefined,
		]);
		expect(response.status).toBe(200);
		return execution;
	} finally {
		await env.deactivate(workflowId);
	}
}

/** What Nexudus itself changes on every write. */
const withoutStamps = (record: Json) => {
	const rest = { ...record };
	for (const stamp of ['UpdatedOn', 'UpdatedBy', 'ToStringText']) delete rest[stamp];
	return rest;
};

interface Lifecycle {
	entity: string;
	create: string;
	update: string;
	list: string;
	remove?: string;
	/** What Update was asked to change; every other field must come back as created. */
	changes: Json;
}

/**
 * Create → Update → Get Many (→ Delete) of one record: Update changed exactly the given fields,
 * Get Many found only that record, and Delete removed it from the fake (or the fake holds
 * what Update returned). Returns the updated record.
 */
function checkLifecycle(execution: Execution, lifecycle: Lifecycle): Json {
	const [created] = outputOf(execution, lifecycle.create);
	const [updated] = outputOf(execution, lifecycle.update);
	expect(created.Id).toEqual(expect.any(Number));
	expect(withoutStamps(updated)).toEqual(withoutStamps({ ...created, ...lifecycle.changes }));
	expect(outputOf(execution, lifecycle.list).map((row) => row.Id)).toEqual([created.Id]);
	if (lifecycle.remove) {
		expect(outputOf(execution, lifecycle.remove)).toEqual([{ Id: created.Id, deleted: true }]);
		expect(stored(lifecycle.entity, created.Id)).toBeUndefined();
	} else {
		expect(stored(lifecycle.entity, created.Id)).toEqual(updated);
	}
	return updated;
}

describe('the Nexudus node manages records in n8n', () => {
	test('people: Customer, Customer Note and Team', async () => {
		const execution = await runWorkflow('resources-people.json', 'e2e-people');
		const customer = checkLifecycle(execution, {
			entity: 'Coworker',
			create: 'Create customer',
			update: 'Update customer',
			list: 'Get many customers', // customers cannot be deleted through the API
			changes: { CompanyName: 'E2E Ltd' },
		});
		expect(customer).toMatchObject({
			FullName: 'E2E Member',
			Email: 'e2e.member@example.com',
			// The workflow gives City, the field's former name: Nexudus's CityName holds it.
			CityName: 'Leeds',
			CountryId: Number(ids.COUNTRY_ID),
		});
		expect(outputOf(execution, 'Get customer')).toEqual([stored('Coworker', customer.Id)]);

		const note = checkLifecycle(execution, {
			entity: 'CoworkerNote',
			create: 'Create note',
			update: 'Update note',
			list: 'Get many notes',
			remove: 'Delete note',
			changes: { Notes: 'Asked about a locker; booked one' },
		});
		expect(note.CoworkerId).toBe(customer.Id);

		const team = checkLifecycle(execution, {
			entity: 'Team',
			create: 'Create team',
			update: 'Update team',
			list: 'Get many teams',
			remove: 'Delete team',
			changes: { Description: 'Made by the end-to-end suite' },
		});
		expect(team).toMatchObject({ BusinessId: env.locationId, TeamMembers: [customer.Id] });
	});

	test('spaces: Booking with a product and a visitor, Resource and Check-in', async () => {
		const execution = await runWorkflow('resources-spaces.json', 'e2e-spaces');
		const [created] = outputOf(execution, 'Create booking');
		expect(created).toMatchObject({
			ResourceId: Number(ids.RESOURCE_ID),
			CoworkerId: Number(ids.CUSTOMER_ID),
			FromTime: expect.stringMatching(/^2026-03-02T09:00:00/),
			BookingProducts: [
				expect.objectContaining({ ProductId: Number(ids.PRODUCT_ID), Quantity: 2 }),
			],
			BookingVisitors: [
				expect.objectContaining({
					VisitorFullName: 'Vera Visitor',
					VisitorEmail: 'vera@example.com',
				}),
			],
		});
		expect(outputOf(execution, 'Get booking')).toEqual([created]);
		const [moved] = outputOf(execution, 'Update booking');
		expect(moved.ToTime).toMatch(/^2026-03-02T11:00:00/);
		// The PUT sends the products and visitors back; Nexudus stores them anew (new Ids).
		const withoutIds = (items: unknown) =>
			(items as Json[]).map((item) => ({ ...item, Id: undefined }));
		expect(withoutIds(moved.BookingProducts)).toEqual(withoutIds(created.BookingProducts));
		expect(withoutIds(moved.BookingVisitors)).toEqual(withoutIds(created.BookingVisitors));
		checkLifecycle(execution, {
			entity: 'Booking',
			create: 'Create booking',
			update: 'Update booking',
			list: 'Get many bookings',
			remove: 'Delete booking',
			changes: {
				Notes: 'E2E booking, moved',
				ToTime: moved.ToTime,
				BookingProducts: moved.BookingProducts,
				BookingVisitors: moved.BookingVisitors,
			},
		});

		const room = checkLifecycle(execution, {
			entity: 'Resource',
			create: 'Create resource',
			update: 'Update resource',
			list: 'Get many resources',
			remove: 'Delete resource',
			changes: { Name: 'E2E Boardroom' },
		});
		expect(room).toMatchObject({ Allocation: 6, ResourceTypeId: Number(ids.RESOURCE_TYPE_ID) });

		const [checkedOut] = outputOf(execution, 'Update check-in');
		expect(checkedOut.ToTime).toMatch(/^2026-03-02T17:30:00/);
		const checkin = checkLifecycle(execution, {
			entity: 'Checkin',
			create: 'Create check-in',
			update: 'Update check-in',
			list: 'Get many check-ins',
			remove: 'Delete check-in',
			changes: { ToTime: checkedOut.ToTime },
		});
		expect(checkin.CoworkerId).toBe(Number(ids.CUSTOMER_ID));
	});

	test('billing: Customer Product, Contract, and Invoice (list, get, update only)', async () => {
		const execution = await runWorkflow('resources-billing.json', 'e2e-billing');
		const product = checkLifecycle(execution, {
			entity: 'CoworkerProduct',
			create: 'Create customer product',
			update: 'Update customer product',
			list: 'Get many customer products',
			remove: 'Delete customer product',
			changes: { Quantity: 3 },
		});
		expect(product).toMatchObject({
			CoworkerId: Number(ids.CUSTOMER_ID),
			ProductId: Number(ids.PRODUCT_ID),
			Notes: 'E2E locker',
		});

		const [contract] = outputOf(execution, 'Create contract');
		expect(outputOf(execution, 'Get contract')).toEqual([contract]);
		checkLifecycle(execution, {
			entity: 'CoworkerContract',
			create: 'Create contract',
			update: 'Update contract',
			list: 'Get many contracts',
			remove: 'Delete contract',
			changes: { Notes: 'E2E contract, renewed', Price: 250 },
		});

		const listed = outputOf(execution, 'Get many invoices');
		expect(listed.map((row) => row.Id)).toEqual([invoiceId]);
		const [invoice] = outputOf(execution, 'Get invoice');
		expect(invoice).toMatchObject({ ...listed[0], InvoiceNumber: 'INV-E2E-1' });
		const [updated] = outputOf(execution, 'Update invoice');
		expect(withoutStamps(updated)).toEqual(
			withoutStamps({ ...invoice, PurchaseOrder: 'PO-E2E-7' }),
		);
		expect(stored('CoworkerInvoice', invoice.Id)).toEqual(updated);
	});

	test('content and support: Calendar Event, Help Desk Message and Delivery', async () => {
		const execution = await runWorkflow('resources-content.json', 'e2e-content');
		const event = checkLifecycle(execution, {
			entity: 'CalendarEvent',
			create: 'Create event',
			update: 'Update event',
			list: 'Get many events',
			remove: 'Delete event',
			changes: { Name: 'E2E Breakfast Club', Allocation: 30 },
		});
		expect(event.ShortDescription).toBe('Croissants and coffee');

		const [message] = outputOf(execution, 'Create message');
		expect(outputOf(execution, 'Get message')).toEqual([message]);
		checkLifecycle(execution, {
			entity: 'HelpDeskMessage',
			create: 'Create message',
			update: 'Update message',
			list: 'Get many messages',
			remove: 'Delete message',
			changes: { Closed: true },
		});

		const [collected] = outputOf(execution, 'Update delivery');
		expect(collected.CollectedOn).toMatch(/^2026-03-03T12:00:00/);
		checkLifecycle(execution, {
			entity: 'CoworkerDelivery',
			create: 'Create delivery',
			update: 'Update delivery',
			list: 'Get many deliveries',
			remove: 'Delete delivery',
			changes: { Collected: true, CollectedOn: collected.CollectedOn },
		});
	});

	test('Other Record: a ResourceType by name/value pairs and JSON', async () => {
		const execution = await runWorkflow('resources-other-record.json', 'e2e-other-record');
		const [created] = outputOf(execution, 'Create record');
		expect(created).toMatchObject({ BusinessId: env.locationId, Name: 'E2E Lab' });
		checkLifecycle(execution, {
			entity: 'ResourceType',
			create: 'Create record',
			update: 'Update record',
			list: 'Get many records',
			remove: 'Delete record',
			changes: { Name: 'E2E Lab North' },
		});
		const [read] = outputOf(execution, 'Get record');
		expect(read.Name).toBe('E2E Lab North');
	});
});

describe('the Nexudus Trigger with Output = Full Record from Nexudus', () => {
	test('a partial delivered booking comes out whole from Nexudus; an unknown one is marked', async () => {
		const workflowId = await env.importWorkflow('booking-full-record-trigger.json');
		await env.activate(workflowId);
		try {
			const booking = stored('Booking', env.fake.entities.records('Booking')[0].Id) as Json;
			const partial = {
				Id: booking.Id,
				UniqueId: booking.UniqueId,
				ResourceId: booking.ResourceId,
			};
			const invented = {
				Id: 987654,
				UniqueId: '0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f',
				Notes: 'not in Nexudus',
			};
			const [delivery] = await env.fake.fire(6, env.locationId, [partial, invented], {
				secret: SECRET,
			});
			expect(delivery.status).toBe(200);
			const [execution] = await env.waitForExecutions(workflowId, 1);
			expect(execution.status).toBe('success');
			const event = {
				event: 'Booking Created',
				eventAction: 6,
				eventType: 'BookingCreate',
				locationId: env.locationId,
			};
			expect(outputOf(execution, 'Nexudus Trigger')).toEqual([
				{ ...stored('Booking', booking.Id), ...event, recordSource: 'nexudus' },
				{ ...invented, ...event, recordSource: 'delivery: not found in Nexudus' },
			]);
			expect(Object.keys(booking).length).toBeGreaterThan(Object.keys(partial).length + 10);
		} finally {
			await env.deactivate(workflowId);
		}
	});
});
