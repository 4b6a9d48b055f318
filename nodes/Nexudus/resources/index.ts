import { booking } from './booking';
import { calendarEvent } from './calendarEvent';
import { checkin } from './checkin';
import { contract } from './contract';
import { customer } from './customer';
import { customerNote } from './customerNote';
import { customerProduct } from './customerProduct';
import type { ResourceDefinition } from './definition';
import { delivery } from './delivery';
import { helpDeskMessage } from './helpDeskMessage';
import { invoice } from './invoice';
import { location } from './location';
import { plan } from './plan';
import { product } from './product';
import { resource } from './resource';
import { team } from './team';
import { visitor } from './visitor';

/** The first-class resources, in the order the Resource list shows them. */
export const RESOURCES: ResourceDefinition[] = [
	booking,
	calendarEvent,
	checkin,
	contract,
	customer,
	customerNote,
	customerProduct,
	delivery,
	helpDeskMessage,
	invoice,
	location,
	plan,
	product,
	resource,
	team,
	visitor,
];

export function findDefinition(value: string): ResourceDefinition | undefined {
	return RESOURCES.find((definition) => definition.value === value);
}
