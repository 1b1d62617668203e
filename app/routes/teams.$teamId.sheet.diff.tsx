import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { DiffLegend, SheetDiffView } from '~/components/sheet/SheetDiffView';
import { TeamHeader } from '~/components/TeamHeader';
import { diffSheets } from '~/domain/sheet-diff';
import { getCurrentSheet, getSheetVersion } from '~/models/sheets.server';
import { formatDateTime } from '~/utils/dates';
import { requireIdParam } from '~/utils/http.server';
import { denyNotFound, requireTeam } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '版の比較 | 変革ストーリーシート | 人マネ トラッカー' }];

function versionParam(value: string | null, fallback: number) {
  if (value === null || value === '') return fallback;
  return /^[1-9]\d{0,6}$/.test(value) ? Number(value) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readSheet');
  const links = { readProgress: access.readProgress, readSheet: access.readSheet };
  const current = await getCurrentSheet(team.id);
  if (!current || current.version < 2) return { team, links, compare: null };
  const search = new URL(request.url).searchParams;
  const to = versionParam(search.get('to'), current.version);
  const from = versionParam(search.get('from'), (to ?? current.version) - 1);
  const [a, b] = from && to ? await Promise.all([getSheetVersion(team.id, from), getSheetVersion(team.id, to)]) : [];
  if (!a || !b) return denyNotFound(request, viewer, { teamId: team.id, from, to });
  const describe = (v: typeof a) => ({ version: v.version, tag: v.tag, savedAt: v.savedAt, authorName: v.authorName, message: v.message });
  return { team, links, compare: { from: describe(a), to: describe(b), diffs: diffSheets(a.content, b.content) } };
}

export default function SheetDiff() {
  const { team, links, compare } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/sheet/history`}>履歴に戻る</Link>
      </p>
      {!compare ? (
        <p>比較できる版がまだありません（2つ以上の版が必要です）。</p>
      ) : (
        <>
          <h2 className="page-title">
            第{compare.from.version}版と第{compare.to.version}版の比較
          </h2>
          <dl className="facts">
            {[compare.from, compare.to].map((v) => (
              <div key={v.version} className="facts__row">
                <dt>
                  第{v.version}版{v.tag ? `（${v.tag}）` : ''}
                </dt>
                <dd>
                  {formatDateTime(v.savedAt)}
                  {v.authorName ? `・${v.authorName}` : ''}
                  {v.message ? `・「${v.message}」` : ''}
                </dd>
              </div>
            ))}
          </dl>
          <DiffLegend left={`第${compare.from.version}版`} right={`第${compare.to.version}版`} />
          <SheetDiffView diffs={compare.diffs} left={`第${compare.from.version}版`} right={`第${compare.to.version}版`} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
