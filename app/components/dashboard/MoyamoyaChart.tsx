import { ChartFrame } from '~/components/charts/ChartFrame';
import type { LinesSpec } from '~/components/charts/types';
import { formatEraDate } from '~/utils/dates';
import { ScrollRegion } from '~/components/ScrollRegion';

/** モヤモヤ curves (0–100%) with the sessions marked; the table lists every point with its note. */
export function MoyamoyaChart({
  spec,
  title = 'モヤモヤ指数の推移',
  subject,
  note,
  tableOpen,
}: {
  spec: LinesSpec;
  title?: string;
  subject: string;
  note?: string;
  /** Open the table twin (on the モヤモヤ page, where the table is how a member reads back the notes). */
  tableOpen?: boolean;
}) {
  const rows = spec.series
    .flatMap((s) => s.points.map((p) => ({ ...p, label: s.label })))
    .sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label, 'ja'));
  return (
    <ChartFrame title={title} subject={subject} spec={spec} tableOpen={tableOpen}>
      {note ? <p className="muted">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="muted">まだ記録がありません。</p>
      ) : (
        <ScrollRegion label="モヤモヤ指数の表">
          <table className="data-table lines-twin" data-twin="lines">
            <thead>
              <tr>
                <th scope="col">日付</th>
                <th scope="col">対象</th>
                <th scope="col">モヤモヤ指数</th>
                <th scope="col">メモ</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-date={r.date} data-series={r.label} data-level={r.level}>
                  <td className="lines-twin__date">{formatEraDate(r.date)}</td>
                  <td className="lines-twin__who">{r.label}</td>
                  <td className="num">{r.level}%</td>
                  <td className="lines-twin__note">{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </ChartFrame>
  );
}
