import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { sessionMarkers } from './session-markers';

// The one place chart.js is configured: only the parts the charts use (never chart.js/auto, which
// would ship every controller). Imported only by the lazily loaded ChartCanvas.

// A downloaded PNG would otherwise have a transparent background and read badly in documents.
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

let registered = false;

/**
 * Registers once. A function rather than a bare side-effect import: the package is marked
 * "sideEffects": false, so the bundler would drop `import './register'`.
 */
export function registerCharts() {
  if (registered) return;
  registered = true;
  Chart.register(
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Tooltip,
    Legend,
    Decimation,
    sessionMarkers,
    whiteBackground,
  );
  Chart.defaults.font.family = 'system-ui, "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif';
  Chart.defaults.color = '#1a1a1c';
  Chart.defaults.animation = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? false : { duration: 400 };
}
