import crypto from 'node:crypto';
import { readForm } from './form';
import { now } from '../../app/utils/clock';
import { planWorkday, type CastMember, type PageRoute, type SaveKind, type UserPlan } from './workday-plan';

// Runs the workday mix (workday-plan.ts) against a running server, open loop: every request is timed
// from the moment its user meant to click (the plan's time), so a slow answer that delays the user's
// next click is counted in that click too. Saves go through the real forms of the pages, as a
// browser without the page's JavaScript would post them, plus what the JavaScript adds (`_once`,
// `_edited`): open the form, fill it in for a while, post it, follow the redirect.

export type WorkdayRoute = {
  route: string;
  method: 'GET' | 'POST';
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** Any answer but the expected one (200 for a page, a redirect for a save), any timeout. */
  errors: number;
  /** Answers that are part of the plan: a sheet save refused (409) because a teammate saved first. */
  planned: number;
  statuses: Record<string, number>;
};

export type WorkdayFigures = {
  users: number;
  writers: number;
  durationSeconds: number;
  seed: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  saves: Record<SaveKind, number>;
  /** Sheet saves refused as stale (409), each followed by a re-read of the editor and a save that went through. */
  sheetConflicts: number;
  routes: WorkdayRoute[];
  /** A few of the unexpected answers, for the console. */
  errorSamples: string[];
};

export const requestTimeoutMs = 10_000;

type Sample = { route: string; method: 'GET' | 'POST'; ms: number; status: string; error: boolean; planned: boolean };

/** One person's browser: their cookies (the session and the one-time notice) and the server. */
class Browser {
  private jar = new Map<string, string>();
  constructor(
    private readonly base: string,
    sessionCookie: string,
  ) {
    const at = sessionCookie.indexOf('=');
    this.jar.set(sessionCookie.slice(0, at), sessionCookie.slice(at + 1));
  }

  async open(method: 'GET' | 'POST', path: string, body?: URLSearchParams) {
    const headers: Record<string, string> = { Cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'Accept-Encoding': 'gzip' };
    if (body) Object.assign(headers, { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.base, 'Sec-Fetch-Site': 'same-origin' });
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(requestTimeoutMs) });
    const text = await res.text();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < now().getTime()));
      if (gone) this.jar.delete(name);
      else this.jar.set(name, pair!.slice(name.length + 1));
    }
    return { status: res.status, text, location: res.headers.get('location') };
  }
}

type Recorder = (s: Sample) => void;

/** The label and address of a view: a click inside the app asks for `<path>.data` (Remix's single fetch). */
export function viewOf(page: PageRoute): [route: string, path: string] {
  if (page.navigation === 'document') return [page.route, page.path];
  const url = new URL(page.path, 'http://x');
  url.pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname.replace(/\/$/, '')}.data`;
  return [`${page.route} (.data)`, url.pathname + url.search];
}

/** Opens a page; the latency runs from `intended` (performance.now() time) to the last byte. */
async function view(browser: Browser, route: string, path: string, intended: number, record: Recorder) {
  try {
    const answer = await browser.open('GET', path);
    const ok = answer.status === 200;
    record({ route, method: 'GET', ms: performance.now() - intended, status: String(answer.status), error: !ok, planned: false });
    return ok ? answer.text : null;
  } catch (error) {
    record({ route, method: 'GET', ms: performance.now() - intended, status: timeoutOr(error), error: true, planned: false });
    return null;
  }
}

const timeoutOr = (error: unknown) => (error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error');
const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/** A form's page, how to find the form in it, where a save lands (any other redirect, say to /login, is an error). */
type FormSpec = {
  route: string;
  path: string;
  marker: string;
  saveRoute: string;
  landing: string;
  landingPath: string;
  fill: (fields: URLSearchParams) => void;
};

function formOf(kind: SaveKind, user: CastMember, n: number): FormSpec {
  const team = `/teams/${user.teamId}`;
  const edited = (fields: URLSearchParams, names: string[]) => fields.set('_edited', JSON.stringify(names));
  if (kind === 'activity') {
    return {
      route: 'activity form',
      path: `${team}/activities/new`,
      marker: 'name="intent" value="save"',
      saveRoute: 'save activity',
      landing: 'activity timeline',
      landingPath: `${team}/activities`,
      fill: (f) => {
        f.set('_once', crypto.randomBytes(16).toString('hex')); // what OnceToken's script puts there
        f.set('title', `ベンチの打ち合わせ（${n}）`);
        f.set('notes', '次回の研究会に向けて、人事課長へのインタビューの質問を整理した。');
        if (!f.get('durationPick') && !f.get('durationMinutes')) f.set('durationMinutes', '60');
        edited(f, ['title', 'notes']);
      },
    };
  }
  if (kind === 'checkin') {
    return {
      route: 'モヤモヤ',
      path: `${team}/moyamoya`,
      marker: 'name="intent" value="checkin"',
      saveRoute: 'save check-in',
      landing: 'モヤモヤ',
      landingPath: `${team}/moyamoya`,
      fill: (f) => {
        f.set('level', String((user.userId * 7 + n * 13) % 101));
        f.set('note', `ひとこと（${n}）`);
      },
    };
  }
  return {
    route: 'sheet editor',
    path: `${team}/sheet/edit`,
    marker: 'name="baseVersion"',
    saveRoute: 'save sheet',
    landing: 'sheet',
    landingPath: `${team}/sheet`,
    fill: (f) => {
      f.set('currentState', `${f.get('currentState') ?? ''}\n若手職員アンケートの結果を追記（${user.userId}-${n}）。`);
      f.set('message', `ベンチ保存 ${user.userId}-${n}`);
      edited(f, ['currentState', 'message']);
    },
  };
}

/**
 * Opens the form, fills it in for `typingMs`, posts it and follows the redirect. A sheet refused as
 * stale (409: a teammate saved first) is what a person would then do: open the editor again (the
 * newer version), make the same change and save again, up to three times; only then is it an error.
 */
async function save(browser: Browser, user: CastMember, kind: SaveKind, n: number, intended: number, typingMs: number, record: Recorder) {
  const spec = formOf(kind, user, n);
  let openedAt = intended;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const page = await view(browser, spec.route, spec.path, openedAt, record);
    const fields = page ? readForm(page, spec.marker) : null;
    if (!fields) {
      if (page) record({ route: spec.saveRoute, method: 'POST', ms: 0, status: 'form not found', error: true, planned: false });
      return false;
    }
    spec.fill(fields);
    const clickAt = attempt === 1 ? performance.now() + typingMs : performance.now();
    await sleepUntil(clickAt);
    let answer;
    try {
      answer = await browser.open('POST', spec.path, fields);
    } catch (error) {
      record({ route: spec.saveRoute, method: 'POST', ms: performance.now() - clickAt, status: timeoutOr(error), error: true, planned: false });
      return false;
    }
    const stale = kind === 'sheet' && answer.status === 409 && attempt < 3;
    const landing = answer.status >= 300 && answer.status < 400 && answer.location ? new URL(answer.location, 'http://x') : null;
    const redirected = landing?.pathname === spec.landingPath;
    record({
      route: spec.saveRoute,
      method: 'POST',
      ms: performance.now() - clickAt,
      status: landing && !redirected ? `${answer.status} to ${landing.pathname}` : String(answer.status),
      error: !redirected && !stale,
      planned: stale,
    });
    if (redirected) {
      await view(browser, spec.landing, landing.pathname + landing.search, performance.now(), record);
      return true;
    }
    if (!stale) return false;
    openedAt = performance.now();
  }
  return false;
}

const percentile = (sorted: number[], q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!) : 0);
const round = (ms: number) => Math.round(ms * 10) / 10;

function summarize(samples: Sample[]) {
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: samples.filter((s) => s.error).length,
  };
}

/** Plays the plan against `base` with each user's session cookie; resolves when every planned action has finished. */
export async function runWorkday(
  base: string,
  cast: CastMember[],
  cookies: Map<number, string>,
  { durationSeconds, seed }: { durationSeconds: number; seed: number },
): Promise<WorkdayFigures> {
  return { ...(await playPlans(base, planWorkday(cast, durationSeconds * 1000, seed), cookies)), durationSeconds, seed };
}

/** Plays any plan (a test plays a short one of its own); the figures without the plan's duration and seed. */
export async function playPlans(base: string, plans: UserPlan[], cookies: Map<number, string>): Promise<Omit<WorkdayFigures, 'durationSeconds' | 'seed'>> {
  const samples: Sample[] = [];
  const record: Recorder = (s) => samples.push(s);
  const saves: Record<SaveKind, number> = { activity: 0, checkin: 0, sheet: 0 };
  const started = performance.now() + 200;
  await Promise.all(
    plans.map(async ({ user, actions }) => {
      const browser = new Browser(base, cookies.get(user.userId)!);
      let n = 0;
      for (const action of actions) {
        const intended = started + action.at;
        await sleepUntil(intended);
        if (action.type === 'view') await view(browser, ...viewOf(action.page), intended, record);
        else if (await save(browser, user, action.kind, ++n, intended, action.typingMs, record)) saves[action.kind]++;
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const byRoute = new Map<string, Sample[]>();
  for (const s of samples) byRoute.set(`${s.method} ${s.route}`, [...(byRoute.get(`${s.method} ${s.route}`) ?? []), s]);
  const routes = [...byRoute.values()]
    .map((list) => ({
      route: list[0]!.route,
      method: list[0]!.method,
      ...summarize(list),
      planned: list.filter((s) => s.planned).length,
      statuses: list.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {}),
    }))
    .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
  return {
    users: plans.length,
    writers: plans.filter((p) => p.user.writer).length,
    ...summarize(samples),
    requestsPerSecond: Math.round((samples.length / elapsedSeconds) * 10) / 10,
    saves,
    sheetConflicts: samples.filter((s) => s.planned).length,
    routes,
    errorSamples: samples
      .filter((s) => s.error)
      .slice(0, 5)
      .map((s) => `${s.method} ${s.route}: ${s.status}`),
  };
}
