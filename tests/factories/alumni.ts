import type { Db } from '../../db/client';
import {
  alumniGroupMembers,
  alumniGroups,
  changeChains,
  changeMoments,
  facilitatorRequests,
  handovers,
  mentorAssignments,
  mentorOffers,
  offsiteMeetingPeople,
  offsiteMeetings,
} from '../../db/schema';
import { currentFiscalYear, one } from './util';

type NewChangeChain = typeof changeChains.$inferInsert;
type NewChangeMoment = typeof changeMoments.$inferInsert;
type NewAlumniGroup = typeof alumniGroups.$inferInsert;
type NewOffsiteMeeting = typeof offsiteMeetings.$inferInsert;
type NewMentorAssignment = typeof mentorAssignments.$inferInsert;
type NewHandover = typeof handovers.$inferInsert;

type MomentInput = Omit<NewChangeMoment, 'chainId' | 'position' | 'id'>;

/** 創り出した変化: きっかけ → 転機 → 変化 unless other moments are given. */
export async function createChangeChain(db: Db, overrides: Partial<NewChangeChain> & Pick<NewChangeChain, 'teamId'> & { moments?: MomentInput[] }) {
  const fy = currentFiscalYear();
  const {
    moments = [
      { stage: 'trigger', occurredOn: `${fy}-12-26`, description: '人事課に新人向けガイドを提案した' },
      { stage: 'turning_point', occurredOn: `${fy + 1}-02-01`, description: '人事課から素案が届いた' },
      { stage: 'change', occurredOn: `${fy + 1}-03-01`, description: '「市役所の1年」ガイドが公開された' },
    ],
    ...values
  } = overrides;
  const chain = one(
    await db
      .insert(changeChains)
      .values({ title: '小さな一歩', ...values })
      .returning(),
  );
  const rows = moments.length
    ? await db
        .insert(changeMoments)
        .values(moments.map((moment, position) => ({ ...moment, position, chainId: chain.id })))
        .returning()
    : [];
  return { ...chain, moments: rows.sort((a, b) => a.position - b.position) };
}

type MemberInput = number | { personId: number; joinedOn?: string | null };

/** マネ友 group with its members (person ids, or person ids with the day they joined). */
export async function createAlumniGroup(db: Db, overrides: Partial<NewAlumniGroup> & { members?: MemberInput[] } = {}) {
  const { members = [], ...values } = overrides;
  const group = one(
    await db
      .insert(alumniGroups)
      .values({ name: 'マネ友の会', ...values })
      .returning(),
  );
  const rows = members.map((m) => (typeof m === 'number' ? { personId: m } : m));
  if (rows.length) await db.insert(alumniGroupMembers).values(rows.map((m) => ({ ...m, groupId: group.id })));
  return { ...group, memberIds: rows.map((m) => m.personId) };
}

type MeetingPerson = { personId: number; role: 'facilitator' | 'attendee' };

/** オフサイトミーティング of a group or a team (a new group when neither is given), with 世話人 and 参加者. */
export async function createOffsiteMeeting(db: Db, overrides: Partial<NewOffsiteMeeting> & { people?: MeetingPerson[] } = {}) {
  const { people = [], ...values } = overrides;
  const groupId = values.groupId ?? (values.teamId ? null : (await createAlumniGroup(db)).id);
  const meeting = one(
    await db
      .insert(offsiteMeetings)
      .values({ heldOn: `${currentFiscalYear()}-09-18`, theme: '部署を越えた対話の場', ...values, groupId })
      .returning(),
  );
  if (people.length) {
    await db.insert(offsiteMeetingPeople).values(people.map((p) => ({ ...p, meetingId: meeting.id })));
  }
  return { ...meeting, people };
}

export async function createMentorAssignment(db: Db, overrides: Partial<NewMentorAssignment> & Pick<NewMentorAssignment, 'teamId' | 'personId'>) {
  return one(await db.insert(mentorAssignments).values(overrides).returning());
}

/** A マネ友's offer to mentor a team (申し出中 unless a status is given; an answered one has its day). */
export async function createMentorOffer(
  db: Db,
  overrides: Partial<typeof mentorOffers.$inferInsert> & Pick<typeof mentorOffers.$inferInsert, 'teamId' | 'personId' | 'offeredByUserId'>,
) {
  const decided = overrides.status && overrides.status !== 'pending' ? { decidedAt: new Date() } : {};
  return one(
    await db
      .insert(mentorOffers)
      .values({ message: '昨年度の経験をお伝えできます。', ...decided, ...overrides })
      .returning(),
  );
}

/** 引き継ぎ from a team to its municipality's next team. */
export async function createHandover(db: Db, overrides: Partial<NewHandover> & Pick<NewHandover, 'teamId'>) {
  return one(
    await db
      .insert(handovers)
      .values({
        toContinue: '人事課との定例の対話を続けてください。',
        peopleToTalkTo: '人事課長、企画課の若手職員',
        advice: '一人で抱えず、3人とマネ友で話すこと。',
        ...overrides,
      })
      .returning(),
  );
}

/** 世話人派遣 request of a team or a group (募集中 unless a status is given). */
export async function createFacilitatorRequest(
  db: Db,
  overrides: Partial<typeof facilitatorRequests.$inferInsert> & Pick<typeof facilitatorRequests.$inferInsert, 'createdByUserId'>,
) {
  return one(
    await db
      .insert(facilitatorRequests)
      .values({ heldOn: `${currentFiscalYear()}-11-20`, place: '市役所 会議室', helpNeeded: 'オフサイトミーティングの進行を手伝ってほしい', ...overrides })
      .returning(),
  );
}
