import type { ReactNode } from 'react';
import { ScrollRegion } from '~/components/ScrollRegion';
import { monthTable, withheldWords, paperChapters, paperGaps, program, questionSummary, shareText, type PaperDraft } from '~/domain/paper';
import type { Svg } from '~/domain/paper-charts';
import { formatEraDatePlain, formatEraSpanPlain, formatFiscalYear } from '~/utils/dates';
import { counted, hours } from '~/utils/format';
import { Bullets, PaperOutlook, PaperSheet } from './PaperSheet';

// The 共同論文 draft as it will print: A4 pages in the order of the .docx (app/utils/paper-docx.server.ts), from the
// same draft and the same chart drawings, so what the team sees here is what Word opens.

export type PreviewCharts = { kinds: Svg | null; moyamoya: Svg | null; questions: [number, Svg][] };

function Chart({ svg, label }: { svg: Svg; label: string }) {
  return (
    <img className="paper-chart" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.svg)}`} alt={label} width={svg.width} height={svg.height} />
  );
}

function Gap({ children }: { children: ReactNode }) {
  return <p className="paper-gap">{children}。</p>;
}

function Table({
  label,
  head,
  rows,
  foot,
  numeric = [],
  nowrap = [0],
}: {
  label: string;
  head: string[];
  rows: ReactNode[][];
  foot?: ReactNode[];
  numeric?: number[];
  /** Columns kept on one line (the first, a short name, by default); a wide table scrolls on a phone. */
  nowrap?: number[];
}) {
  const cls = (i: number) => [numeric.includes(i) ? 'num' : '', nowrap.includes(i) ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <ScrollRegion label={label}>
      <table className="paper-table">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={cls(i)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className={cls(j)}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr>
              {foot.map((c, j) => (
                <th key={j} scope={j === 0 ? 'row' : undefined} className={cls(j)}>
                  {c}
                </th>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </ScrollRegion>
  );
}

const Lines = ({ text }: { text: string }) => <p className="prewrap">{text}</p>;

function Introduction({ draft }: { draft: PaperDraft }) {
  const studies = draft.sessions.filter((s) => s.kind === 'study');
  return (
    <section className="paper-page" aria-labelledby="paper-intro">
      <h3 id="paper-intro">{paperChapters[0]}</h3>
      <h4>部会の概要</h4>
      <dl className="paper-facts">
        <dt>研究会名</dt>
        <dd>{program.name}</dd>
        <dt>目的（統一テーマ）</dt>
        <dd>{draft.theme ?? `${formatFiscalYear(draft.team.fiscalYear)}の統一テーマはまだ登録されていません`}</dd>
        <dt>主催</dt>
        <dd>{program.host}</dd>
      </dl>
      <p className="paper-label">運営メンバー</p>
      {draft.organizers.length ? (
        <ul className="paper-bullets">
          {draft.organizers.map((g) => (
            <li key={g.role}>
              {g.role}：{g.people.map((p) => (p.affiliation ? `${p.name}（${p.affiliation}）` : p.name)).join('、')}
            </li>
          ))}
        </ul>
      ) : (
        <Gap>運営メンバーがまだ登録されていません</Gap>
      )}
      <p className="paper-label">{formatFiscalYear(draft.team.fiscalYear)}の研究会</p>
      {studies.length ? (
        <Table
          label="研究会の一覧"
          head={['回', '期日', '開催地', 'テーマ']}
          nowrap={[0, 1]}
          rows={studies.map((s) => [`第${s.number}回`, formatEraSpanPlain(s.startsOn, s.endsOn), s.place || '—', s.agenda || '—'])}
        />
      ) : (
        <Gap>{paperGaps.sessions}</Gap>
      )}
      <p className="paper-label">3つの考え方</p>
      <ul className="paper-bullets">
        {program.principles.map(([name, meaning]) => (
          <li key={name}>
            {name}：{meaning}
          </li>
        ))}
      </ul>
      <p className="paper-label">4つのキーワード</p>
      <ul className="paper-bullets">
        {program.keywords.map(([name, meaning]) => (
          <li key={name}>
            {name}：{meaning}
          </li>
        ))}
      </ul>
      <h4>{draft.team.municipalityName}について</h4>
      {draft.texts.aboutMunicipality.trim() ? <Lines text={draft.texts.aboutMunicipality} /> : <Gap>{paperGaps.aboutMunicipality}</Gap>}
    </section>
  );
}

function Digest({ draft, charts }: { draft: PaperDraft; charts: PreviewCharts }) {
  const months = monthTable(draft.months);
  const chains = draft.chains.filter((c) => c.included);
  const surveys = draft.surveys.filter((s) => s.included);
  const questionCharts = new Map(charts.questions);
  return (
    <section className="paper-page" aria-labelledby="paper-digest">
      <h3 id="paper-digest">{paperChapters[1]}</h3>
      <h4>月ごとの主な活動</h4>
      {months.length ? (
        <Table label="月ごとの主な活動" head={['月', '主な活動']} rows={months.map((m) => [m.label, m.entries.join('／')])} />
      ) : (
        <Gap>{paperGaps.activities}</Gap>
      )}
      <h4>1年間の活動回数・時間</h4>
      {draft.totals.total.count ? (
        <>
          <Table
            label="種別ごとの活動回数と時間"
            head={['種別', '回数', '時間']}
            rows={draft.totals.byKind.map((r) => [r.label, counted(r.count, '回'), hours(r.minutes)])}
            foot={['合計', counted(draft.totals.total.count, '回'), hours(draft.totals.total.minutes)]}
            numeric={[1, 2]}
          />
          {charts.kinds ? <Chart svg={charts.kinds} label="種別ごとの活動時間のグラフ（数値は上の表にあります）" /> : null}
        </>
      ) : (
        <Gap>{paperGaps.activities}</Gap>
      )}
      <h4>モヤモヤ指数の推移</h4>
      {draft.moyamoya.length ? (
        <>
          {charts.moyamoya ? <Chart svg={charts.moyamoya} label="チームのモヤモヤ指数の推移のグラフ（数値は下の表にあります）" /> : null}
          <Table
            label="モヤモヤ指数とこの頃の自分たち"
            head={['研究会', '時期', 'モヤモヤ指数', 'この頃の自分たち']}
            nowrap={[0, 1, 2]}
            rows={draft.moyamoya.map((m) => [m.name, formatEraDatePlain(m.startsOn), `${m.level}%`, m.included ? m.reflection : ''])}
            numeric={[2]}
          />
        </>
      ) : (
        <Gap>{paperGaps.moyamoya}</Gap>
      )}
      <h4>見出した成果</h4>
      {draft.texts.findings.trim() ? <Lines text={draft.texts.findings} /> : <Gap>{paperGaps.findings}</Gap>}
      <h4>創り出した変化</h4>
      {draft.chains.length === 0 ? <Gap>{paperGaps.chains}</Gap> : chains.length === 0 ? <Gap>論文に載せる創り出した変化は選ばれていません</Gap> : null}
      {chains.map((c) => (
        <div key={c.id} className="paper-chain">
          <h5>{c.title}</h5>
          <ol className="paper-moments">
            {c.moments.map((m, i) => (
              <li key={i}>
                <strong>{m.stage}</strong>（{formatEraDatePlain(m.occurredOn)}）{m.description}
              </li>
            ))}
          </ol>
          {c.reflection.trim() ? (
            <>
              <p className="paper-label">考察</p>
              <Lines text={c.reflection} />
            </>
          ) : null}
          {c.step ? <p>共創のステップ：{c.step}</p> : null}
        </div>
      ))}
      <h4>アンケート結果</h4>
      {surveys.length === 0 ? <Gap>論文に載せるアンケート結果は選ばれていません</Gap> : null}
      {surveys.map((s) => (
        <div key={s.id} className="paper-survey">
          <h5>{s.title}</h5>
          <p>
            実施：{formatEraSpanPlain(s.heldOn, s.heldUntil)}　対象：{s.audience || '—'}　回答数：{s.respondents === null ? '—' : counted(s.respondents, '件')}
          </p>
          {[...s.questions]
            .sort((a, b) => a.position - b.position)
            .map((q, i) => {
              const svg = questionCharts.get(q.id);
              return (
                <div key={q.id} className="paper-question">
                  <p className="paper-label">
                    Q{i + 1}．{q.text}
                    {questionSummary(q)}
                  </p>
                  {svg ? <Chart svg={svg} label={`${q.text} の回答の割合のグラフ（数値は下の表にあります）`} /> : null}
                  {q.kind !== 'free_text' && q.options.length ? (
                    <Table label={`Q${i + 1}の回答`} head={['選択肢', '割合']} rows={q.options.map((o) => [o.label, shareText(o)])} numeric={[1]} />
                  ) : null}
                  {q.quotedAnswers.length ? (
                    <ul className="paper-bullets">
                      {q.quotedAnswers.map((a, j) => (
                        <li key={j}>「{a}」</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              );
            })}
        </div>
      ))}
    </section>
  );
}

function Details({ draft }: { draft: PaperDraft }) {
  return (
    <section className="paper-page" aria-labelledby="paper-details">
      <h3 id="paper-details">{paperChapters[2]}</h3>
      {draft.details.length === 0 ? <Gap>研究会・フォローアップ・対話自治体・インタビュー・報告の記録がまだありません</Gap> : null}
      {draft.details.map((s) => (
        <div key={s.key} className="paper-detail">
          <h4>{s.heading}</h4>
          {s.person ? <p>相手：{s.person}</p> : null}
          {s.withheld ? (
            <Gap>{withheldWords[s.withheld]}</Gap>
          ) : (
            <>
              {s.purpose ? <p>目的：{s.purpose}</p> : null}
              <p className="paper-label">【内容】</p>
              {s.content.length ? <Bullets items={s.content} /> : <Gap>記録がありません</Gap>}
              <p className="paper-label">【「モヤモヤ」と「気付き」】</p>
              {s.reflections.length ? <Bullets items={s.reflections} /> : <Gap>記録がありません</Gap>}
              {s.homework.length ? (
                <>
                  <p className="paper-label">【宿題】</p>
                  <Bullets items={s.homework} />
                </>
              ) : null}
            </>
          )}
        </div>
      ))}
    </section>
  );
}

export function PaperPreview({ draft, charts }: { draft: PaperDraft; charts: PreviewCharts }) {
  const { team } = draft;
  return (
    <div className="paper-preview">
      <section className="paper-page paper-cover" aria-label="表紙">
        <p className="paper-cover__year">{formatFiscalYear(team.fiscalYear)}</p>
        <p className="paper-cover__program">
          早稲田大学マニフェスト研究所 人材マネジメント部会
          <br />
          <span className="paper-cover__title">共同論文</span>
        </p>
        <p className="paper-cover__city">
          {team.prefecture} {team.municipalityName}
        </p>
        <p className="paper-cover__generation">
          第{team.generation}期 研究生（{team.generation}期生）
        </p>
        {draft.members.length ? (
          <ul className="paper-cover__members">
            {draft.members.map((m, i) => (
              <li key={i}>
                {[m.department, m.section].filter(Boolean).join(' ')}　{m.fullName}
              </li>
            ))}
          </ul>
        ) : (
          <Gap>メンバーがまだ登録されていません</Gap>
        )}
      </section>
      <section className="paper-page" aria-labelledby="paper-toc">
        <h3 id="paper-toc">目次</h3>
        <p className="muted">Wordで開くと、ページ番号つきの目次に更新されます。</p>
        <ol className="paper-toc">
          {paperChapters.map((chapter) => (
            <li key={chapter}>{chapter}</li>
          ))}
        </ol>
      </section>
      <Introduction draft={draft} />
      <Digest draft={draft} charts={charts} />
      <Details draft={draft} />
      <PaperOutlook draft={draft} />
      <PaperSheet draft={draft} />
    </div>
  );
}
