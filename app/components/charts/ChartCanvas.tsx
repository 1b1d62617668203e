import type { ChartConfiguration, ChartData, TooltipItem } from 'chart.js';
import { Chart as ReactChart } from 'react-chartjs-2';
import { formatEraDate } from '~/utils/dates';
import { dashes, kindColor, lineColor } from './palette';
import { dayOfYear, isoOfDay, monthTicks, shortDate, weekIndex } from './geometry';
import { registerCharts } from './register';
import type { KindsSpec, LinesSpec, SessionMark, SharesSpec, WeeklySpec, ChartSpec } from './types';

// Loaded lazily (see ChartFrame): this module and chart.js reach the browser only on pages that draw.

registerCharts();

type Placed = { label: string; date: string; x: number };

/** What the session-markers plugin draws (and what the page exposes for tests). */
function sessionLines(marks: Placed[], position: 'top' | 'bottom') {
  return { marks: marks.map((m) => ({ x: m.x, label: m.label })), position };
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

function weekly(spec: WeeklySpec, onWeek?: (week: string) => void): { config: ChartConfiguration; marks: Placed[] } {
  const marks = spec.sessions.map((s) => ({ ...s, x: weekIndex(spec.weeks, s.date) })).filter((m) => m.x >= 0);
  const data = {
    labels: spec.weeks.map(shortDate),
    datasets: [
      ...spec.series.map((s) => ({
        type: 'bar' as const,
        label: s.label,
        data: s.hours,
        backgroundColor: kindColor[s.kind],
        stack: 'kinds',
        yAxisID: 'y',
        order: 2,
      })),
      {
        type: 'line' as const,
        label: '累計時間',
        data: spec.cumulativeHours,
        borderColor: lineColor.cumulative,
        backgroundColor: lineColor.cumulative,
        yAxisID: 'total',
        pointRadius: 0,
        borderWidth: 2,
        order: 1,
      },
    ],
  } as ChartData<'bar'>;
  // Left untyped and cast once: chart.js's mixed bar/line option types are too deep for tsc.
  const options = {
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    onClick: (_event: unknown, elements: { index: number }[]) => {
      const hit = elements[0];
      if (hit && onWeek) onWeek(spec.weeks[hit.index]!);
    },
    scales: {
      x: { stacked: true, title: { display: true, text: '週（月曜日の日付）' }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
      y: { stacked: true, beginAtZero: true, title: { display: true, text: '活動時間（時間／週）' } },
      total: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '累計時間（時間）' } },
    },
    plugins: {
      legend: { position: 'bottom' },
      tooltip: {
        callbacks: {
          title: (items: TooltipItem<'bar'>[]) => (items[0] ? `${formatEraDate(spec.weeks[items[0].dataIndex]!)}からの週` : ''),
          label: (item: TooltipItem<'bar'>) => `${item.dataset.label}: ${oneDecimal(Number(item.raw))}時間`,
        },
      },
      // Labels at the top, clear of the bars.
      sessionMarkers: sessionLines(marks, 'top'),
    },
  };
  return { config: { type: 'bar', data, options } as unknown as ChartConfiguration, marks };
}

type XY = { x: number; y: number; date: string; note: string };

function lines(spec: LinesSpec): { config: ChartConfiguration; marks: Placed[] } {
  const marks = spec.sessions.map((s) => ({ ...s, x: dayOfYear(spec.fiscalYear, s.date) }));
  const ticks = monthTicks(spec.fiscalYear);
  let member = 0;
  // Untyped and cast once, as above.
  const config = {
    type: 'line',
    data: {
      datasets: spec.series.map((s) => {
        const n = s.emphasis ? -1 : member++;
        const color = s.emphasis ? lineColor.team : lineColor.members[n % lineColor.members.length]!;
        return {
          label: s.label,
          data: s.points.map((p) => ({ x: dayOfYear(spec.fiscalYear, p.date), y: p.level, date: p.date, note: p.note ?? '' })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: s.emphasis ? 3 : 2,
          borderDash: s.emphasis ? [] : dashes[(n + 1) % dashes.length],
          pointRadius: s.emphasis ? 4 : 3,
          pointStyle: s.emphasis ? 'rectRot' : 'circle',
        };
      }),
    },
    options: {
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: dayOfYear(spec.fiscalYear, `${spec.fiscalYear + 1}-03-31`),
          title: { display: true, text: '月' },
          afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
            scale.ticks = ticks.map((t) => ({ value: t.value }));
          },
          ticks: { callback: (value: number | string) => ticks.find((t) => t.value === value)?.label ?? isoOfDay(spec.fiscalYear, Number(value)) },
        },
        y: { min: 0, max: 100, title: { display: true, text: 'モヤモヤ指数（％）' }, ticks: { callback: (v: number | string) => `${v}%` } },
      },
      plugins: {
        legend: { position: 'bottom' },
        // Daily check-ins of three members over years can pass a thousand points.
        decimation: { enabled: true, algorithm: 'lttb', samples: 500, threshold: 1000 },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items[0] ? formatEraDate((items[0].raw as XY).date) : ''),
            label: (item: TooltipItem<'line'>) => `${item.dataset.label}: ${(item.raw as XY).y}%`,
            afterLabel: (item: TooltipItem<'line'>) => (item.raw as XY).note || '',
          },
        },
        // Labels at the bottom: モヤモヤ is highest early in the year, near the top.
        sessionMarkers: sessionLines(marks, 'bottom'),
      },
    },
  };
  return { config: config as unknown as ChartConfiguration, marks };
}

function kinds(spec: KindsSpec): { config: ChartConfiguration; marks: Placed[] } {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: spec.rows.map((r) => r.label),
      datasets: [{ label: '活動時間', data: spec.rows.map((r) => r.hours), backgroundColor: spec.rows.map((r) => kindColor[r.kind]) }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: { beginAtZero: true, title: { display: true, text: '活動時間（時間）' } }, y: { title: { display: true, text: '種類' } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${oneDecimal(Number(item.raw))}時間（${spec.rows[item.dataIndex]!.count}回）` } },
      },
    },
  };
  return { config: config as ChartConfiguration, marks: [] };
}

const percentTicks = { callback: (v: number | string) => `${v}%` };
const shareLabel = (o: SharesSpec['options'][number]) => `${o.label}: ${o.percent}%${o.count === null ? '' : `（${o.count.toLocaleString('ja-JP')}件）`}`;

/**
 * A survey question: one 100% bar of its options, or a bar per option of a multiple-choice question. Drawn
 * at once (no growing animation): a page of many questions is read, printed and saved as PNG as it opens.
 */
function shares(spec: SharesSpec): { config: ChartConfiguration; marks: Placed[] } {
  const multiple = spec.kind === 'multiple';
  const config: ChartConfiguration<'bar'> = multiple
    ? {
        type: 'bar',
        data: {
          labels: spec.options.map((o) => o.label),
          datasets: [{ label: '選んだ人の割合', data: spec.options.map((o) => o.percent), backgroundColor: spec.options.map((o) => o.color) }],
        },
        options: {
          animation: false,
          indexAxis: 'y',
          maintainAspectRatio: false,
          scales: { x: { min: 0, max: 100, ticks: percentTicks, title: { display: true, text: '回答した人に占める割合（複数回答）' } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => shareLabel(spec.options[item.dataIndex]!) } } },
        },
      }
    : {
        type: 'bar',
        data: {
          labels: ['回答'],
          datasets: spec.options.map((o) => ({ label: o.label, data: [o.percent], backgroundColor: o.color, borderColor: '#ffffff', borderWidth: 1 })),
        },
        options: {
          animation: false,
          indexAxis: 'y',
          maintainAspectRatio: false,
          scales: {
            x: { stacked: true, min: 0, max: 100, ticks: percentTicks, title: { display: true, text: '回答した人に占める割合' } },
            y: { stacked: true, display: false },
          },
          plugins: {
            legend: { position: 'bottom' },
            tooltip: { callbacks: { title: () => '', label: (item) => shareLabel(spec.options[item.datasetIndex]!) } },
          },
        },
      };
  return { config: config as ChartConfiguration, marks: [] };
}

export type ChartCanvasProps = { spec: ChartSpec; label: string; onWeek?: (week: string) => void };

export default function ChartCanvas({ spec, label, onWeek }: ChartCanvasProps) {
  const { config, marks } =
    spec.type === 'weekly' ? weekly(spec, onWeek) : spec.type === 'lines' ? lines(spec) : spec.type === 'shares' ? shares(spec) : kinds(spec);
  return (
    <div className="chart-canvas" data-session-marks={JSON.stringify(marks satisfies (SessionMark & { x: number })[])}>
      <ReactChart type={config.type} data={config.data} options={config.options} aria-label={label} role="img">
        {label}
      </ReactChart>
    </div>
  );
}
