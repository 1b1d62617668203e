import { EraDate } from '~/components/EraDate';
import { counted, daysAgo, decimal, hours } from '~/utils/format';

// One card per figure, each beside the cohort median of the year. Only the median is shown of the
// other teams: never a name, never a rank.

type Metrics = {
  activities: number;
  minutes: number;
  interviews: number;
  lastActivityOn: string | null;
  daysSinceActivity: number | null;
  sheetVersion: number;
  sheetUpdatedAt: string | null;
  preassignmentsTotal: number;
  preassignmentsSubmitted: number;
  preassignmentsOverdue: number;
  latestMoyamoya: number | null;
};
type Medians = {
  teams: number;
  activities: number | null;
  minutes: number | null;
  interviews: number | null;
  daysSinceActivity: number | null;
  sheetVersion: number | null;
  preassignmentsSubmitted: number | null;
  latestMoyamoya: number | null;
};

const num = (n: number | null, unit: string) => (n === null ? '—' : `${decimal(n)}${unit}`);

function Card({ id, label, value, median, children }: { id: string; label: string; value: React.ReactNode; median: string; children?: React.ReactNode }) {
  return (
    <li data-card={id}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {children}
      <span className="stat-median" data-median>
        全体の中央値：{median}
      </span>
    </li>
  );
}

export function CohortCards({ metrics: m, medians }: { metrics: Metrics; medians: Medians }) {
  return (
    <>
      <ul className="stats stats--cohort">
        <Card id="activities" label="活動回数" value={counted(m.activities, '回')} median={num(medians.activities, '回')} />
        <Card id="hours" label="活動時間" value={hours(m.minutes)} median={medians.minutes === null ? '—' : hours(medians.minutes)} />
        <Card id="interviews" label="キーパーソンインタビュー" value={counted(m.interviews, '件')} median={num(medians.interviews, '件')} />
        <Card
          id="last-activity"
          label="最後の活動"
          value={m.lastActivityOn ? <EraDate iso={m.lastActivityOn} western={false} /> : '—'}
          median={medians.daysSinceActivity === null ? '—' : daysAgo(medians.daysSinceActivity)}
        >
          {m.daysSinceActivity !== null ? <span className="muted">（{daysAgo(m.daysSinceActivity)}）</span> : null}
        </Card>
        <Card id="sheet" label="変革ストーリーシート" value={m.sheetVersion ? `第${m.sheetVersion}版` : '未作成'} median={num(medians.sheetVersion, '版')}>
          {m.sheetUpdatedAt ? (
            <span className="muted">
              最終更新 <EraDate iso={m.sheetUpdatedAt} western={false} />
            </span>
          ) : null}
        </Card>
        <Card
          id="preassignments"
          label="事前課題の提出"
          value={`${m.preassignmentsSubmitted}／${m.preassignmentsTotal}件`}
          median={num(medians.preassignmentsSubmitted, '件')}
        >
          {m.preassignmentsOverdue ? <span className="flag">期限を過ぎた未提出 {counted(m.preassignmentsOverdue, '件')}</span> : null}
        </Card>
        <Card id="moyamoya" label="最新のモヤモヤ指数（チーム）" value={num(m.latestMoyamoya, '%')} median={num(medians.latestMoyamoya, '%')} />
      </ul>
      <p className="muted">中央値は今年度の{counted(medians.teams, 'チーム')}の値から求めています。</p>
    </>
  );
}
