/**
 * "Did you mean" for names the user typed: a field or filter Nexudus does not know must never be
 * dropped silently, so the error lists the closest names it does know.
 */

function editDistance(a: string, b: string): number {
	const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = previous[0];
		previous[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = previous[j];
			previous[j] = Math.min(
				previous[j] + 1,
				previous[j - 1] + 1,
				diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
			diagonal = above;
		}
	}
	return previous[b.length];
}

/** Up to `count` known names closest to `name`, case ignored; names containing it come first. */
export function nearestNames(name: string, known: string[], count = 3): string[] {
	const wanted = name.toLowerCase();
	return known
		.map((candidate) => {
			const lower = candidate.toLowerCase();
			const contains = lower.includes(wanted) || wanted.includes(lower);
			return { candidate, score: editDistance(wanted, lower) - (contains ? 100 : 0) };
		})
		.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
		.slice(0, count)
		.map(({ candidate }) => candidate);
}

/** `"Nmae" is not a field of Booking; nearest: Name, Notes` */
export function unknownNameProblem(kind: string, name: string, owner: string, known: string[]) {
	const nearest = nearestNames(name, known);
	return `"${name}" is not a ${kind} of ${owner}${nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : ''}`;
}
