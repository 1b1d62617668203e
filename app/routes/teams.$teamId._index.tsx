import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { QuickAdd } from '~/components/activities/QuickAdd';
import { pickableKinds } from '~/domain/activity-form';
import { submitOnce } from '~/models/submissions.server';
import { todayInTokyo } from '~/utils/clock';
import { quickAdd } from '~/utils/quick-add.server';
import type { IntentNeeds } from '~/utils/permissions';
import { EraDate } from '~/components/EraDate';
import { formatFiscalYear } from '~/utils/dates';
import { ErrorPage } from '~/components/ErrorPage';
import { HandoverCard } from '~/components/alumni/HandoverCard';
import { KeyPersonCoverage } from '~/components/dashboard/KeyPersonCoverage';
import { KindHoursChart } from '~/components/dashboard/KindHoursChart';
import { MoyamoyaChart } from '~/components/dashboard/MoyamoyaChart';
import { WeeklyActivityChart } from '~/components/dashboard/WeeklyActivityChart';
import { TeamHeader } from '~/components/TeamHeader';
import { activityKinds, intervieweeRoles, visibilities } from '~/domain/codes';
import { recentActivities } from '~/models/activities.server';
import { countAlumniOfMunicipality } from '~/models/alumni-directory.server';
import { teamDashboard } from '~/models/dashboard-team.server';
import { previousGenerations } from '~/models/handovers.server';
import { listInterviews } from '~/models/interviews.server';
import { listTeamMembers } from '~/models/teams.server';
import { counted, duration, hours } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import { seesUnlistedMembers } from '~/utils/permissions';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.team.municipalityName}チーム | 人マネ トラッカー` : 'チーム' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  const [members, recent, interviews, dashboard, generations, alumniCount] = await Promise.all([
    listTeamMembers(team.id),
    access.readProgress ? recentActivities(team.id, access.interviewVisibilities) : [],
    listInterviews(team.id, access.interviewVisibilities),
    // The charts are progress: partners (sheet only) do not get them.
    access.readProgress ? teamDashboard(team, { asMember: access.kinds.includes('member'), visibilities: access.interviewVisibilities }) : null,
    // 引き継ぎ: what the previous generation left, shown to those who follow the team's progress.
    access.readProgress ? previousGenerations(team) : [],
    access.readProgress ? countAlumniOfMunicipality(team.municipalityId, team.fiscalYear) : 0,
  ]);
  const shownMembers = seesUnlistedMembers(viewer, team) ? members : members.filter((m) => m.directoryListed);
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    members: shownMembers,
    unlistedMembers: members.length - shownMembers.length,
    // 活動の記録: the dashboard's totals (the same object, sent once).
    totals: dashboard?.summary.total ?? null,
    recent,
    interviews,
    dashboard,
    membersMoyamoyaHidden: !access.kinds.includes('member') && team.moyamoyaVisibility !== 'members_visible',
    generations,
    alumniCount,
    // The team itself (and organizers) may see who can read its records.
    seesReaders: access.write,
    // すばやく記録 here too: the page a member opens first (it posts to this route's action).
    canWrite: access.write,
    today: todayInTokyo(),
  };
}

export const intents = { quick: 'team:write' } as const satisfies IntentNeeds;

// すばやく記録 from 概要: saved, it lands on the timeline with the new entry marked (this page's loader is cached
// and reads no notice); refused, this page shows the form again with what was typed.
export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  return submitOnce(formData, viewer.userId, () => quickAdd(request, formData, team, viewer));
}

export default function TeamOverview() {
  const {
    team,
    links,
    members,
    unlistedMembers,
    totals,
    recent,
    interviews,
    dashboard,
    membersMoyamoyaHidden,
    generations,
    alumniCount,
    seesReaders,
    canWrite,
    today,
  } = useLoaderData<typeof loader>();
  const quickResult = useActionData<typeof action>();
  const chartSubject = `${team.municipalityName}チーム ${formatFiscalYear(team.fiscalYear)}`;
  return (
    <>
      <TeamHeader team={team} links={links} />
      {canWrite ? <QuickAdd kinds={pickableKinds()} today={today} lastResult={quickResult} interviewHref={`/teams/${team.id}/interviews/new`} /> : null}
      <HandoverCard teamId={team.id} generations={generations} alumniCount={alumniCount} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">メンバー（{counted(members.length + unlistedMembers, '名')}）</h2>
        <ul className="member-list">
          {members.map((m) => (
            <li key={m.personId}>
              {m.fullName}
              <span className="muted">（{[m.department, m.section].filter(Boolean).join(' ')}）</span>
              {m.isHrSlot ? <span className="tag">人事担当課枠</span> : null}
            </li>
          ))}
        </ul>
        {unlistedMembers ? <p className="muted">マネ友名簿に載せていない{counted(unlistedMembers, '名')}の名前は表示していません。</p> : null}
        {seesReaders ? (
          <p>
            <Link to={`/teams/${team.id}/access`}>このチームを見られる人</Link>
          </p>
        ) : null}
      </section>

      {totals ? (
        <section aria-labelledby="activity-heading">
          <h2 id="activity-heading">活動の記録</h2>
          <ul className="stats">
            <li>
              <span className="stat-label">活動回数</span>
              <span className="stat-value">{counted(totals.count, '回')}</span>
            </li>
            <li>
              <span className="stat-label">活動時間</span>
              <span className="stat-value">{hours(totals.minutes)}</span>
            </li>
            <li>
              <span className="stat-label">最後の活動</span>
              <span className="stat-value">{totals.lastOn ? <EraDate iso={totals.lastOn} western={false} /> : '—'}</span>
            </li>
          </ul>
          <h3>最近の活動</h3>
          <ul className="plain-list">
            {recent.map((a) => (
              <li key={a.id}>
                <EraDate iso={a.occurredOn} western={false} />　<span className="tag">{activityKinds.label[a.kind]}</span> {a.title}
                <span className="muted">（{duration(a.durationMinutes)}）</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {dashboard ? (
        <section aria-labelledby="dashboard-heading" className="dashboard">
          <h2 id="dashboard-heading">1年の歩み</h2>
          <WeeklyActivityChart teamId={team.id} spec={dashboard.weekly} subject={chartSubject} />
          <MoyamoyaChart
            spec={dashboard.moyamoya}
            subject={chartSubject}
            notesHref={`/teams/${team.id}/moyamoya`}
            note={membersMoyamoyaHidden ? 'このチームはメンバー個人の数値を公開していないため、チームの数値のみを表示しています。' : undefined}
          />
          <KindHoursChart spec={dashboard.kinds} total={dashboard.summary.total} subject={chartSubject} />
          <KeyPersonCoverage teamId={team.id} coverage={dashboard.coverage} homework={dashboard.homework} />
        </section>
      ) : null}

      <section aria-labelledby="interviews-heading">
        <h2 id="interviews-heading">キーパーソンインタビュー</h2>
        {interviews.length === 0 ? <p className="muted">表示できるインタビューはありません。</p> : null}
        <ul className="plain-list">
          {interviews.map((i) => (
            <li key={i.id} data-visibility={i.visibility}>
              <EraDate iso={i.interviewedOn} western={false} />　<Link to={`/teams/${team.id}/interviews/${i.id}`}>{i.interviewee}</Link>
              <span className="muted">
                （{intervieweeRoles.label[i.roleCategory]}・{visibilities.label[i.visibility]}）
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
