import { activityKinds, type ActivityKind, type IntervieweeRole } from './codes';

// How a team's own words for an activity are read (docs/csv.md): 「第３回研究会（オンライン）」,
// 「キーマンインタビュー（人事課長）」, 「ミーティング（シート見直し）」. One reader for the CSV import, quick
// add and the activity form. Matching ignores width, spaces and bracket styles; titles keep the text as
// written. The rules are tried in order and the first that fits wins, so a compound label
// (副市長報告及び意見交換) takes the most specific kind. tests/fixtures/activity-labels.json holds the cases.

export type SessionRef = { kind: 'study' | 'followup' | 'regional'; number: number | null };
export type LabelReading = {
  kind: ActivityKind;
  title: string;
  /** A row that attends a session: which one of the year (number null: the one on that date). */
  session?: SessionRef;
  /** A 事前課題提出: the pre-assignment of the 第N回 研究会 (null: the next session after that date). */
  preassignment?: { number: number | null };
  /** A key-person interview to create with the row. */
  interview?: { interviewee: string; role: IntervieweeRole };
};

/** Text as the reader compares it: half-width, no spaces, one kind of bracket and tilde. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200B\uFEFF]+/g, '')
    .replace(/[〜～]/g, '~')
    .replace(/[【「『［[]/g, '(')
    .replace(/[】」』］\]]/g, ')');
}

const kanjiDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 3, 三, 十, 十二 → the number (up to 99). */
function numeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  if (!m[2]) return m[1] && !m[3] ? kanjiDigits[m[1]]! : null;
  return (m[1] ? kanjiDigits[m[1]]! : 1) * 10 + (m[3] ? kanjiDigits[m[3]]! : 0);
}

/** 第3回, 第三回, 第３回 (normalized) → 3. */
function nthOf(text: string): number | null {
  const m = /第(\d+|[一二三四五六七八九十]+)回/.exec(text);
  return m ? numeral(m[1]!) : null;
}

/** Words that name a kind on their own: such a label says nothing more than its kind. */
const kindWords = new Map<string, ActivityKind>([
  ...activityKinds.codes.map((c) => [normalizeLabel(activityKinds.label[c]), c] as const),
  ...Object.entries({
    キーマンインタビュー: 'interview',
    インタビュー: 'interview',
    ヒアリング: 'interview',
    フォローアップ会: 'followup',
    フォローアップ: 'followup',
    打合せ: 'meeting',
    打ち合わせ: 'meeting',
    MTG: 'meeting',
    定例ミーティング: 'meeting',
    OSM: 'offsite',
    オフサイト: 'offsite',
    対話自治体との対話: 'partner_meeting',
    勉強会: 'local_study',
    キックオフ: 'kickoff',
  } as const),
]);

const isKindWord = (text: string) => kindWords.has(normalizeLabel(text));

const interviewWord = /インタビュー|ヒアリング|面談/;
/** Work about interviews (sharing their results, planning them) is the team's meeting, not an interview. */
const aboutInterview = /まとめ|整理|共有|振り返り|振返り|分析|検討|打合せ|打ち合わせ|ミーティング|MTG|選定|洗い出し|依頼|調整|結果|発表|シート|日程|練習/;
/** 「…との対話」 with a person: not the alumni, a partner municipality or the staff at large. */
const dialogueWithPerson = /^(.+?)(?:との|と)(?:対話|意見交換|面談|懇談)/;
const municipalityName = /(?:市|町|村|区|県|都|府|自治体)(?:\(.*\))?$/;
const aboutSession = /振り返り|振返り|準備|打合せ|打ち合わせ|ミーティング|MTG|検討|報告|作成|資料|作業|練習|向け|宿題/;
/** A pre-assignment row records a submission only when it says so: 作成 and 検討 are the team's work on it. */
const submitted = (s: string) => s === '事前課題' || (/提出/.test(s) && !/〆切|締切|締め切り|期限/.test(s));

type Rule = { kind: ActivityKind; test: (s: string) => boolean };

// The order is the order of specificity (the first that fits wins).
const rules: Rule[] = [
  { kind: 'preassignment', test: (s) => /事前課題/.test(s) && submitted(s) },
  { kind: 'interview_prep', test: (s) => /(?:インタビュー|ヒアリング)の?準備|質問(?:項目)?の?(?:検討|作成)/.test(s) },
  { kind: 'interview', test: (s) => (interviewWord.test(s) || personDialogue(s) !== null) && !aboutInterview.test(s) },
  {
    kind: 'partner_meeting',
    test: (s) =>
      /対話自治体|他自治体/.test(s) ||
      /(?:市|町|村|区|県|都|府)(?:\(.*?\))?(?:との|と)(?:オンライン)?(?:対話|合同|意見交換)/.test(s) ||
      /合同ミーティング/.test(s),
  },
  { kind: 'survey', test: (s) => /アンケート|意識調査|職員調査/.test(s) },
  { kind: 'alumni_dialogue', test: (s) => /マネ友|OB|OG|激励会|壮行会/.test(s) },
  { kind: 'joint_paper', test: (s) => /論文.*提出|提出.*論文|^共同論文$/.test(s) },
  { kind: 'vote', test: (s) => /投票/.test(s) },
  { kind: 'study_session', test: (s) => /研究会|フォローアップ|FU研修/.test(s) && !aboutSession.test(s) },
  { kind: 'report', test: (s) => /報告/.test(s) },
  { kind: 'offsite', test: (s) => /OSM|オフサイト/i.test(s) },
  { kind: 'local_study', test: (s) => /勉強会|県人会/.test(s) },
  { kind: 'kickoff', test: (s) => /顔合わせ|顔合せ|キックオフ|結団式/.test(s) },
  {
    kind: 'meeting',
    test: (s) =>
      /ミーティング|MTG|打合せ|打ち合わせ|打合わせ|定例会|会議|作業|検討|準備|振り返り|振返り|まとめ|整理|共有|作成|修正|練習|執筆|調整|事前課題/i.test(s),
  },
];

/** The person of 「部長級職員（Aさん）との対話」, or null when the other side is not a person. */
function personDialogue(s: string): string | null {
  const m = dialogueWithPerson.exec(s);
  if (!m) return null;
  const who = m[1]!;
  if (/マネ友|OB|OG|対話自治体|他自治体|職員全体|全職員/.test(who) || municipalityName.test(who)) return null;
  return who;
}

/** The kind a normalized text reads as, or other. */
function kindOf(s: string): ActivityKind {
  const rule = rules.find((r) => r.test(s));
  if (!rule) return 'other';
  // 研究会 and フォローアップ rows are both session rows; the session's kind tells them apart.
  if (rule.kind === 'study_session' && /フォローアップ|FU研修/.test(s) && !/研究会/.test(s)) return 'followup';
  return rule.kind;
}

function sessionOf(s: string, kind: ActivityKind, fallback: string): SessionRef | undefined {
  if (kind === 'followup') return { kind: 'followup', number: nthOf(s) ?? nthOf(fallback) };
  if (kind !== 'study_session') return undefined;
  return { kind: /地域別/.test(s) ? 'regional' : 'study', number: nthOf(s) ?? nthOf(fallback) ?? bracketedNth(s) };
}

/** 研究会（第2回） is caught by nthOf; 研究会（2） is read the same. */
function bracketedNth(s: string): number | null {
  const m = /\((\d+)\)/.exec(s);
  return m ? Number(m[1]) : null;
}

const roleRules: [IntervieweeRole, RegExp][] = [
  ['deputy_head', /副市長|副町長|副村長|副知事|副区長/],
  // 市長公室長 and 市長室長 run the mayor's office: 課長 rank, not the mayor.
  ['head', /(?:市|町|村)長(?!公?室)|知事/],
  ['hr', /人事課|職員課|人事担当|人事部|人材育成課|人事係/],
  ['council', /議員|議長/],
  ['alumni', /マネ友|OB|OG/],
  // Before 住民・地域, so 地域振興課長 is a 課長; 区長 (a ward's chair) and センター長 are not in this list.
  ['manager', /部長|局長|課長|次長|室長|所長|参事|理事|部長級|課長級|教育長|公室長/],
  ['community', /区長|自治会|町内会|センター長|館長|住民|市民|町民|村民|地域|NPO/i],
  ['staff', /職員|係長|主任|主査|主事|若手/],
  ['external', /教授|大学|先生|社長|企業|専門家/],
];

/** Who ranks first when one row names several people (市長・副市長インタビュー is the mayor's). */
const roleRank: IntervieweeRole[] = ['head', 'deputy_head', 'hr', 'council', 'manager', 'alumni', 'community', 'staff', 'external', 'other'];

/** The role category a label such as 「キーマンインタビュー（人事課長）」 names. */
export function roleOf(interviewee: string): IntervieweeRole {
  const roles = normalizeLabel(interviewee)
    .split(/[・、,]/)
    .map((part) => roleRules.find(([, re]) => re.test(part))?.[0] ?? 'other');
  return roleRank.find((role) => roles.includes(role)) ?? 'other';
}

const opening = '（(【「［[';
const closing = '）)】」］]';

/** X（Y） as written → [X, Y] (Y from the first opening bracket to the closing one at the end); otherwise null. */
function splitBracket(text: string): [string, string] | null {
  const trimmed = text.trim();
  if (!closing.includes(trimmed.at(-1) ?? '')) return null;
  const open = [...opening].map((ch) => trimmed.indexOf(ch)).filter((i) => i > 0);
  if (!open.length) return null;
  const at = Math.min(...open);
  const [x, y] = [trimmed.slice(0, at).trim(), trimmed.slice(at + 1, -1).trim()];
  return x && y ? [x, y] : null;
}

const interviewWords = /(?:キーパーソン|キーマン)?(?:インタビュー|ヒアリング|面談)|キーパーソン|キーマン/g;

/** What says nothing of the person: 実施, 第2回, ①, 報告 beside the interview word. */
const noPerson = /実施|第(?:\d+|[一二三四五六七八九十]+)回|\d+回目|[①-⑳]|報告/g;

/** Who an interview row names, as written: 市長インタビュー → 市長; 企画課長へのインタビュー → 企画課長. */
function intervieweeOf(text: string): string {
  const bracket = splitBracket(text);
  if (
    bracket &&
    (isKindWord(bracket[0]) ||
      normalizeLabel(bracket[0])
        .replace(interviewWords, '')
        .replace(noPerson, '')
        .replace(/[\d・、]/g, '') === '')
  )
    return bracket[1];
  const dialogue = personDialogue(text.trim());
  if (dialogue && !interviewWord.test(normalizeLabel(text))) return dialogue.trim();
  const clean = (part: string) =>
    part
      .replace(interviewWords, '')
      .replace(noPerson, '')
      .replace(/(?:への|へ|に|との|と|の)\s*$/, '')
      .replace(/^[\s）)・、:：]+|[\s（(・、:：]+$/g, '')
      .trim();
  // The person is usually named before the word (市長インタビュー), sometimes after (キーパーソンインタビュー 市長).
  return clean(text.split(/インタビュー|ヒアリング|面談/)[0]!) || clean(text);
}

/**
 * Reads a row's label (the 種別 or 活動内容 cell) and its title cell, if the file has one. A label that is
 * exactly a kind's name (as this app's own export writes it, その他 included) is that kind; a free-text
 * label that names nothing known leaves the kind to the title.
 */
export function readLabel(rawLabel: string, rawTitle = ''): LabelReading {
  const label = rawLabel.trim();
  const s = normalizeLabel(label);
  const t = normalizeLabel(rawTitle);
  let kind = kindWords.get(s) ?? (s ? kindOf(s) : 'other');
  // The team's own category (研修, 懇親会) names nothing known: the title says what it was, and who.
  const fromTitle = kind === 'other' && t !== '' && !isKindWord(label);
  if (fromTitle) kind = kindOf(t);
  return readLabelAs(label, rawTitle, kind, fromTitle && kind !== 'other');
}

/** The reading of a label as the given kind: a kind the person chose in the preview, or the one read. */
export function readLabelAs(rawLabel: string, rawTitle: string, kind: ActivityKind, fromTitle = false): LabelReading {
  const label = rawLabel.trim();
  const title = rawTitle.trim();
  const s = normalizeLabel(label);
  const t = normalizeLabel(title);
  const reading: LabelReading = { kind, title: titleOf(label, title, kind) };
  const session = sessionOf(s, kind, t);
  if (session) reading.session = session;
  if (kind === 'preassignment') reading.preassignment = { number: nthOf(s) ?? nthOf(t) };
  if (kind === 'interview') {
    let interviewee = label && !fromTitle && !isKindWord(label) ? intervieweeOf(label) : '';
    if (!interviewee && title) interviewee = intervieweeOf(title);
    interviewee ||= 'キーパーソン';
    reading.interview = { interviewee, role: roleOf(interviewee) };
  }
  return reading;
}

function titleOf(label: string, title: string, kind: ActivityKind): string {
  if (title) return label === '' || isKindWord(label) ? title : `${label}：${title}`;
  if (isKindWord(label)) return '';
  const bracket = splitBracket(label);
  if (bracket && kindWords.get(normalizeLabel(bracket[0])) === kind) return bracket[1];
  return label;
}

/** What quick add and the activity form suggest for a title typed with the kind left at its default. */
export function suggestKind(title: string): ActivityKind | null {
  const { kind } = readLabel(title);
  return kind === 'other' ? null : kind;
}
