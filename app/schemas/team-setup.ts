import { organizerRoles } from '~/domain/codes';
import { email, recordId as id, requiredText, shortText, z } from './fields';

const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

export const newTeamSchema = z.object({ municipalityId: id('自治体') });

export const newMemberSchema = z.object({
  email: email(),
  fullName: requiredText('氏名', 100),
  department: shortText('部署', 200),
  section: shortText('係', 200),
  isHrSlot: checkbox,
});

export const dialogueGroupSchema = z.object({
  name: shortText('グループ名', 100),
  // One ticked checkbox arrives as a string, none as nothing.
  teamIds: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(id('チーム')).min(2, 'チームを2〜4つ選んでください').max(4, '1つのグループは4チームまでです'),
  ),
});

export const organizerSchema = z.object({
  fullName: requiredText('氏名', 100),
  role: z.enum(organizerRoles.codes, { error: '役割を選んでください' }),
  affiliation: shortText('所属', 200),
});
