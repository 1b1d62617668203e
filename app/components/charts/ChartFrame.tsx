import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ChartSpec } from './types';

// Every chart sits in this frame: a title, the canvas (loaded lazily, in the browser only, so
// pages without charts ship no chart code and the server renders no canvas), a PNG download, and
// the table twin, always rendered, so the figures read without JavaScript and with a screen reader.

const ChartCanvas = lazy(() => import('./ChartCanvas'));

type Props = {
  title: string;
  /** Whose chart it is (甲府市チーム 令和8年度): drawn above the title on the PNG and first in its file name. */
  subject: string;
  spec: ChartSpec;
  /** The table twin: the same numbers as the chart. */
  children: ReactNode;
  onWeek?: (week: string) => void;
  height?: number;
  /** Open the table by default (small tables that are as useful as the chart). */
  tableOpen?: boolean;
};

/** 甲府市チーム_令和8年度_モヤモヤ指数の推移.png: what a person saves it as, without characters Windows refuses. */
export function chartFileName(subject: string, title: string) {
  return `${subject}_${title}`.replace(/[\\/:*?"<>|\s]+/g, '_') + '.png';
}

export function ChartFrame({ title, subject, spec, children, onWeek, height = 320, tableOpen = false }: Props) {
  const [inBrowser, setInBrowser] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => setInBrowser(true), []);

  // The saved picture says what it shows: the subject and the title above the chart, on white, as it is
  // pasted into a report.
  function download() {
    const canvas = box.current?.querySelector('canvas');
    if (!canvas) return;
    const scale = canvas.width / canvas.clientWidth || 1;
    const head = Math.round(56 * scale);
    const page = document.createElement('canvas');
    page.width = canvas.width;
    page.height = canvas.height + head;
    const context = page.getContext('2d');
    if (!context) return;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, page.width, page.height);
    context.fillStyle = '#1a1a1c';
    context.font = `${Math.round(13 * scale)}px sans-serif`;
    context.fillText(subject, Math.round(8 * scale), Math.round(20 * scale));
    context.font = `bold ${Math.round(17 * scale)}px sans-serif`;
    context.fillText(title, Math.round(8 * scale), Math.round(44 * scale));
    context.drawImage(canvas, 0, head);
    const link = document.createElement('a');
    link.href = page.toDataURL('image/png');
    link.download = chartFileName(subject, title);
    link.click();
  }

  return (
    <figure className="chart" aria-labelledby={headingId} data-chart={spec.type}>
      <figcaption className="chart__head">
        <h3 id={headingId}>{title}</h3>
        {inBrowser ? (
          <button type="button" className="button-secondary chart__download" onClick={download}>
            PNGで保存
          </button>
        ) : null}
      </figcaption>
      <div className="chart__box" ref={box} style={{ height }}>
        {inBrowser ? (
          <Suspense fallback={<p className="muted">グラフを読み込んでいます…</p>}>
            <ChartCanvas spec={spec} label={`${title}（数値は下の表にあります）`} onWeek={onWeek} />
          </Suspense>
        ) : (
          <p className="muted">グラフはJavaScriptが有効なときに表示されます。数値は下の表をご覧ください。</p>
        )}
      </div>
      <details className="chart__table" open={tableOpen}>
        <summary>表で見る</summary>
        {children}
      </details>
    </figure>
  );
}
