import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { organizerRoles, type OrganizerRole } from '~/domain/codes';
import { listTeamReaders, type ReaderKind, type TeamReader } from '~/models/team-readers.server';
import { currentFiscalYear } from '~/utils/clock';
import { formatEraDate, tokyoDateOf } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'このチームを見られる人 | 人マネ トラッカー' }];

// The team's own members and organizers see who else can read the team's records: nobody has to trust
// an invisible list (docs/access.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'write');
  const readers = await listTeamReaders(team, currentFiscalYear());
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    readers: readers.map((r) => ({ ...r, detail: detailOf(r), since: tokyoDateOf(r.since) })),
  };
}

function detailOf(reader: TeamReader) {
  if (reader.kind === 'organizer') return organizerRoles.label[reader.detail as OrganizerRole] ?? '';
  if (reader.kind === 'alumni') return `${reader.detail}年度のチーム`;
  if (reader.kind === 'partner') return `${reader.detail}チーム`;
  return reader.detail;
}

// What each scope reads (app/utils/permissions.ts, grants), in the words of the interview form.
const groups: { kinds: ReaderKind[]; title: string; reads: string }[] = [
  { kinds: ['member'], title: 'チームのメンバー', reads: 'すべての記録（「チーム内のみ」の記録も）を読み、書けます。' },
  {
    kinds: ['hr', 'alumni', 'mentor'],
    title: '人事課・自治体のマネ友・メンター',
    reads: '活動記録・ダッシュボード・シートと、公開範囲が「自治体まで」「研究会全体」の記録を読めます。コメントを書けます。',
  },
  {
    kinds: ['organizer'],
    title: '事務局・幹事',
    reads: '活動記録・ダッシュボード・シートと、公開範囲が「研究会全体」の記録を読めます。「チーム内のみ」「自治体まで」の記録は読めません。',
  },
  { kinds: ['partner'], title: '対話自治体のメンバー', reads: 'シートと、公開範囲が「研究会全体」の記録を読めます。コメントを書けます。' },
];

const kindLabel: Record<ReaderKind, string> = {
  member: 'メンバー',
  hr: '人事課',
  alumni: 'マネ友',
  mentor: 'メンター',
  organizer: '事務局・幹事',
  partner: '対話自治体',
};

export default function TeamAccessPage() {
  const { team, links, readers } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>このチームを見られる人</h2>
      <p>いま、このチームの記録を読める人の一覧です。権限を付けたり外したりするのは事務局です。心当たりのない人がいれば、事務局に伝えてください。</p>
      {groups.map((group) => {
        const people = readers.filter((r) => group.kinds.includes(r.kind));
        return (
          <section key={group.title} aria-labelledby={`readers-${group.kinds[0]}`}>
            <h3 id={`readers-${group.kinds[0]}`}>
              {group.title}（{counted(people.length, '名')}）
            </h3>
            <p className="hint">{group.reads}</p>
            {people.length === 0 ? <p className="muted">いません。</p> : null}
            <ul className="plain-list">
              {people.map((r) => (
                <li key={`${r.kind}-${r.userId}`}>
                  {r.name}
                  {group.kinds.length > 1 ? <span className="tag">{kindLabel[r.kind]}</span> : null}
                  {r.detail ? <span className="cell-note">（{r.detail}）</span> : null}
                  <div className="cell-note">{formatEraDate(r.since)}から</div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <p className="hint">
        年度が終わったチームのシート（変革ストーリーシート）は、研究会に参加した人・参加していた人なら誰でも読めます（マネ友名簿から探せます）。それ以外の記録は、この一覧の人だけが読めます。
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
