import { zipSync, type Zippable } from 'fflate';
import { visibilities } from '~/domain/codes';
import { confirmationKey } from '~/domain/paper';
import { citedEvidence } from '~/domain/sheet-fields';
import { now } from '~/utils/clock';
import { formatDateTime, formatFiscalYear, formatWesternFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import type { TeamAccess } from '~/utils/permissions';
import { loadPaperDraft } from './paper-content.server';
import { getPaperChoices } from './paper.server';
import { evidenceLabels } from './sheet-evidence.server';
import { listSheetVersionsWithContent } from './sheets.server';
import { listSurveys } from './surveys.server';
import {
  activitiesCsvFile,
  changesCsvFile,
  homeworkCsvFile,
  interviewsCsvFile,
  moyamoyaCsvFile,
  surveyResultsCsvFile,
  type CsvFile,
} from './team-csv-files.server';
import type { TeamSummary } from './teams.server';

// 「チームの記録一式」 (issue 20, docs/decisions/0026): one zip of a team's year as one viewer may read it. The CSVs
// come from the same functions as their own downloads (team-csv-files.server.ts), the paper from the same builder
// as /teams/:id/paper.docx under the same confirmation rule; every sheet version becomes a Word document.

export const readmeName = 'お読みください.txt';
export const folders = { csv: 'CSV', sheet: '変革ストーリーシート', paper: '共同論文' } as const;

export type TeamArchive = { name: string; asciiName: string; bytes: Uint8Array<ArrayBuffer>; entries: string[] };

/** What a file may be called inside the zip: no folder separators or characters Windows refuses. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are refused by Windows in file names
  return name.replace(/[\\/:*?"<>|\u0000-\u001F]+/g, '_').slice(0, 120);
}

/** The file names of the zip, made unique (a second survey of the same title gets （2）). */
function uniqueNames() {
  const taken = new Set<string>();
  return (folder: string, name: string) => {
    const safe = safeName(name);
    const dot = safe.lastIndexOf('.');
    let path = `${folder}/${safe}`;
    for (let n = 2; taken.has(path); n++) path = `${folder}/${safe.slice(0, dot)}（${n}）${safe.slice(dot)}`;
    taken.add(path);
    return path;
  };
}

/** The zip's own time stamps are wall-clock times without a zone: Tokyo's, as Explorer should show them. */
function tokyoWallClock(at: Date): Date {
  const tokyo = new Date(at.getTime() + 9 * 3600_000);
  return new Date(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate(), tokyo.getUTCHours(), tokyo.getUTCMinutes(), tokyo.getUTCSeconds());
}

/** 第003版_第4回提出版.docx: padded, so that any listing sorts the versions in order. */
export function sheetVersionFileName(version: number, tag: string | null): string {
  return `第${String(version).padStart(3, '0')}版${tag ? `_${tag}` : ''}.docx`;
}

type Viewer = { name: string };

export async function buildTeamArchive(team: TeamSummary, access: TeamAccess, viewer: Viewer, confirmed: string | null): Promise<TeamArchive> {
  const [activities, interviews, homework, moyamoya, changes, surveys, versions, choices] = await Promise.all([
    activitiesCsvFile(team, access),
    interviewsCsvFile(team, access),
    homeworkCsvFile(team, access),
    moyamoyaCsvFile(team, access),
    changesCsvFile(team),
    listSurveys(team.id, access.interviewVisibilities),
    listSheetVersionsWithContent(team.id),
    getPaperChoices(team.id),
  ]);
  const surveyFiles: CsvFile[] = [];
  for (const s of [...surveys].reverse()) {
    const file = await surveyResultsCsvFile(team, s.id, access);
    if (file) surveyFiles.push(file);
  }
  const name = uniqueNames();
  const files: Zippable = {};
  const csvs = [activities, interviews, homework, moyamoya, changes, ...surveyFiles];
  const csvPaths = csvs.map((file) => {
    const path = name(folders.csv, file.name);
    files[path] = new TextEncoder().encode(file.body);
    return path;
  });

  // One import of the document library for every version; stored without compressing again (a .docx is a zip).
  const d = await import('docx');
  const { buildSheetVersionDocx } = await import('~/utils/sheet-docx.server');
  const labels = versions.length ? await evidenceLabels(team.id, citedEvidence(...versions.map((v) => v.content)), access) : {};
  const sheetPaths: string[] = [];
  for (const v of versions) {
    const path = name(folders.sheet, sheetVersionFileName(v.version, v.tag));
    files[path] = [await buildSheetVersionDocx({ team, ...v, labels }, d), { level: 0 }];
    sheetPaths.push(path);
  }

  // The paper: once the team has saved its draft, and only under the download's own confirmation rule.
  let paper: { path: string } | { missing: string } = { missing: '共同論文の草稿はまだ保存されていません（共同論文のページで一度「保存」すると入ります）。' };
  if (choices.version > 0) {
    const draft = await loadPaperDraft(team, access);
    const key = confirmationKey(draft);
    if (key && confirmed !== key) {
      paper = {
        missing:
          '共同論文の草稿は、公開範囲がチーム内のみ（または自治体まで）の記録を含むため入れていません。共同論文のページで一覧を確かめて「確認しました」にチェックし、そこからダウンロードしてください。',
      };
    } else {
      const { buildPaperDocx, paperFileName } = await import('~/utils/paper-docx.server');
      const path = name(folders.paper, paperFileName(draft));
      files[path] = [await buildPaperDocx(draft), { level: 0 }];
      paper = { path };
    }
  }

  const at = now();
  const readme = readmeText({
    team,
    access,
    viewer,
    at,
    csvPaths,
    sheetPaths,
    paper,
    membersShown: access.kinds.includes('member') || team.moyamoyaVisibility === 'members_visible',
  });
  const bytes = zipSync({ [readmeName]: new TextEncoder().encode(readme), ...files }, { level: 6, mtime: tokyoWallClock(at) });
  return {
    name: safeName(`${team.municipalityName}チーム_${formatFiscalYear(team.fiscalYear)}_記録一式.zip`),
    asciiName: `team-records-${team.id}-${team.fiscalYear}.zip`,
    bytes,
    entries: [readmeName, ...Object.keys(files)],
  };
}

type ReadmeInput = {
  team: TeamSummary;
  access: TeamAccess;
  viewer: Viewer;
  at: Date;
  csvPaths: string[];
  sheetPaths: string[];
  paper: { path: string } | { missing: string };
  membersShown: boolean;
};

/** お読みください.txt: what is inside and what was left out for this viewer; UTF-8 with a BOM and CRLF, as Notepad reads it. */
function readmeText({ team, access, viewer, at, csvPaths, sheetPaths, paper, membersShown }: ReadmeInput): string {
  const read = visibilities.codes.filter((v) => access.interviewVisibilities.includes(v));
  const unread = visibilities.codes.filter((v) => !access.interviewVisibilities.includes(v));
  const lines = [
    'チームの記録一式',
    `${team.prefecture} ${team.municipalityName}チーム　${formatFiscalYear(team.fiscalYear)}（${formatWesternFiscalYear(team.fiscalYear)}）・${team.generation}期生`,
    `書き出した日時: ${formatDateTime(at)}`,
    `書き出した人: ${viewer.name}（この人が読める記録だけが入っています）`,
    '',
    '■ 入っているもの',
    `・${folders.csv}（${counted(csvPaths.length, '件')}）: Excelでそのまま開けます（UTF-8・BOM付き、1行目が列の見出し）。画面の「CSVで書き出す」と同じ内容です。`,
    ...csvPaths.map((p) => `　　${p}`),
    sheetPaths.length
      ? `・${folders.sheet}（${counted(sheetPaths.length, '件')}）: 版ごとのWord文書です。名前の順に並べると古い版から並びます。`
      : `・${folders.sheet}: まだ保存された版がありません。`,
    ...sheetPaths.map((p) => `　　${p}`),
    ...('path' in paper ? [`・${folders.paper}: 草稿のWord文書です。`, `　　${paper.path}`] : []),
    '',
    '■ 入っていないもの',
    ...(unread.length
      ? [
          `・インタビュー・宿題・アンケートは、公開範囲が「${read.map((v) => visibilities.label[v]).join('」「') || '―'}」のものだけです。「${unread.map((v) => visibilities.label[v]).join('」「')}」のものは、あなたが読める範囲の外にあるため入っていません（活動記録では「（公開範囲外のインタビュー）」と表示されます）。`,
        ]
      : []),
    ...(membersShown ? [] : ['・メンバー個人のモヤモヤ指数: チームが公開していないため、チームとしての数値だけが入っています。']),
    ...('missing' in paper ? [`・${paper.missing}`] : []),
    '・削除した記録、シートへのコメント、アクセスの記録は入っていません。',
    '',
  ];
  return '\uFEFF' + lines.join('\r\n');
}
