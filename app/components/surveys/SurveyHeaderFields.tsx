import type { FieldMetadata } from '@conform-to/react';
import { FieldShell, TextField } from '~/components/form';
import { VisibilityField } from '~/components/VisibilityField';
import { formatEraDate } from '~/utils/dates';

type Field = FieldMetadata<unknown>;
export type ActivityChoice = { id: number; occurredOn: string; title: string };

type Props = {
  fields: Record<'title' | 'heldOn' | 'heldUntil' | 'audience' | 'visibility' | 'durationMinutes' | 'activityId', Field> & { respondents?: Field };
  /** アンケート entries of the log that are no survey's yet; offered only when a survey is made. */
  activityChoices?: ActivityChoice[];
};

/** What every survey form asks about the survey itself: its title, dates, who was asked, who may read it. */
export function SurveyHeaderFields({ fields, activityChoices = [] }: Props) {
  return (
    <>
      <TextField label="タイトル" field={fields.title} hint="例: 全職員アンケート、若手職員アンケート" required />
      <TextField label="実施日" field={fields.heldOn} type="date" required hint="回答を受け付けた最初の日。" />
      <TextField label="終了日（任意）" field={fields.heldUntil} type="date" hint="何日かにわたって回答を受け付けた場合の最後の日。" />
      <TextField label="対象" field={fields.audience} hint="例: 全職員、入庁10年目までの職員、マネ友" />
      {fields.respondents ? (
        <TextField label="回答数（任意）" field={fields.respondents} type="number" inputMode="numeric" min={0} hint="分かる場合は回答した人数を入力します。" />
      ) : null}
      <TextField
        label="所要時間（分）"
        field={fields.durationMinutes}
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        step={5}
        hint="活動記録の時間に数えます。分からなければ空欄で構いません。"
      />
      {activityChoices.length ? (
        <FieldShell
          label="活動記録との結び付け"
          field={fields.activityId}
          hint="活動記録にこのアンケートの実施をすでに記録している場合は選んでください。選ばなければ、活動記録に1件追加します。"
        >
          {(describedBy) => (
            <select
              id={fields.activityId.id}
              name={fields.activityId.name}
              defaultValue={(fields.activityId.initialValue as string | undefined) ?? ''}
              aria-describedby={describedBy}
              aria-invalid={fields.activityId.errors?.length ? true : undefined}
            >
              <option value="">新しく活動記録に追加する</option>
              {activityChoices.map((a) => (
                <option key={a.id} value={a.id}>
                  {formatEraDate(a.occurredOn)}　{a.title}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
      ) : null}
      <VisibilityField field={fields.visibility} />
    </>
  );
}
