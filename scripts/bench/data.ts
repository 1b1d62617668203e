import { sql } from 'drizzle-orm';
import { openDb, selectRows, type Db, type DbConfig } from '../../db/client';
import { migrate } from '../../db/migrate';
import { hashPassword } from '../../app/utils/password.server';
import { now } from '../../app/utils/clock';
import { workdayCast } from './workday-cast';

// The synthetic ten-year data set, generated inside the database with generate_series: one
// INSERT … SELECT per table, so 60 municipalities × 10 years (≈ 250k rows) take seconds, not minutes.
// Every municipality sends a team of three every year; the last year is the current one.

export const benchScale = {
  municipalities: 60,
  years: 10,
  firstYear: 2017,
  membersPerTeam: 3,
  activitiesPerTeamYear: 80,
  interviewsPerTeamYear: 10,
  homeworkPerInterview: 2,
  checkinsPerMemberYear: 30,
  sheetVersions: 10,
  commentsPerSheet: 6,
  sessionsPerYear: 4,
  changesPerTeam: 3,
  /** 幹事 besides the 事務局: organizers of the workday mix. */
  kanji: 3,
};

export const benchPassword = 'jinmane-bench-2026';

export type BenchAccounts = {
  organizer: string;
  member: string;
  hr: string;
  teamId: number;
  fiscalYear: number;
};

/** Fills an empty, migrated database. Returns whom to sign in as and which team to load. */
export async function generateBenchData(db: Db, passwordHash: string): Promise<BenchAccounts> {
  const s = benchScale;
  const lastYear = s.firstYear + s.years - 1;
  const steps: [string, ReturnType<typeof sql>][] = [
    [
      'program_years',
      sql`insert into program_years (fiscal_year, theme)
      select y, '第' || (y - 2005) || '期のテーマ' from generate_series(${s.firstYear}::int, ${lastYear}::int) y`,
    ],
    [
      'study_sessions',
      sql`insert into study_sessions (fiscal_year, kind, number, starts_on, venue)
      select y, 'study', n, make_date(y, 4, 20) + (n - 1) * 80, '東京都千代田区' from generate_series(${s.firstYear}::int, ${lastYear}::int) y, generate_series(1, ${s.sessionsPerYear}::int) n`,
    ],
    [
      'pre_assignments',
      sql`insert into pre_assignments (session_id, title, due_on)
      select id, '第' || number || '回 事前課題', starts_on - 7 from study_sessions`,
    ],
    [
      'municipalities',
      sql`insert into municipalities (name, prefecture, kind)
      select 'ベンチ' || m || '市', '県' || (m % 47), 'city' from generate_series(1, ${s.municipalities}::int) m`,
    ],
    [
      'teams',
      sql`insert into teams (municipality_id, fiscal_year, moyamoya_visibility)
      select m.id, y, 'members_visible' from municipalities m, generate_series(${s.firstYear}::int, ${lastYear}::int) y order by y, m.id`,
    ],
    [
      'people (members)',
      sql`insert into people (full_name, full_name_kana, municipality_id)
      select '職員' || t.id || '-' || i, 'しょくいん', t.municipality_id from teams t, generate_series(1, ${s.membersPerTeam}::int) i order by t.id, i`,
    ],
    [
      'team_members',
      sql`insert into team_members (team_id, person_id, department, is_hr_slot)
      select t.id, p.id, '企画課', p.full_name like '%-1' from teams t join people p on p.full_name like '職員' || t.id || '-%'`,
    ],
    [
      'people (hr, organizer)',
      sql`insert into people (full_name, municipality_id)
      select '人事課' || id, id from municipalities union all select '事務局ベンチ', null
      union all select '幹事ベンチ' || k, null from generate_series(1, ${s.kanji}::int) k`,
    ],
    [
      'users',
      sql`insert into users (person_id, email, password_hash)
      select id, 'bench' || id || '@example.jp', ${passwordHash} from people`,
    ],
    [
      'organizers',
      sql`insert into organizers (person_id, role)
      select id, case when full_name = '事務局ベンチ' then 'secretariat' else 'kanji' end from people where full_name = '事務局ベンチ' or full_name like '幹事ベンチ%' order by id`,
    ],
    [
      'hr_viewers',
      sql`insert into hr_viewers (user_id, municipality_id, department)
      select u.id, p.municipality_id, '人事課' from users u join people p on p.id = u.person_id where p.full_name like '人事課%'`,
    ],
    [
      'interviews',
      sql`insert into interviews (team_id, interviewed_on, interviewee, role_category, purpose, content, insights, unease, visibility)
      select t.id, make_date(t.fiscal_year, 6, 1) + i * 15, '部長級職員（' || i || '）', (array['hr','manager','head','staff'])[1 + i % 4],
        '組織の現状について伺う', repeat('職員が挑戦できる風土をつくりたい。', 20), '対話の場が足りない。', 'まだ手探り。', (array['team','municipality','program'])[1 + i % 3]
      from teams t, generate_series(1, ${s.interviewsPerTeamYear}::int) i`,
    ],
    [
      'interview_homework',
      sql`insert into interview_homework (interview_id, team_id, position, body, status, follow_up)
      select iv.id, iv.team_id, h, '宿題' || h || '：若手の声を集める', (array['todo','doing','done'])[1 + (iv.id + h) % 3], '' from interviews iv, generate_series(1, ${s.homeworkPerInterview}::int) h`,
    ],
    [
      'activities (interviews)',
      sql`insert into activities (team_id, kind, occurred_on, duration_minutes, title, interview_id)
      select team_id, 'interview', interviewed_on, 60, interviewee || 'へのインタビュー', id from interviews`,
    ],
    [
      'activities',
      sql`insert into activities (team_id, kind, occurred_on, duration_minutes, title, notes, starts_at)
      select t.id, (array['meeting','interview_prep','survey','report','partner_meeting','alumni_dialogue','local_study','offsite','other'])[1 + i % 9],
        make_date(t.fiscal_year, 4, 1) + (i * 4), 30 + (i % 6) * 30, 'チームミーティング（' || i || '）', '議論したこと：' || repeat('人材育成の方向性。', 8), '18:30'
      from teams t, generate_series(1, ${s.activitiesPerTeamYear}::int) i`,
    ],
    [
      'activity_attendees',
      sql`insert into activity_attendees (activity_id, person_id)
      select a.id, tm.person_id from activities a join team_members tm on tm.team_id = a.team_id`,
    ],
    [
      'moyamoya_checkins',
      sql`insert into moyamoya_checkins (team_id, person_id, checked_on, level, note)
      select tm.team_id, tm.person_id, make_date(t.fiscal_year, 4, 10) + i * 11, (tm.person_id * 7 + i * 13) % 101, 'ひとこと' || i
      from team_members tm join teams t on t.id = tm.team_id, generate_series(1, ${s.checkinsPerMemberYear}::int) i`,
    ],
    [
      'team_moyamoya',
      sql`insert into team_moyamoya (team_id, session_id, level, reflection)
      select t.id, ss.id, (t.id + ss.number * 17) % 101, 'この頃の自分たち：' || ss.number from teams t join study_sessions ss on ss.fiscal_year = t.fiscal_year`,
    ],
    [
      'pre_assignment_submissions',
      sql`insert into pre_assignment_submissions (pre_assignment_id, team_id, submitted_on, note)
      select pa.id, t.id, pa.due_on - 1, '提出しました' from teams t join study_sessions ss on ss.fiscal_year = t.fiscal_year join pre_assignments pa on pa.session_id = ss.id`,
    ],
    [
      'change_chains',
      sql`insert into change_chains (team_id, title, reflection, co_creation_step)
      select t.id, '変化' || c || '：若手の対話の場が定例になった', '対話を重ねたことで共感が生まれた。' , (array['share','empathy','cowork','cocreate'])[1 + c % 4]
      from teams t, generate_series(1, ${s.changesPerTeam}::int) c`,
    ],
    [
      'change_moments',
      sql`insert into change_moments (chain_id, stage, occurred_on, description, position)
      select ch.id, (array['trigger','turning_point','change'])[m], make_date(t.fiscal_year, 9, 1) + (m * 40), '出来事' || m, m - 1
      from change_chains ch join teams t on t.id = ch.team_id, generate_series(1, 3) m`,
    ],
    // Each team's 共同論文 draft quotes its interviews opened to the program (issue 18).
    [
      'paper_drafts',
      sql`insert into paper_drafts (team_id, about_municipality, findings, interview_ids)
      select t.id, repeat('人口と職員数の推移。', 20), '対話 ＝ 聴く × 話す', coalesce(array(select iv.id from interviews iv where iv.team_id = t.id and iv.visibility = 'program'), '{}')
      from teams t`,
    ],
    ['sheets', sql`insert into sheets (team_id, current_version) select id, ${s.sheetVersions}::int from teams`],
    [
      'sheet_versions',
      sql`insert into sheet_versions (sheet_id, version, content, message, author_user_id)
      select sh.id, v, jsonb_build_object(
          'currentState', repeat('現状とその背景（版' || v || '）。', 30), 'idealIn10Years', '10年後のありたい姿' || v,
          'targetOrganization', '目指す組織', 'focusInitiatives', jsonb_build_array(jsonb_build_object('text', '対話会' || v, 'evidence', '[]'::jsonb)),
          'oneYearGoal', '1年後', 'actionPlan', jsonb_build_object('first', '[]'::jsonb, 'next', '[]'::jsonb, 'further', '[]'::jsonb),
          'scenario', jsonb_build_object('official', '公式', 'offsite', '非公式'),
          'keywords', jsonb_build_object('standpoint', '', 'valueBased', '', 'firstPerson', '', 'dominantLogic', '')),
        '第' || v || '版', (select u.id from users u join team_members tm on tm.person_id = u.person_id where tm.team_id = sh.team_id limit 1)
      from sheets sh, generate_series(1, ${s.sheetVersions}::int) v`,
    ],
    [
      'sheet_comments',
      sql`insert into sheet_comments (sheet_id, team_id, section, version, body, author_user_id, resolved_at)
      select sh.id, sh.team_id, (array['currentState','focusInitiatives','actionPlan'])[1 + c % 3], 1 + c % ${s.sheetVersions}::int, 'コメント' || c,
        (select u.id from users u join organizers o on o.person_id = u.person_id limit 1), case when c % 2 = 0 then ${now().toISOString()}::timestamptz end
      from sheets sh, generate_series(1, ${s.commentsPerSheet}::int) c`,
    ],
    [
      'alumni_groups',
      sql`insert into alumni_groups (name, municipality_id, founded_on) select name || 'マネ友会', id, make_date(${s.firstYear + 1}::int, 5, 1) from municipalities`,
    ],
    [
      'alumni_group_members',
      sql`insert into alumni_group_members (group_id, person_id)
      select g.id, tm.person_id from alumni_groups g join teams t on t.municipality_id = g.municipality_id and t.fiscal_year < ${lastYear}::int join team_members tm on tm.team_id = t.id`,
    ],
  ];
  for (const [label, statement] of steps) {
    const started = performance.now();
    await db.execute(statement);
    if (process.env.BENCH_VERBOSE) console.log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
  }
  // As a database in use for years is: vacuumed (autovacuum), so index-only scans need not visit the rows,
  // and no autovacuum of the freshly loaded tables runs during the measurement.
  await db.execute(sql`vacuum analyze`);

  // The team loaded is the current year's team of municipality 1; its HR and a member sign in.
  const [pick] = await selectRows<{ team_id: number; member: string; hr: string; organizer: string }>(
    sql`select t.id as team_id,
        (select u.email from users u join team_members tm on tm.person_id = u.person_id where tm.team_id = t.id order by u.id limit 1) as member,
        (select u.email from users u join hr_viewers h on h.user_id = u.id where h.municipality_id = t.municipality_id limit 1) as hr,
        (select u.email from users u join organizers o on o.person_id = u.person_id order by u.id limit 1) as organizer
      from teams t where t.fiscal_year = ${lastYear}::int order by t.municipality_id limit 1`,
    db,
  );
  if (!pick) throw new Error('bench data: no team generated');
  return { teamId: Number(pick.team_id), member: pick.member, hr: pick.hr, organizer: pick.organizer, fiscalYear: lastYear };
}

/** Row counts of the main tables, for the report. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = [
    'teams',
    'people',
    'activities',
    'activity_attendees',
    'interviews',
    'interview_homework',
    'moyamoya_checkins',
    'sheet_versions',
    'sheet_comments',
    'change_chains',
    'paper_drafts',
    'alumni_group_members',
  ];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await selectRows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`), db);
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

/** Migrates an empty database and fills it with the ten years; says whom to sign in as, the rows, the time. */
export async function prepareBenchDatabase(config: DbConfig) {
  const started = performance.now();
  const handle = await openDb(config);
  try {
    await migrate(handle);
    const accounts = await generateBenchData(handle.db, await hashPassword(benchPassword));
    const rows = await countRows(handle.db);
    const cast = await workdayCast(handle.db, accounts.fiscalYear);
    return { accounts, cast, rows, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    await handle.close();
  }
}
