import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { BaseVersionInput } from '~/components/BaseVersionInput';
import type { ReactNode } from 'react';
import { DraftForm } from '~/components/DraftForm';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { activityKinds, sessionKinds, type ActivityKind, type SessionKind } from '~/domain/codes';
import { formatMonthDay } from '~/utils/dates';
import { DurationPicker } from './DurationPicker';
import { KindSuggestion } from './KindSuggestion';

export type ActivityChoices = {
  kinds: ActivityKind[];
  members: { personId: number; fullName: string }[];
  sessions: { id: number; kind: SessionKind; number: number; startsOn: string }[];
  interviews: { id: number; interviewee: string; interviewedOn: string }[];
};

export type ActivityDefaults = {
  kind: ActivityKind;
  occurredOn: string;
  startsAt?: string | null;
  durationMinutes?: number;
  title?: string;
  attendeeIds?: number[];
  guests?: string;
  notes?: string;
  sessionId?: number | null;
  interviewId?: number | null;
};

type Fields = Record<
  'kind' | 'occurredOn' | 'startsAt' | 'durationPick' | 'durationMinutes' | 'title' | 'guests' | 'notes' | 'sessionId' | 'interviewId',
  string
> & { attendeeIds: string[] };

/** Every field of an entry; the notes are long, so what is typed is kept as a draft until saved. */
export function ActivityForm({
  choices,
  defaults,
  lastResult,
  submitLabel,
  draftName,
  version,
  notice,
  suggest,
}: {
  choices: ActivityChoices;
  defaults: ActivityDefaults;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  draftName: string;
  /** The version an edit is based on; after a refused save, the newer one. */
  version?: number;
  /** Above the fields: why the last save was refused (someone else saved first). */
  notice?: ReactNode;
  /** A new entry: offer the kind its title names (and the interview form for an interview). */
  suggest?: { interviewHref: string };
}) {
  const [form, fields] = useForm<Fields>({
    lastResult,
    defaultValue: {
      ...defaults,
      startsAt: defaults.startsAt ?? '',
      durationMinutes: defaults.durationMinutes != null ? String(defaults.durationMinutes) : '',
      attendeeIds: (defaults.attendeeIds ?? []).map(String),
      sessionId: defaults.sessionId ? String(defaults.sessionId) : '',
      interviewId: defaults.interviewId ? String(defaults.interviewId) : '',
    },
  });
  const value = (name: keyof Fields) => (fields[name].initialValue as string | undefined) ?? '';
  const checked = new Set([fields.attendeeIds.initialValue ?? []].flat().map(String));
  const typedMinutes = value('durationMinutes') || value('durationPick');
  return (
    <DraftForm method="post" draftName={draftName} {...getFormProps(form)} className="form activity-form">
      <input type="hidden" name="intent" value="save" />
      {notice}
      {version ? <BaseVersionInput version={version} /> : null}
      <FormMessage id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.kind.id}>
          種別<span className="required">必須</span>
        </label>
        <select id={fields.kind.id} name={fields.kind.name} defaultValue={value('kind')}>
          {choices.kinds.map((k) => (
            <option key={k} value={k}>
              {activityKinds.label[k]}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <TextField label="日付" field={fields.occurredOn} type="date" required />
      <TextField label="開始時刻（任意）" field={fields.startsAt} type="time" hint="例: 18:30" />
      <DurationPicker
        id="full"
        defaultMinutes={typedMinutes === '' ? null : Number(typedMinutes)}
        errors={fields.durationMinutes.errors ?? fields.durationPick.errors}
        errorId={fields.durationMinutes.errorId}
      />
      <TextField label="タイトル" field={fields.title} required maxLength={200} />
      {suggest ? <KindSuggestion formId={form.id} defaultKind={defaults.kind} kinds={choices.kinds} interviewHref={suggest.interviewHref} /> : null}
      <fieldset className="field">
        <legend>参加したメンバー</legend>
        {choices.members.map((m) => (
          <label key={m.personId} className="choice choice--large">
            <input type="checkbox" name="attendeeIds" value={m.personId} defaultChecked={checked.has(String(m.personId))} /> {m.fullName}
          </label>
        ))}
        <FieldErrors id={fields.attendeeIds.errorId} errors={fields.attendeeIds.errors} />
      </fieldset>
      <TextField label="ゲスト（チーム外の参加者）" field={fields.guests} hint="例: 人事課長、マネ友 山田さん" />
      <div className="field">
        <label htmlFor={fields.notes.id}>メモ</label>
        <textarea id={fields.notes.id} name={fields.notes.name} rows={10} defaultValue={value('notes')} aria-invalid={fields.notes.errors ? true : undefined} />
        <FieldErrors id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.sessionId.id}>関連する研究会（任意）</label>
        <select id={fields.sessionId.id} name={fields.sessionId.name} defaultValue={value('sessionId')}>
          <option value="">なし</option>
          {choices.sessions.map((s) => (
            <option key={s.id} value={s.id}>
              第{s.number}回{sessionKinds.label[s.kind]}（{formatMonthDay(s.startsOn)}）
            </option>
          ))}
        </select>
        <FieldErrors id={fields.sessionId.errorId} errors={fields.sessionId.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.interviewId.id}>関連するインタビュー（任意）</label>
        <select id={fields.interviewId.id} name={fields.interviewId.name} defaultValue={value('interviewId')}>
          <option value="">なし</option>
          {choices.interviews.map((i) => (
            <option key={i.id} value={i.id}>
              {i.interviewee}（{formatMonthDay(i.interviewedOn)}）
            </option>
          ))}
        </select>
        <FieldErrors id={fields.interviewId.errorId} errors={fields.interviewId.errors} />
      </div>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </DraftForm>
  );
}
