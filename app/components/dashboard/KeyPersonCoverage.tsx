import { EraDate } from '~/components/EraDate';
import { OpenHomeworkList, OverdueFigure, type OpenHomeworkFigures } from '~/components/HomeworkDeadline';
import type { IntervieweeRole } from '~/domain/codes';
import { counted } from '~/utils/format';

type Coverage = { roles: { role: IntervieweeRole; label: string; count: number; lastOn: string | null }[]; hidden: number };

/**
 * Which kinds of key person the team has heard, as far as the viewer may read: one table, one wording,
 * on 概要 and on the インタビュー page. When some interviews are not open to the viewer, it says how many
 * and never calls a role 未実施, since one of those may be it.
 */
export function CoverageTable({ coverage }: { coverage: Coverage }) {
  const { roles, hidden } = coverage;
  return (
    <>
      <table className="data-table kp-coverage" data-twin="coverage" data-hidden={hidden}>
        <caption className="muted">
          {hidden
            ? `あなたに公開されていないインタビュー（チーム内のみ など）が${counted(hidden, '件')}あります。下の数には含まれず、その相手の区分も表示されません。`
            : 'このチームのインタビューをすべて数えています。'}
        </caption>
        <thead>
          <tr>
            <th scope="col">相手の区分</th>
            <th scope="col">インタビュー</th>
            <th scope="col">直近</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((c) => (
            <tr key={c.role} data-role={c.role} data-count={c.count} className={c.count === 0 && !hidden ? 'kp-coverage__gap' : undefined}>
              <th scope="row">{c.label}</th>
              <td className="num">{c.count ? counted(c.count, '件') : hidden ? '—' : '未実施'}</td>
              <td>{c.lastOn ? <EraDate iso={c.lastOn} western={false} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The team's 概要: which kinds of key person it has heard, and what they asked. */
export function KeyPersonCoverage({ teamId, coverage, homework }: { teamId: number; coverage: Coverage; homework: OpenHomeworkFigures }) {
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">キーパーソンの網羅状況と宿題</h2>
      <CoverageTable coverage={coverage} />
      <h3>未完了の宿題（{counted(homework.items.length, '件')}）</h3>
      <OverdueFigure overdue={homework.overdue} />
      <OpenHomeworkList teamId={teamId} items={homework.items} />
    </section>
  );
}
