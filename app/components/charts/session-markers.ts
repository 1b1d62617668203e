import type { Chart, Plugin } from 'chart.js';

// Study sessions as dashed vertical lines labelled 第N回. A small plugin of our own rather than
// chartjs-plugin-annotation: that plugin alone adds about 13 KB gzipped, which would take the
// chart chunk over its 70 KB budget (chart.js with the parts we use is already about 60 KB).

export type SessionMarkerOptions = { marks?: { x: number; label: string }[]; position?: 'top' | 'bottom' };

export const sessionMarkers: Plugin<'bar' | 'line', SessionMarkerOptions> = {
  id: 'sessionMarkers',
  defaults: { marks: [], position: 'bottom' },
  afterDatasetsDraw(chart: Chart, _args, options: SessionMarkerOptions) {
    const scale = chart.scales.x;
    if (!scale || !options.marks?.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = `11px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const mark of options.marks) {
      const x = scale.getPixelForValue(mark.x);
      if (x < chartArea.left || x > chartArea.right) continue;
      ctx.strokeStyle = '#555555';
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      const y = options.position === 'top' ? chartArea.top + 10 : chartArea.bottom - 10;
      const width = ctx.measureText(mark.label).width + 8;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillRect(x - width / 2, y - 8, width, 16);
      ctx.fillStyle = '#333333';
      ctx.fillText(mark.label, x, y);
    }
    ctx.restore();
  },
};
