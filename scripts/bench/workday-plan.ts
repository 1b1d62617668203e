// The workday mix's plan (issue 19): who opens which page when, and who saves what when. Pure and
// seeded: the same cast, seed and duration give the same plan, so two runs differ only in the server.

/** mulberry32: a small, well-known 32-bit PRNG; enough for think times and page picks. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Role = 'member' | 'hr' | 'alumni' | 'organizer';

/** One signed-in person of the mix and the records their pages are about. */
export type CastMember = {
  userId: number;
  role: Role;
  /** The team whose pages they open: their own, their municipality's this year, or any (organizers). */
  teamId: number;
  municipalityId: number;
  fiscalYear: number;
  /** Writers save an activity, a check-in or a sheet version every 30 s; teammates share a team. */
  writer: boolean;
};

export type SaveKind = 'activity' | 'checkin' | 'sheet';
export const saveKinds: SaveKind[] = ['activity', 'checkin', 'sheet'];

/**
 * document: the page as opened from a link in a mail, a bookmark, a reload or a new tab; data: a click
 * inside the app, which the browser's router answers with the loaders' data only (`<path>.data`,
 * Remix's single fetch).
 */
export type PageRoute = { route: string; path: string; navigation: 'document' | 'data' };
export type Action = { at: number; type: 'view'; page: PageRoute } | { at: number; type: 'save'; kind: SaveKind; typingMs: number };
export type UserPlan = { user: CastMember; actions: Action[] };

export const mix = {
  users: { member: 40, hr: 10, alumni: 6, organizer: 4 },
  writers: 10,
  /** A page every few seconds: uniform think time between views. */
  thinkMs: [2_000, 8_000] as [number, number],
  saveEveryMs: 30_000,
  /** Time spent filling in a form, between opening it and pressing 保存 (teammates' sheet saves then overlap). */
  typingMs: [4_000, 12_000] as [number, number],
  /** Teammates who write start their 30 s rhythm this close together. */
  partnerLagMs: [0, 4_000] as [number, number],
  /** After each person's first page (a document), this share of views are clicks inside the app. */
  clientNavigation: 0.75,
};

type Weighted = [weight: number, route: string, path: (u: CastMember) => string];

/** The pages each role opens, weighted as in use: members live in their team's tabs. */
export const pagesOf: Record<Role, Weighted[]> = {
  member: [
    [30, 'team dashboard', (u) => `/teams/${u.teamId}`],
    [20, 'activity timeline', (u) => `/teams/${u.teamId}/activities`],
    [12, 'sheet', (u) => `/teams/${u.teamId}/sheet`],
    [5, 'sheet history', (u) => `/teams/${u.teamId}/sheet/history`],
    [10, 'モヤモヤ', (u) => `/teams/${u.teamId}/moyamoya`],
    [10, 'interviews', (u) => `/teams/${u.teamId}/interviews`],
    [8, 'activity summary', (u) => `/teams/${u.teamId}/activities/summary`],
    [5, 'changes', (u) => `/teams/${u.teamId}/changes`],
  ],
  hr: [
    [50, 'HR dashboard', () => '/hr'],
    [30, 'team dashboard', (u) => `/teams/${u.teamId}`],
    [20, 'activity summary', (u) => `/teams/${u.teamId}/activities/summary`],
  ],
  alumni: [
    [50, 'alumni', () => '/alumni'],
    [30, 'team dashboard', (u) => `/teams/${u.teamId}`],
    [20, 'municipality', (u) => `/municipalities/${u.municipalityId}`],
  ],
  organizer: [
    [50, 'organizer dashboard', (u) => `/admin?year=${u.fiscalYear}`],
    [30, 'team dashboard', (u) => `/teams/${u.teamId}`],
    [20, 'organizer team page', (u) => `/admin/teams/${u.teamId}`],
  ],
};

const between = (random: () => number, [low, high]: [number, number]) => Math.round(low + random() * (high - low));

function pick(random: () => number, user: CastMember, first: boolean): PageRoute {
  const pages = pagesOf[user.role];
  let left = random() * pages.reduce((sum, [w]) => sum + w, 0);
  const navigation = random() < mix.clientNavigation && !first ? 'data' : 'document';
  for (const [weight, route, path] of pages) {
    left -= weight;
    if (left < 0) return { route, path: path(user), navigation };
  }
  const [, route, path] = pages[pages.length - 1]!;
  return { route, path: path(user), navigation };
}

/**
 * Every user's actions over `durationMs`: views a think time apart, and for writers a save every
 * 30 s (the kind turning activity → check-in → sheet; teammates on the same turn a few seconds apart,
 * so their sheet saves can cross). No view is planned while the user fills in a form.
 */
export function planWorkday(cast: CastMember[], durationMs: number, seed: number): UserPlan[] {
  const random = seededRandom(seed);
  const writerStart = new Map<number, number>(); // team → the first writer's start
  let writerIndex = 0;
  return cast.map((user) => {
    const actions: Action[] = [];
    let saves: number[] = [];
    let turn = 0;
    if (user.writer) {
      const teamStart = writerStart.get(user.teamId);
      const start = teamStart === undefined ? between(random, [0, mix.saveEveryMs / 2]) : teamStart + between(random, mix.partnerLagMs);
      if (teamStart === undefined) writerStart.set(user.teamId, start);
      for (let at = start; at < durationMs; at += mix.saveEveryMs) saves.push(at);
      turn = Math.floor(writerIndex / 2); // teammates (listed together) share their turn
      writerIndex++;
    }
    let cursor = between(random, [0, mix.thinkMs[1]]);
    while (cursor < durationMs || (saves.length && saves[0]! < durationMs)) {
      if (saves.length && saves[0]! <= cursor) {
        const at = saves[0]!;
        saves = saves.slice(1);
        const typingMs = between(random, mix.typingMs);
        actions.push({ at, type: 'save', kind: saveKinds[turn++ % saveKinds.length]!, typingMs });
        cursor = Math.max(cursor, at + typingMs + between(random, mix.thinkMs));
        continue;
      }
      if (cursor >= durationMs) break;
      actions.push({ at: cursor, type: 'view', page: pick(random, user, !actions.some((a) => a.type === 'view')) });
      cursor += between(random, mix.thinkMs);
    }
    return { user, actions };
  });
}
