import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { visibilities } from '~/domain/codes';
import { personWithRole, type PaperDraft } from '~/domain/paper';
import { formatEraDatePlain, formatMonthDay } from '~/utils/dates';
import { counted } from '~/utils/format';

// What goes into the 共同論文 draft, as boxes to tick inside the paper page's form. Each list posts the ids it
// showed (`shown…`) beside the ticked ones, so the server can tell a box left unticked from a record added since.

type Field = FieldMetadata<unknown>;

const ticked = (field: Field) => new Set([field.initialValue ?? []].flat().map(String));

function Box({ name, value, checked, children }: { name: string; value: number; checked: Set<string>; children: ReactNode }) {
  return (
    <li>
      <label className="choice">
        <input type="checkbox" name={name} value={value} defaultChecked={checked.has(String(value))} /> <span>{children}</span>
      </label>
    </li>
  );
}

function Shown({ name, ids }: { name: string; ids: number[] }) {
  return (
    <>
      {ids.map((id) => (
        <input key={id} type="hidden" name={name} value={id} />
      ))}
    </>
  );
}

const Tag = ({ visibility }: { visibility: keyof typeof visibilities.label }) => (
  <span className={visibility === 'program' ? 'tag tag--online' : 'tag'}>{visibilities.label[visibility]}</span>
);

export function PaperChoices({
  draft,
  fields,
}: {
  draft: PaperDraft;
  fields: Record<'changeIds' | 'activityIds' | 'sessionIds' | 'surveyIds' | 'interviewIds', Field>;
}) {
  const changes = ticked(fields.changeIds);
  const rows = ticked(fields.activityIds);
  const sessions = ticked(fields.sessionIds);
  const surveys = ticked(fields.surveyIds);
  const interviews = ticked(fields.interviewIds);
  return (
    <>
      <fieldset className="paper-choices">
        <legend>インタビューの内容</legend>
        <p className="hint">
          チェックしたインタビューだけ、【内容】と【「モヤモヤ」と「気付き」】が論文に入ります。チェックしないものは、相手の呼び方と役職だけが載ります。相手の了解を得たものだけを選んでください。
        </p>
        {draft.interviews.length ? (
          <ul className="plain-list">
            {draft.interviews.map((i) => (
              <Box key={i.id} name="interviewIds" value={i.id} checked={interviews}>
                {formatEraDatePlain(i.interviewedOn)} {personWithRole(i.label, i.role)} <Tag visibility={i.visibility} />
              </Box>
            ))}
          </ul>
        ) : (
          <p className="muted">インタビューの記録はまだありません。</p>
        )}
      </fieldset>

      <fieldset className="paper-choices">
        <legend>アンケート結果</legend>
        {draft.surveys.length ? (
          <ul className="plain-list">
            {draft.surveys.map((s) => (
              <Box key={s.id} name="surveyIds" value={s.id} checked={surveys}>
                {s.title}（{formatEraDatePlain(s.heldOn)}・{counted(s.questions.length, '件')}の質問） <Tag visibility={s.visibility} />
              </Box>
            ))}
          </ul>
        ) : (
          <p className="muted">アンケート結果はまだありません。</p>
        )}
      </fieldset>

      <fieldset className="paper-choices">
        <legend>創り出した変化</legend>
        <Shown name="shownChangeIds" ids={draft.chains.map((c) => c.id)} />
        {draft.chains.length ? (
          <ul className="plain-list">
            {draft.chains.map((c) => (
              <Box key={c.id} name="changeIds" value={c.id} checked={changes}>
                {c.title}
              </Box>
            ))}
          </ul>
        ) : (
          <p className="muted">創り出した変化はまだありません。</p>
        )}
      </fieldset>

      <fieldset className="paper-choices">
        <legend>この頃の自分たち（モヤモヤ指数の表）</legend>
        <Shown name="shownSessionIds" ids={draft.moyamoya.map((m) => m.sessionId)} />
        {draft.moyamoya.length ? (
          <ul className="plain-list">
            {draft.moyamoya.map((m) => (
              <Box key={m.sessionId} name="sessionIds" value={m.sessionId} checked={sessions}>
                {m.name}（{m.level}%）{m.reflection ? `：${m.reflection}` : ''}
              </Box>
            ))}
          </ul>
        ) : (
          <p className="muted">チームのモヤモヤ指数はまだありません。</p>
        )}
      </fieldset>

      <details className="paper-choices">
        <summary>月ごとの主な活動（表から外す行を選ぶ）</summary>
        <Shown name="shownActivityIds" ids={draft.months.flatMap((m) => m.items.map((i) => i.activityId))} />
        {draft.months.length ? (
          draft.months.map((m) => (
            <fieldset key={m.month} className="paper-month">
              <legend>{m.label}</legend>
              <ul className="plain-list">
                {m.items.map((i) => (
                  <Box key={i.activityId} name="activityIds" value={i.activityId} checked={rows}>
                    {formatMonthDay(i.occurredOn)} {i.text}
                  </Box>
                ))}
              </ul>
            </fieldset>
          ))
        ) : (
          <p className="muted">活動記録はまだありません。</p>
        )}
      </details>
    </>
  );
}
