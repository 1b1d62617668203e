import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ActivityTimeline, timelineEntry } from '~/components/activities/ActivityTimeline';
import { QuickAdd } from '~/components/activities/QuickAdd';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { pickableKinds } from '~/domain/activity-form';
import { activityKinds, type ActivityKind } from '~/domain/codes';
import { listActivities } from '~/models/activities.server';
import { listTeamMembers } from '~/models/teams.server';
import { todayInTokyo } from '~/utils/clock';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { submitOnce } from '~/models/submissions.server';
import { takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { quickAdd } from '~/utils/quick-add.server';
import { TeamRecordsLink } from '~/components/TeamRecordsLink';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `活動記録 | ${data.team.municipalityName}チーム | 人マネ トラッカー` : '活動記録' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const url = new URL(request.url);
  const kindParam = url.searchParams.get('kind') ?? '';
  const kind = (activityKinds.codes as readonly string[]).includes(kindParam) ? (kindParam as ActivityKind) : undefined;
  const member = Number(url.searchParams.get('member')) || undefined;
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  // A week of the dashboard's activity chart links here as ?from=…&to=…; anything else is ignored.
  const day = (name: string) => {
    const value = url.searchParams.get(name) ?? '';
    const parsed = new Date(`${value}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? value : '';
  };
  const from = day('from');
  const to = day('to');
  const [entries, members] = await Promise.all([
    listActivities(team.id, access.interviewVisibilities, { kind, personId: member, q: q || undefined, from: from || undefined, to: to || undefined }),
    listTeamMembers(team.id),
  ]);
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      canWrite: access.write,
      entries: entries.map(timelineEntry),
      members,
      filter: { kind: kind ?? '', member: member ? String(member) : '', q, from, to },
      filtered: Boolean(kind || member || q || from || to),
      today: todayInTokyo(),
      notice,
    },
    { headers },
  );
}

export const intents = { quick: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  return submitOnce(formData, viewer.userId, () => quickAdd(request, formData, team, viewer));
}

export default function ActivityLog() {
  const { team, links, canWrite, entries, members, filter, filtered, today, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const base = `/teams/${team.id}/activities`;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <SavedNotice notice={notice} />
      {canWrite ? (
        <QuickAdd
          key={notice?.id ?? 'first'}
          kinds={pickableKinds()}
          today={today}
          lastResult={lastResult}
          interviewHref={`/teams/${team.id}/interviews/new`}
        />
      ) : null}

      <nav className="activity-actions" aria-label="活動記録の操作">
        {canWrite ? (
          <Link className="button button--secondary" to={`${base}/new`}>
            詳しく記録する
          </Link>
        ) : null}
        <Link to={`${base}/summary`}>1年間の活動回数・時間</Link>
        <a href={`${base}.csv`} download>
          CSVで書き出す
        </a>
        <TeamRecordsLink teamId={team.id} />
        {canWrite ? <Link to={`${base}/import`}>CSVから読み込む</Link> : null}
        {canWrite ? <Link to={`${base}/archived`}>削除した記録</Link> : null}
      </nav>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">活動の記録（{counted(entries.length, '件')}）</h2>
        <Form method="get" className="filters" role="search">
          <div className="field">
            <label htmlFor="filter-q">キーワード</label>
            <input id="filter-q" name="q" type="search" defaultValue={filter.q} placeholder="例: 対話" />
          </div>
          <div className="field">
            <label htmlFor="filter-kind">種別</label>
            <select id="filter-kind" name="kind" defaultValue={filter.kind}>
              <option value="">すべて</option>
              {activityKinds.codes.map((k) => (
                <option key={k} value={k}>
                  {activityKinds.label[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-member">参加者</label>
            <select id="filter-member" name="member" defaultValue={filter.member}>
              <option value="">すべて</option>
              {members.map((m) => (
                <option key={m.personId} value={m.personId}>
                  {m.fullName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-from">期間（から）</label>
            <input id="filter-from" name="from" type="date" defaultValue={filter.from} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">期間（まで）</label>
            <input id="filter-to" name="to" type="date" defaultValue={filter.to} />
          </div>
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
          {filtered ? <Link to={base}>条件をクリア</Link> : null}
        </Form>
        {entries.length === 0 ? (
          <p className="muted">{filtered ? '条件に合う記録はありません。' : 'まだ記録がありません。'}</p>
        ) : (
          <ActivityTimeline teamId={team.id} entries={entries} highlight={notice?.id ?? undefined} />
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
