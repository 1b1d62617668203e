import { Link } from '~/components/Link';
import { ChartFrame } from '~/components/charts/ChartFrame';
import type { LinesSpec } from '~/components/charts/types';
import { formatEraDate } from '~/utils/dates';
import { ScrollRegion } from '~/components/ScrollRegion';
import { escapeMarkup } from '~/utils/markup';

type Props = {
  spec: LinesSpec;
  title?: string;
  subject: string;
  note?: string;
  /** Open the table twin (on the モヤモヤ page, where the table is how a member reads back the notes). */
  tableOpen?: boolean;
  /**
   * Where the notes are read, when this page's table leaves them out (概要): the table twin is then a grid,
   * one row per date and a column per line, the same numbers as the chart in a quarter of the markup.
   */
  notesHref?: string;
};

/** モヤモヤ curves (0–100%) with the sessions marked; the table lists every point (with its note, or as a grid). */
export function MoyamoyaChart({ spec, title = 'モヤモヤ指数の推移', subject, note, tableOpen, notesHref }: Props) {
  const empty = spec.series.every((s) => s.points.length === 0);
  return (
    <ChartFrame title={title} subject={subject} spec={spec} tableOpen={tableOpen}>
      {note ? <p className="muted">{note}</p> : null}
      {empty ? (
        <p className="muted">まだ記録がありません。</p>
      ) : notesHref ? (
        <>
          <GridTable spec={spec} />
          <p className="muted">
            ひとこと・メモは<Link to={notesHref}>モヤモヤのページ</Link>の表で読めます。
          </p>
        </>
      ) : (
        <NotesTable spec={spec} />
      )}
    </ChartFrame>
  );
}

/** Every point on its own row, with its note: date, whose, figure, note. */
function NotesTable({ spec }: { spec: LinesSpec }) {
  const rows = spec.series
    .flatMap((s) => s.points.map((p) => ({ ...p, label: s.label })))
    .sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label, 'ja'));
  return (
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
  );
}

/**
 * One row per date, a column per line (the chart's legend order); a line with no figure that day shows —, one
 * with two (two sessions starting the same day) shows both, in the line's order.
 */
function GridTable({ spec }: { spec: LinesSpec }) {
  return (
    <ScrollRegion label="モヤモヤ指数の表">
      <table className="data-table lines-grid" data-twin="lines-grid">
        <thead>
          <tr>
            <th scope="col">日付</th>
            {spec.series.map((s, i) => (
              <th scope="col" key={i} className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        {/* Written as text (gridRows): a year's rows were ~200 elements React built on every view of 概要. */}
        <tbody dangerouslySetInnerHTML={{ __html: gridRows(spec) }} />
      </table>
    </ScrollRegion>
  );
}

/** The grid's rows as markup, byte for byte what React wrote for them (MoyamoyaChart.test.tsx). */
export function gridRows(spec: LinesSpec): string {
  const dates = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const levels = spec.series.map((s) => {
    const byDate = new Map<string, number[]>();
    for (const p of s.points) byDate.set(p.date, [...(byDate.get(p.date) ?? []), p.level]);
    return byDate;
  });
  let rows = '';
  for (const date of dates) {
    rows += `<tr data-date="${escapeMarkup(date)}"><th scope="row" class="nowrap">${escapeMarkup(formatEraDate(date))}</th>`;
    for (const byDate of levels) {
      const figures = byDate.get(date);
      rows += `<td class="num">${figures ? escapeMarkup(figures.map((level) => `${level}%`).join('・')) : '—'}</td>`;
    }
    rows += '</tr>';
  }
  return rows;
}
