/** What the fields and filters of a customer note mean, by Nexudus API name. */
export const customerNote: Record<string, string> = {
	CoworkerId: 'The customer the note is about.',
	Notes: 'The text of the note; only the team sees it.',
	AddedBy: 'Who wrote the note (a name).',
	CreatedOn: 'When the note was written (date and time).',
	UpdatedOn: 'When the note was last changed (date and time).',
};
