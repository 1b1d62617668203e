import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { MentorForms } from '~/components/alumni/MentorForms';
import { EraDate } from '~/components/EraDate';
import { TeamHeader } from '~/components/TeamHeader';
import { listMentors, listMentorTalks, mentorCandidates, assignMentor, endMentor, logMentorTalk } from '~/models/mentors.server';
import { addSheetComment } from '~/models/sheet-comments.server';
import { mentorAdviceSchema, mentorAssignSchema, mentorTalkSchema } from '~/schemas/alumni';
import { todayInTokyo } from '~/utils/clock';
import { fiscalYearRange, formatFiscalYear } from '~/utils/dates';
import { counted, duration } from '~/utils/format';
import { formIdOrZero, requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import { submitOnce } from '~/models/submissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { formErrors, formReply } from '~/utils/form-reply.server';
import { answerOffer, pendingOffers } from '~/models/mentor-offers.server';
import { PendingOffers } from '~/components/alumni/PendingOffers';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `マネ友（メンター） | ${data.team.municipalityName}チーム | 人マネ トラッカー` : 'マネ友' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const canAssign = access.write;
  // Offers are the team's to answer: its members and organizers see them, as they choose mentors.
  const [mentors, talks, candidates, offers] = await Promise.all([
    listMentors(team.id),
    listMentorTalks(team.id),
    canAssign ? mentorCandidates(team) : [],
    canAssign ? pendingOffers(team.id) : [],
  ]);
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      mentors,
      talks,
      candidates,
      offers,
      canAssign,
      isMentor: viewer.mentorTeamIds.includes(team.id),
      today: todayInTokyo(),
      notice,
    },
    { headers },
  );
}

// Mentors are asked for (and thanked) by the team or an organizer, who also answer a マネ友's offer;
// only the mentor gives advice.
export const intents = {
  assign: 'team:write',
  end: 'team:write',
  accept: 'team:write',
  decline: 'team:write',
  advice: 'team:mentor',
  talk: 'team:mentor',
} as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const actor = actorOf(request, viewer);
  const back = (notice: string) => redirectWithNotice(`/teams/${team.id}/mentors`, notice);
  if (intent === 'assign' || intent === 'end') {
    if (intent === 'end') {
      const ended = await endMentor(actor, team.id, formIdOrZero(formData.get('assignmentId')));
      // Ending twice (a double click) changes nothing and lands on the same page.
      return ended ? back('メンターを終了しました。') : redirect(`/teams/${team.id}/mentors`);
    }
    const submission = parseWithZod(formData, { schema: mentorAssignSchema });
    if (submission.status !== 'success') return formReply(intent, submission.reply());
    if (!(await assignMentor(actor, team, submission.value.personId))) {
      return formReply(intent, submission.reply({ fieldErrors: { personId: ['前の年度までにチームで参加したマネ友から選んでください'] } }));
    }
    return back('メンターをお願いしました。');
  }
  if (intent === 'accept' || intent === 'decline') {
    const offerId = formIdOrZero(formData.get('offerId'));
    const answered = await answerOffer(actor, team, offerId, intent === 'accept' ? 'accepted' : 'declined');
    if (answered === 'missing') return denyNotFound(request, viewer, { mentorOfferId: offerId, teamId: team.id });
    if (answered === 'notAlumnus') {
      return formReply(
        `offer-${offerId}`,
        formErrors(['前の年度までのチームの記録が見つからないため、この方をメンターにできません。事務局に確かめてください']),
      );
    }
    // Answered already (a double click, a teammate first): the page shows how it stands.
    if (answered === 'answered') return redirect(`/teams/${team.id}/mentors`);
    return back(answered === 'accepted' ? '申し出を承諾しました。メンターに加わりました。' : '申し出を辞退しました。');
  }
  if (intent === 'advice') {
    return submitOnce(formData, viewer.userId, async () => {
      const submission = parseWithZod(formData, { schema: mentorAdviceSchema });
      if (submission.status !== 'success') return formReply(intent, submission.reply());
      const added = await addSheetComment({ ...actor, userId: viewer.userId }, team.id, submission.value, 'mentor_advice');
      if (!added) return formReply(intent, submission.reply({ formErrors: ['チームのシートがまだないため、アドバイスを残せません'] }));
      return back('アドバイスをシートのコメントとして届けました。');
    });
  }
  return submitOnce(formData, viewer.userId, async () => {
    const { first, last } = fiscalYearRange(team.fiscalYear);
    const schema = mentorTalkSchema.refine((v) => v.occurredOn >= first && v.occurredOn <= last, {
      message: `日付は${formatFiscalYear(team.fiscalYear)}の中から選んでください`,
      path: ['occurredOn'],
    });
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== 'success') return formReply(intent, submission.reply());
    await logMentorTalk(actor, team, viewer.name, submission.value);
    return back('対話を記録しました。チームの活動記録に「マネ友との対話」として載ります。');
  });
}

export default function Mentors() {
  const { team, links, mentors, talks, candidates, offers, canAssign, isMentor, today, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <SavedNotice notice={notice} />
      <PendingOffers offers={offers} reply={lastResult} />
      <section aria-labelledby="mentors-heading">
        <h2 id="mentors-heading">メンターのマネ友（{counted(mentors.length, '名')}）</h2>
        {mentors.length === 0 ? <p className="muted">まだメンターはいません。</p> : null}
        <ul className="plain-list">
          {mentors.map((m) => (
            <li key={m.id}>
              {m.fullName}
              <span className="muted">（{m.municipalityName ?? ''}）</span>
              {m.hasAccount ? null : <span className="tag">アカウントなし</span>}
              {canAssign ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="assignmentId" value={m.id} />
                  <button type="submit" className="link-button">
                    終了する
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <MentorForms canAssign={canAssign} isMentor={isMentor} candidates={candidates} today={today} reply={lastResult} />
      <section aria-labelledby="talks-heading">
        <h2 id="talks-heading">マネ友との対話（{counted(talks.length, '件')}）</h2>
        <ul className="plain-list">
          {talks.map((t) => (
            <li key={t.id}>
              <EraDate iso={t.occurredOn} western={false} />　{t.title}
              <span className="muted">（{[t.guests, duration(t.durationMinutes), t.loggedBy ? `記録: ${t.loggedBy}` : ''].filter(Boolean).join('・')}）</span>
            </li>
          ))}
        </ul>
        {links.readProgress ? (
          <p>
            <Link to={`/teams/${team.id}/activities`}>活動記録を見る</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
