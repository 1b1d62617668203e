import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Budgets for what browsers download, read from the production build (`remix build`; `npm test`
// builds before it runs vitest). Charts are loaded lazily: only the pages that draw them may
// reference the chart chunk, and only through a dynamic import.

const buildDir = path.resolve('public/build');
const kb = 1024;
const rootBudget = 100 * kb;
const chartBudget = 70 * kb;
const chartRoutes = [
  'routes/teams.$teamId._index',
  'routes/teams.$teamId.moyamoya',
  'routes/hr._index',
  'routes/admin._index',
  'routes/teams.$teamId.surveys.$surveyId',
];

type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

function readManifest(): Manifest {
  if (!fs.existsSync(buildDir)) throw new Error('public/build is missing: run `npx remix build` first');
  // The newest manifest is the current build (older builds may leave theirs behind).
  const [newest] = fs
    .readdirSync(buildDir)
    .filter((f) => /^manifest-.*\.js$/.test(f))
    .map((f) => path.join(buildDir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!newest) throw new Error('no manifest in public/build: run `npx remix build` first');
  const text = fs.readFileSync(newest, 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Manifest;
}

const fileOf = (url: string) => path.join(buildDir, url.replace(/^\/build\//, ''));
const read = (url: string) => fs.readFileSync(fileOf(url), 'utf8');
const gzipped = (urls: Iterable<string>) => [...new Set(urls)].reduce((sum, url) => sum + gzipSync(fs.readFileSync(fileOf(url))).length, 0);

/** The module and every chunk it imports statically, followed transitively. */
function staticClosure(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    for (const m of read(url).matchAll(/(?:from|import)\s*"(\/build\/[^"]+\.js)"/g)) queue.push(m[1]!);
  }
  return seen;
}

const manifest = readManifest();
const rootFiles = staticClosure([
  manifest.entry.module,
  ...(manifest.entry.imports ?? []),
  manifest.routes.root!.module,
  ...(manifest.routes.root!.imports ?? []),
]);
const chartChunk = fs.readdirSync(path.join(buildDir, '_shared')).find((f) => /^ChartCanvas-.*\.js$/.test(f));

describe('bundle budgets', () => {
  it(`root entry (entry.client, root route and the chunks they import) ≤ ${rootBudget / kb} KB gzipped`, () => {
    const size = gzipped(rootFiles);
    expect(size, `root entry is ${(size / kb).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(rootBudget);
  });

  it(`the chart chunk (with what it adds beyond the root entry) ≤ ${chartBudget / kb} KB gzipped`, () => {
    expect(chartChunk, 'no lazily loaded chart chunk (ChartCanvas-*.js) in the build').toBeDefined();
    const own = [...staticClosure([`/build/_shared/${chartChunk}`])].filter((url) => !rootFiles.has(url));
    const size = gzipped(own);
    expect(size, `chart chunk is ${(size / kb).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(chartBudget);
    expect(read(`/build/_shared/${chartChunk}`)).toContain('Canvas is already in use'); // it is chart.js
  });

  it('chart.js is in no file the root entry or any route loads up front', () => {
    for (const [id, route] of Object.entries(manifest.routes)) {
      for (const url of staticClosure([route.module, ...(route.imports ?? [])])) {
        expect(url.includes('ChartCanvas-'), `${id} imports the chart chunk statically`).toBe(false);
        expect(read(url).includes('Canvas is already in use'), `${id}: ${url} holds chart.js`).toBe(false);
      }
    }
  });

  // Issue 18: the joint paper's document library (docx) and chart renderer (resvg, with its font) run on the server
  // for /teams/:id/paper.docx alone. No browser file holds them, and the server imports them when a paper is written,
  // not at start-up (a static import in the server build would load them for every request).
  it('the paper’s docx and resvg reach no browser file, and the server imports them only on demand', () => {
    const files = fs.readdirSync(buildDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = fs.readFileSync(path.join(buildDir, file), 'utf8');
      // docx's part names and resvg's package name, which its loader spells out.
      expect(/wordprocessingml|@resvg\/resvg-js|NotoSansJP_400Regular/.test(text), `${file} holds the paper's document code`).toBe(false);
    }
    const server = fs.readFileSync(path.resolve('build/index.js'), 'utf8');
    for (const name of ['docx', '@resvg/resvg-js']) {
      const quoted = name.replace(/[/.]/g, (c) => `\\${c}`);
      expect(server, `the server build imports ${name} statically`).not.toMatch(new RegExp(`(?:from\\s*|import\\s*)"${quoted}"`));
      expect(server, `the server build does not load ${name} on demand`).toMatch(new RegExp(`import\\("${quoted}"\\)`));
    }
  });

  it('only the pages that draw charts reference the chart chunk, through a dynamic import', () => {
    const referencing = Object.entries(manifest.routes)
      .filter(([, route]) =>
        [...staticClosure([route.module, ...(route.imports ?? [])])].some((url) => /import\("\/build\/_shared\/ChartCanvas-/.test(read(url))),
      )
      .map(([id]) => id)
      .sort();
    expect(referencing).toEqual([...chartRoutes].sort());
  });
});
