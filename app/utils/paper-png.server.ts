import { createRequire } from 'node:module';
import path from 'node:path';
import type { Svg } from '~/domain/paper-charts';

// SVG → PNG for the joint paper's charts (docs/decisions/0023). resvg draws text with the Noto Sans JP file of
// @expo-google-fonts/noto-sans-jp and never looks at the system's fonts, so Japanese labels come out the same on
// a fresh server as here. resvg is imported when a paper is written, not when the server starts.

const fontFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/package.json')),
  '400Regular',
  'NotoSansJP_400Regular.ttf',
);

export type Png = { data: Uint8Array; width: number; height: number };

/** How resvg is told to draw text: with the shipped font only. */
export const fontOptions = { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'Noto Sans JP' };

/** PNGs of the charts, drawn at twice their size (sharp when printed); in parallel on libuv's threads. */
export async function renderPngs(charts: Svg[], scale = 2): Promise<Png[]> {
  if (charts.length === 0) return [];
  const { renderAsync } = await import('@resvg/resvg-js');
  return Promise.all(
    charts.map(async (chart) => {
      const image = await renderAsync(chart.svg, {
        font: fontOptions,
        fitTo: { mode: 'width', value: Math.round(chart.width * scale) },
        background: '#ffffff',
      });
      return { data: new Uint8Array(image.asPng()), width: image.width, height: image.height };
    }),
  );
}
