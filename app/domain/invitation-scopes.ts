// What an invitation grants (app/schemas/invitation.ts), in the order the form offers it, and which of
// the form's fields belong to each: the form shows the chosen one's fields only, and the schema reads
// only those (a test holds the two together).

export const invitationScopes = {
  codes: ['member', 'hr', 'organizer'],
  label: { member: 'チームのメンバー（研究生）', hr: '人事課（自治体のチームを見守る）', organizer: '事務局・幹事' },
  /** As a field's note says whom it is for: 「メンバー・人事課の場合」. */
  short: { member: 'メンバー', hr: '人事課', organizer: '事務局・幹事' },
  fields: {
    member: ['teamId', 'department', 'section', 'isHrSlot'],
    hr: ['municipalityId', 'department'],
    organizer: ['role', 'affiliation'],
  },
} as const;

export type InvitationScopeCode = (typeof invitationScopes.codes)[number];
export type InvitationScopeField = (typeof invitationScopes.fields)[InvitationScopeCode][number];

/** The scopes a field of the form belongs to. */
export function scopesOfField(field: InvitationScopeField): InvitationScopeCode[] {
  return invitationScopes.codes.filter((code) => (invitationScopes.fields[code] as readonly string[]).includes(field));
}

export function isInvitationScope(value: unknown): value is InvitationScopeCode {
  return (invitationScopes.codes as readonly unknown[]).includes(value);
}
