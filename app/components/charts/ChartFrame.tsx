import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ChartSpec } from './types';

// Every chart sits in this frame: a title, the canvas (loaded lazily, in the browser only, so
// pages without charts ship no chart code and the server renders no canvas), a PNG download, and
// the table twin, always rendered, so the figures read without JavaScript and with a screen reader.

const ChartCanvas = lazy(() => import('./ChartCanvas'));

type Props = {
  title: string;
  /** File name of the PNG download, without extension. */
  fileName: string;
  spec: ChartSpec;
  /** The table twin: the same numbers as the chart. */
  children: ReactNode;
  onWeek?: (week: string) => void;
  height?: number;
  /** Open the table by default (small tables that are as useful as the chart). */
  tableOpen?: boolean;
};

export function ChartFrame({ title, fileName, spec, children, onWeek, height = 320, tableOpen = false }: Props) {
  const [inBrowser, setInBrowser] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => setInBrowser(true), []);

  function download() {
    const canvas = box.current?.querySelector('canvas');
    if (!canvas) return;
    const link = document.createElement('a');
    link.href = canvas.toDataURL('image/png');
    link.download = `${fileName}.png`;
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
