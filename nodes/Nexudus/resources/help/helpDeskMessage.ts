/** What the fields and filters of a help desk message mean, by Nexudus API name. */
export const helpDeskMessage: Record<string, string> = {
	BusinessId: 'The location the request is made to.',
	CoworkerId: 'The customer who made the request.',
	Subject: 'The subject line of the request.',
	MessageText: "The customer's message, in full.",
	Priority: 'How urgent the request is: low, normal, high or urgent.',
	AiProcessingResult: "What Nexudus's AI assistant did with the request, if it handled it.",
	HelpDeskDepartmentId: 'The help desk department (e.g. IT, Facilities) the request goes to.',
	Closed: 'Whether the request is closed (resolved).',
	OwnerId: 'The team member who looks after the request.',
	NewImageUrl: 'The web address of an image (e.g. a photo of the problem) to attach.',
	ClearImageFile: 'Whether the attached image is removed.',
	CreatedOn: 'When the request was made (date and time).',
	UpdatedOn: 'When the request was last changed (date and time).',
};
