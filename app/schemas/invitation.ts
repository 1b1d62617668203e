import { email, recordId as id, requiredText, shortText, z } from './fields';
import { organizerRoles } from '~/domain/codes';

/**
 * What an invitation grants once accepted. Stored with the token as its details. Each scope reads its own
 * fields (app/domain/invitation-scopes.ts) and drops the rest: the form without JavaScript sends them all.
 */
export const invitationScopeSchema = z.discriminatedUnion(
  'scope',
  [
    z.object({
      scope: z.literal('organizer'),
      role: z.enum(organizerRoles.codes, { error: '役割を選んでください' }),
      affiliation: shortText('所属', 200),
    }),
    z.object({ scope: z.literal('hr'), municipalityId: id('自治体'), department: shortText('部署', 200) }),
    z.object({
      scope: z.literal('member'),
      teamId: id('チーム'),
      department: shortText('部署', 200),
      section: shortText('課・係', 200),
      isHrSlot: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
    }),
  ],
  { error: '立場を選んでください' },
);
export type InvitationScope = z.infer<typeof invitationScopeSchema>;

export const invitationSchema = z.intersection(z.object({ email: email(), fullName: requiredText('氏名', 100) }), invitationScopeSchema);
