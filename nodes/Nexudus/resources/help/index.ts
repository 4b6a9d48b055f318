import type { ResourceDefinition } from '../definition';
import { booking } from './booking';
import { calendarEvent } from './calendarEvent';
import { checkin } from './checkin';
import { contract } from './contract';
import { customer } from './customer';
import { customerNote } from './customerNote';
import { customerProduct } from './customerProduct';
import { delivery } from './delivery';
import { helpDeskMessage } from './helpDeskMessage';
import { invoice } from './invoice';
import { location } from './location';
import { plan } from './plan';
import { product } from './product';
import { resource } from './resource';
import { team } from './team';
import { visitor } from './visitor';

/**
 * Field help in words for the first-class resources: per resource, keyed by the API name of a
 * field or of a filter's property. The description generator adds the API name after it.
 */
export const HELP: Record<ResourceDefinition['value'], Record<string, string>> = {
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
};

export function helpFor(resource: string, name: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(HELP[resource] ?? {}, name)
		? HELP[resource][name]
		: undefined;
}
