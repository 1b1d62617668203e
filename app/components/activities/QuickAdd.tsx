import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { OnceToken } from '~/components/OnceToken';
import { FieldErrors, FormMessage, factsOf } from '~/components/form';
import { activityKinds, type ActivityKind } from '~/domain/codes';
import { DurationPicker } from './DurationPicker';
import { KindSuggestion } from './KindSuggestion';

type Fields = { kind: string; occurredOn: string; title: string; durationPick: string; durationMinutes: string };

/** 廊下で30秒: the kind, the day (today), an optional title, save. Sized for a 360 px phone. */
export function QuickAdd({
  kinds,
  today,
  lastResult,
  interviewHref,
}: {
  kinds: ActivityKind[];
  today: string;
  lastResult?: SubmissionResult<string[]>;
  /** Where an interview is recorded, offered when the title names one. */
  interviewHref: string;
}) {
  const [form, fields] = useForm<Fields>({
    id: 'quick-add',
    lastResult,
    defaultValue: { kind: 'meeting', occurredOn: today, durationPick: '60' },
  });
  const busy = useNavigation().formData?.get('intent') === 'quick';
  // Each read once (conform answers every read of a field's property anew).
  const kind = factsOf(fields.kind);
  const occurredOn = factsOf(fields.occurredOn);
  const title = factsOf(fields.title);
  const durationMinutes = factsOf(fields.durationMinutes);
  const durationPick = factsOf(fields.durationPick);
  return (
    <section className="quick-add" aria-labelledby="quick-add-heading">
      <h2 id="quick-add-heading">すばやく記録</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="quick" />
        <OnceToken />
        <FormMessage id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={kind.id}>種別</label>
          <select id={kind.id} name={kind.name} defaultValue={kind.initialValue as string} aria-invalid={kind.errors ? true : undefined}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {activityKinds.label[k]}
              </option>
            ))}
          </select>
          <FieldErrors id={kind.errorId} errors={kind.errors} />
        </div>
        <div className="field">
          <label htmlFor={occurredOn.id}>日付</label>
          <input
            id={occurredOn.id}
            name={occurredOn.name}
            type="date"
            required
            defaultValue={occurredOn.initialValue as string}
            aria-invalid={occurredOn.errors ? true : undefined}
          />
          <FieldErrors id={occurredOn.errorId} errors={occurredOn.errors} />
        </div>
        <div className="field">
          <label htmlFor={title.id}>
            タイトル<span className="optional">任意</span>
          </label>
          <input
            id={title.id}
            name={title.name}
            type="text"
            maxLength={200}
            placeholder="例: 全庁アンケートの設問づくり"
            defaultValue={title.initialValue as string | undefined}
            aria-invalid={title.errors ? true : undefined}
          />
          <FieldErrors id={title.errorId} errors={title.errors} />
          <KindSuggestion formId={form.id} defaultKind="meeting" kinds={kinds} interviewHref={interviewHref} />
        </div>
        <DurationPicker
          id="quick"
          defaultMinutes={Number(durationMinutes.initialValue ?? durationPick.initialValue ?? 60)}
          errors={durationMinutes.errors ?? durationPick.errors}
          errorId={durationMinutes.errorId}
        />
        <button type="submit" className="button button--wide" disabled={busy}>
          {busy ? '記録しています…' : '記録する'}
        </button>
      </Form>
    </section>
  );
}
