import { ActivityTotals } from '~/components/ActivityTotals';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { MentorOfferCard } from '~/components/alumni/MentorOfferCard';
import { SavedNotice } from '~/components/SavedNotice';
import { teamsOfMunicipalities, type MunicipalityTeam } from '~/models/dashboard-municipality.server';
import { makeOffer, offersBy, withdrawOffer, type OfferRefusal } from '~/models/mentor-offers.server';
import { submitOnce } from '~/models/submissions.server';
import { mentorOfferSchema } from '~/schemas/alumni';
import { currentFiscalYear } from '~/utils/clock';
import { formatFiscalYear } from '~/utils/dates';
import { formReply } from '~/utils/form-reply.server';
import { formIdOrZero } from '~/utils/http.server';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { actorOf, denyNotFound, requireAlumnus, requireIntent } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'マネ友 | 人マネ トラッカー' }];

// 「部会に卒業はない」: an alumnus follows their municipality's teams, current and past, and the
// teams they mentor, and may offer to mentor this year's team of their municipality (the team
// answers on its マネ友（メンター） page). Other alumni pages (directory, groups, support) link from here.
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireAlumnus(request);
  const teams = await teamsOfMunicipalities(viewer.alumniMunicipalityIds, viewer.mentorTeamIds);
  const fiscalYear = currentFiscalYear();
  const own = teams.filter((t) => viewer.alumniMunicipalityIds.includes(t.municipalityId));
  const municipalities = [...new Map(own.map((t) => [t.municipalityId, t.municipalityName])).entries()].map(([id, name]) => ({
    id,
    name,
    current: own.filter((t) => t.municipalityId === id && t.fiscalYear === fiscalYear),
    past: own.filter((t) => t.municipalityId === id && t.fiscalYear < fiscalYear),
  }));
  // This year's teams of their municipality that they neither mentor nor sit on: theirs to offer to.
  const offerable = own.filter((t) => t.fiscalYear === fiscalYear && !t.mentored && !viewer.memberTeamIds.includes(t.teamId));
  const offers = await offersBy(
    viewer.personId,
    offerable.map((t) => t.teamId),
  );
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      fiscalYear,
      municipalities,
      mentored: teams.filter((t) => t.mentored),
      offerable: offerable.map((team) => ({ team, offer: offers.find((o) => o.teamId === team.teamId) ?? null })),
      notice,
    },
    { headers },
  );
}

// Offers come from マネ友; whether this one may offer to this team (an alumnus of its municipality, this
// year's team, not yet its mentor, no live offer) is decided by makeOffer. An offer is withdrawn only by its maker.
export const intents = { offer: 'alumni', withdraw: 'alumni' } as const satisfies IntentNeeds<ViewerNeed>;

const refusals: Record<OfferRefusal, string> = {
  team: '申し出られるのは、自分の自治体の今年度のチームだけです',
  notAlumnus: '申し出られるのは、前の年度までにこの自治体のチームに参加したマネ友だけです',
  member: '自分が参加しているチームには申し出られません',
  mentor: 'すでにこのチームのメンターです',
  duplicate: 'このチームにはすでに申し出ています',
};

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const actor = actorOf(request, viewer);
  if (intent === 'withdraw') {
    const offerId = formIdOrZero(formData.get('offerId'));
    const withdrawn = await withdrawOffer(actor, viewer.personId, offerId);
    if (withdrawn === 'missing') return denyNotFound(request, viewer, { mentorOfferId: offerId });
    if (withdrawn === 'answered') return redirectWithNotice('/alumni', 'チームがすでに返事をしていたため、申し出は取り下げられませんでした。');
    return redirectWithNotice('/alumni', '申し出を取り下げました。');
  }
  return submitOnce(formData, viewer.userId, async () => {
    // Each team's card has its form; its answer goes back to that card.
    const form = `offer-${String(formData.get('teamId'))}`;
    const submission = parseWithZod(formData, { schema: mentorOfferSchema });
    if (submission.status !== 'success') return formReply(form, submission.reply());
    const made = await makeOffer(actor, viewer, submission.value.teamId, submission.value.message);
    if (typeof made === 'string') return formReply(form, submission.reply({ formErrors: [refusals[made]] }));
    return redirectWithNotice(
      '/alumni',
      `${made.team.municipalityName}チームにメンターを申し出ました。チームが承諾すると、メンターとして支援できます。`,
      made.offerId,
    );
  });
}

function TeamRows({ teams }: { teams: MunicipalityTeam[] }) {
  return (
    <table className="data-table team-rows">
      <thead>
        <tr>
          <th scope="col">年度</th>
          <th scope="col">チーム</th>
          <th scope="col">活動</th>
          <th scope="col">変革ストーリーシート</th>
        </tr>
      </thead>
      <tbody>
        {teams.map((t) => (
          <tr key={t.teamId} data-team={t.teamId}>
            <td className="nowrap">{formatFiscalYear(t.fiscalYear)}</td>
            <th scope="row">
              <Link to={`/teams/${t.teamId}`}>
                {t.municipalityName}チーム（{t.generation}期生）
              </Link>
            </th>
            <td data-label="活動">
              <ActivityTotals activities={t.activities} minutes={t.minutes} />
            </td>
            <td data-label="変革ストーリーシート">{t.sheetVersion ? <Link to={`/teams/${t.teamId}/sheet`}>第{t.sheetVersion}版</Link> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function AlumniOverview() {
  const { fiscalYear, municipalities, mentored, offerable, notice } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <h1>マネ友</h1>
      <p className="muted">部会に卒業はない。自分の自治体のチームと、支援しているチームの歩みを見守れます。</p>
      <nav aria-label="マネ友のページ">
        <ul className="tabs">
          <li>
            <Link to="/alumni/directory">マネ友名簿</Link>
          </li>
          <li>
            <Link to="/alumni/groups">マネ友の会</Link>
          </li>
        </ul>
      </nav>
      <SavedNotice notice={notice} />
      <section aria-labelledby="mentored-heading">
        <h2 id="mentored-heading">支援しているチーム</h2>
        {mentored.length ? (
          <TeamRows teams={mentored} />
        ) : (
          <p className="muted">
            {offerable.length
              ? 'メンターとして支援しているチームはまだありません。'
              : municipalities.some((m) => m.current.length)
                ? '支援を担当しているチームはありません。'
                : '支援を担当しているチームはありません。今年度の自治体のチームが登録されると、ここからメンターを申し出られます。'}
          </p>
        )}
        {offerable.length ? (
          <>
            <h3>今年度のチームのメンターになる</h3>
            {offerable.map(({ team, offer }) => (
              <MentorOfferCard key={team.teamId} team={team} offer={offer} reply={reply} />
            ))}
          </>
        ) : null}
      </section>
      {municipalities.map((m) => (
        <section key={m.id} aria-labelledby={`city-${m.id}`}>
          <h2 id={`city-${m.id}`}>{m.name}のチーム</h2>
          <h3>{formatFiscalYear(fiscalYear)}（今年度）</h3>
          {m.current.length ? <TeamRows teams={m.current} /> : <p className="muted">今年度のチームはまだ登録されていません。</p>}
          <h3>これまでのチーム</h3>
          {m.past.length ? <TeamRows teams={m.past} /> : <p className="muted">これまでのチームはありません。</p>}
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
