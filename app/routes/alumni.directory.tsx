import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { AlumniNav } from '~/components/alumni/AlumniNav';
import { ErrorPage } from '~/components/ErrorPage';
import { directoryChoices, listAlumni, type DirectoryRow } from '~/models/alumni-directory.server';
import { requireViewer } from '~/utils/auth.server';
import { currentFiscalYear } from '~/utils/clock';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { canTeam } from '~/utils/permissions';
import { Email } from '~/components/Email';

export const meta: MetaFunction = () => [{ title: 'マネ友名簿 | 人マネ トラッカー' }];

const positive = (v: string | null) => (v && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const url = new URL(request.url);
  const filter = {
    municipalityId: positive(url.searchParams.get('municipality')),
    fiscalYear: positive(url.searchParams.get('year')),
    q: (url.searchParams.get('q') ?? '').slice(0, 100),
  };
  const currentYear = currentFiscalYear();
  const [rows, choices] = await Promise.all([listAlumni(filter, currentYear), directoryChoices(currentYear)]);
  // One card per past team: its theme (final 重点取組) and the alumni who chose to be listed.
  const teams = new Map<
    number,
    Omit<DirectoryRow, 'personId' | 'fullName' | 'department' | 'section' | 'contact'> & {
      sheetReadable: boolean;
      people: Pick<DirectoryRow, 'personId' | 'fullName' | 'department' | 'section' | 'contact'>[];
    }
  >();
  for (const { personId, fullName, department, section, contact, ...team } of rows) {
    const card = teams.get(team.teamId) ?? {
      ...team,
      sheetReadable: canTeam(viewer, { id: team.teamId, municipalityId: team.municipalityId, fiscalYear: team.fiscalYear }, 'readSheet'),
      people: [],
    };
    card.people.push({ personId, fullName, department, section, contact });
    teams.set(team.teamId, card);
  }
  return { filter, choices, teams: [...teams.values()], peopleCount: rows.length };
}

export default function AlumniDirectory() {
  const { filter, choices, teams, peopleCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>マネ友名簿</h1>
      <AlumniNav />
      <p className="lead">
        これまでの年度にチームで参加した人（マネ友）です。載せるかどうか、連絡先を出すかどうかは本人が決めています（<Link to="/alumni/me">自分の掲載設定</Link>
        ）。
      </p>
      <Form method="get" className="filter-bar" role="search" aria-label="マネ友を探す">
        <div className="field">
          <label htmlFor="q">テーマ（重点取組）で探す</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} placeholder="例: 人材育成基本方針" />
        </div>
        <div className="field">
          <label htmlFor="municipality">自治体</label>
          <select id="municipality" name="municipality" defaultValue={filter.municipalityId ?? ''}>
            <option value="">すべて</option>
            {choices.municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.prefecture} {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="year">年度</label>
          <select id="year" name="year" defaultValue={filter.fiscalYear ?? ''}>
            <option value="">すべて</option>
            {choices.years.map((y) => (
              <option key={y} value={y}>
                {formatFiscalYear(y)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          探す
        </button>
      </Form>

      <p role="status">
        {counted(teams.length, 'チーム')}・{counted(peopleCount, '名')}
      </p>
      <ul className="alumni-cards">
        {teams.map((t) => (
          <li key={t.teamId} className="alumni-card">
            <h2>
              {t.municipalityName}チーム{' '}
              <span className="muted">
                {t.prefecture}・{formatFiscalYear(t.fiscalYear)}・{t.generation}期生
              </span>
            </h2>
            {t.focus.length ? (
              <>
                <h3>重点取組</h3>
                <ul>
                  {t.focus.map((f, i) => (
                    <li key={i}>{f}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="muted">最終版のシートはありません。</p>
            )}
            {t.sheetReadable && t.focus.length ? (
              <p>
                <Link to={`/teams/${t.teamId}/sheet`}>
                  {t.municipalityName}チーム（{formatFiscalYear(t.fiscalYear)}）の最終版シートを読む
                </Link>
              </p>
            ) : null}
            <ul className="plain-list">
              {t.people.map((p) => (
                <li key={p.personId}>
                  {p.fullName}
                  <span className="muted">（{[p.department, p.section].filter(Boolean).join(' ')}）</span>
                  {/* The contact is free text, most often an email address: kept whole like one. */}
                  {p.contact ? (
                    <span className="alumni-contact">
                      連絡先: <Email address={p.contact} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {teams.length === 0 ? <p>条件に合うマネ友は見つかりませんでした。</p> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
