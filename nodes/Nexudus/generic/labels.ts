/**
 * Display names for catalogue names: `CoworkerId` -> `Customer`, `Booking_Resource_Name` ->
 * `Resource Name`. Nexudus's own words (Coworker, Business, Tariff) become the words its admin
 * panel shows (Customer, Location, Plan); the API name stays in each field's description.
 */

const WORDS: Record<string, string> = {
	Coworker: 'Customer',
	Business: 'Location',
	Tariff: 'Plan',
};

export function words(name: string): string {
	return name
		.split('_')
		.map((part) =>
			part
				.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
				.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
				.split(' ')
				.map((word) => WORDS[word] ?? word)
				.join(' '),
		)
		.join(' ');
}

/** `CoworkerId` -> `Customer` when a picker stands for it, else `Issued By ID`. */
export function fieldLabel(field: string, isId: boolean, hasPicker: boolean): string {
	if (isId && /Id$/.test(field)) {
		const base = words(field.replace(/Id$/, ''));
		return hasPicker ? base : `${base} ID`;
	}
	return words(field);
}

/** `from_Booking_FromTime` (property `FromTime`, end `from`) -> `From Time From`. */
export function filterLabel(parameter: { property: string; end?: 'from' | 'to' }): string {
	const end = parameter.end === 'from' ? ' From' : parameter.end === 'to' ? ' To' : '';
	return `${words(parameter.property)}${end}`;
}

/**
 * A former name as the form showed it: `Coworker_City` -> `City`, `from_Booking_TeamsAtBooking`
 * -> `Teams At Booking From`, a field's `City` -> `City`.
 */
export function formerLabel(name: string): string {
	const match = /^(?:(from|to)_)?(?:[A-Za-z0-9]+_)?(.+)$/.exec(name);
	return filterLabel({
		property: match?.[2] ?? name,
		end: match?.[1] as 'from' | 'to' | undefined,
	});
}
