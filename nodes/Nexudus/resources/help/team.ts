/** What the fields and filters of a team mean, by Nexudus API name. */
export const team: Record<string, string> = {
	BusinessId: 'The location the team belongs to.',
	Name: "The team's name (often the company's).",
	Description: 'A description of the team.',
	PayingMemberId: "The team member who pays for the team: the team's invoices go to them.",
	DefaultMemberTariffId: 'The plan new team members get.',
	CreateSingleInvoiceForTeam:
		"Whether the whole team's charges go on one invoice to the paying member.",
	UseSpecialPrices: "Whether the team's own discounts apply (see the Discount fields).",
	MaxTeamMemberCount: 'The most members the team may have (0 for no limit).',
	TransferCreditsToPayingMember: "Whether members' credits are moved to the paying member.",
	ShareTimePasses: 'Whether team members share their time passes.',
	ShareBookingCredit: 'Whether team members share their booking credit.',
	ShareExtraServices: 'Whether team members share their extra services (charges).',
	DiscountTariffs: "The discount on the team's plans, in percent.",
	DiscountCharges: "The discount on the team's one-off charges, in percent.",
	ProfileIsPublic: "Whether the team's profile is shown in the member directory.",
	ProfileWebsite: "The team's website address.",
	CreatedOn: 'When the team was created (date and time).',
};
