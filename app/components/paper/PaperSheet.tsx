import { paperChapters, paperGaps, type PaperDraft } from '~/domain/paper';
import { sheetSections, type SheetContent, type SheetItem } from '~/domain/sheet';

// 次年度に向けた展望 and 付記: the latest change-story sheet, as the paper quotes it (without its evidence links,
// which point into the app).

export const Bullets = ({ items }: { items: string[] }) => (
  <ul className="paper-bullets">
    {items.map((t, i) => (
      <li key={i}>{t}</li>
    ))}
  </ul>
);

const Text = ({ value }: { value: string }) => (value.trim() ? <p className="prewrap">{value}</p> : <p className="paper-gap">記載なし。</p>);
const Items = ({ items }: { items: SheetItem[] }) => (items.length ? <Bullets items={items.map((i) => i.text)} /> : <p className="paper-gap">記載なし。</p>);

function Scenario({ c }: { c: SheetContent }) {
  return (
    <>
      <p className="paper-label">オフィシャルルート</p>
      <Text value={c.scenario.official} />
      <p className="paper-label">オフサイトルート</p>
      <Text value={c.scenario.offsite} />
    </>
  );
}

function ActionPlan({ c }: { c: SheetContent }) {
  return (
    <>
      <p className="paper-label">まず取り組む</p>
      <Items items={c.actionPlan.first} />
      <p className="paper-label">次に取り組む</p>
      <Items items={c.actionPlan.next} />
      <p className="paper-label">さらに取り組む</p>
      <Items items={c.actionPlan.further} />
    </>
  );
}

const keywordFields = [
  ['立ち位置を変える', 'standpoint'],
  ['価値前提で考える', 'valueBased'],
  ['一人称で捉え語る', 'firstPerson'],
  ['ドミナントロジックを転換する', 'dominantLogic'],
] as const;

export function PaperOutlook({ draft }: { draft: PaperDraft }) {
  const sheet = draft.sheet;
  return (
    <section className="paper-page" aria-labelledby="paper-outlook">
      <h3 id="paper-outlook">{paperChapters[3]}</h3>
      {sheet ? (
        <>
          <p className="muted">
            変革ストーリーシート 第{sheet.version}版{sheet.tag ? `（${sheet.tag}）` : ''}から
          </p>
          <h4>10年後のありたい姿</h4>
          <Text value={sheet.content.idealIn10Years} />
          <h4>目指す組織・職員像</h4>
          <Text value={sheet.content.targetOrganization} />
          <h4>1年後に目指す状態</h4>
          <Text value={sheet.content.oneYearGoal} />
          <h4>取組シナリオ</h4>
          <Scenario c={sheet.content} />
          <h4>アクションプラン</h4>
          <ActionPlan c={sheet.content} />
        </>
      ) : (
        <p className="paper-gap">{paperGaps.sheet}。</p>
      )}
    </section>
  );
}

export function PaperSheet({ draft }: { draft: PaperDraft }) {
  const sheet = draft.sheet;
  return (
    <section className="paper-page" aria-labelledby="paper-appendix">
      <h3 id="paper-appendix">{paperChapters[4]}</h3>
      {sheet ? (
        <>
          <h4>
            変革ストーリーシート（第{sheet.version}版{sheet.tag ? `・${sheet.tag}` : ''}）
          </h4>
          {sheetSections.map(([key, title]) => (
            <div key={key}>
              <h5>{title}</h5>
              {key === 'focusInitiatives' ? (
                <Items items={sheet.content.focusInitiatives} />
              ) : key === 'actionPlan' ? (
                <ActionPlan c={sheet.content} />
              ) : key === 'scenario' ? (
                <Scenario c={sheet.content} />
              ) : key === 'keywords' ? (
                keywordFields.map(([name, field]) => (
                  <div key={field}>
                    <p className="paper-label">{name}</p>
                    <Text value={sheet.content.keywords[field]} />
                  </div>
                ))
              ) : (
                <Text value={sheet.content[key]} />
              )}
            </div>
          ))}
        </>
      ) : (
        <p className="paper-gap">{paperGaps.sheet}。</p>
      )}
    </section>
  );
}
