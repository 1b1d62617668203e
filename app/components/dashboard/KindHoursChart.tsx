import { ChartFrame } from '~/components/charts/ChartFrame';
import { kindColor } from '~/components/charts/palette';
import type { KindsSpec } from '~/components/charts/types';
import { counted, decimal, hours } from '~/utils/format';

/** Hours by kind, with the counts summary as its table twin (open: it is as useful as the chart). */
export function KindHoursChart({ spec, total, subject }: { spec: KindsSpec; total: { count: number; minutes: number }; subject: string }) {
  return (
    <ChartFrame title="種類別の活動時間" subject={subject} spec={spec} height={Math.max(160, spec.rows.length * 32 + 60)} tableOpen>
      <table className="data-table" data-twin="kinds">
        <thead>
          <tr>
            <th scope="col">種類</th>
            <th scope="col">回数</th>
            <th scope="col">時間</th>
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((r) => (
            <tr key={r.kind} data-kind={r.kind} data-count={r.count} data-hours={r.hours}>
              <th scope="row">
                <span className="swatch" style={{ background: kindColor[r.kind] }} aria-hidden="true" />
                {r.label}
              </th>
              <td className="num">{counted(r.count, '回')}</td>
              <td className="num">{decimal(r.hours)}時間</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total-count={total.count}>
            <th scope="row">合計</th>
            <td className="num">{counted(total.count, '回')}</td>
            <td className="num">{hours(total.minutes)}</td>
          </tr>
        </tfoot>
      </table>
    </ChartFrame>
  );
}
