import type { FieldMetadata } from '@conform-to/react';
import { FieldErrors } from '~/components/form';
import { homeworkStatuses } from '~/domain/codes';

export type HomeworkDefaults = { id?: number; body: string; status: string; dueOn: string | null; followUp: string; remove?: boolean };

type RowErrors = Partial<Record<'body' | 'status' | 'dueOn' | 'followUp', string[]>>;

/**
 * 宿題 rows inside the interview form: the saved ones, plus a few blank rows so that new items
 * can be added without JavaScript. A blank row is ignored; a saved one is removed with 「削除」.
 */
export function HomeworkRows({ field, defaults, blankRows }: { field: FieldMetadata<unknown[] | undefined>; defaults: HomeworkDefaults[]; blankRows: number }) {
  const submitted = field.getFieldList();
  // After a refused submission, show what was typed (with its errors); otherwise the saved rows.
  const rows: { values: HomeworkDefaults; errors: RowErrors }[] =
    submitted.length > 0
      ? submitted.map((row) => {
          const set = (row as FieldMetadata<Record<string, unknown>>).getFieldset();
          const value = (key: string) => (set[key]?.initialValue as string | undefined) ?? '';
          return {
            values: {
              id: Number(value('id')) || undefined,
              body: value('body'),
              status: value('status') || 'todo',
              dueOn: value('dueOn') || null,
              followUp: value('followUp'),
              remove: value('remove') === 'on',
            },
            errors: { body: set.body?.errors, status: set.status?.errors, dueOn: set.dueOn?.errors, followUp: set.followUp?.errors },
          };
        })
      : defaults.map((values) => ({ values, errors: {} }));
  const blanksShown = rows.filter((r) => !r.values.id && !r.values.body).length;
  for (let i = blanksShown; i < blankRows; i++) rows.push({ values: { body: '', status: 'todo', dueOn: null, followUp: '' }, errors: {} });

  return (
    <fieldset className="field homework">
      <legend>宿題（相手からの依頼）</legend>
      <p className="hint">インタビューの相手から頼まれたことと、その後の対応を記録します。使わない行は空欄のままで構いません。</p>
      <FieldErrors id={field.errorId} errors={field.errors} />
      {rows.map(({ values, errors }, i) => {
        const name = `${field.name}[${i}]`;
        const id = `homework-${i}`;
        return (
          <div key={i} className="homework-row" role="group" aria-label={`宿題 ${i + 1}`}>
            {/* Not type="hidden": a draft keeps which record each row is, so a restored row edits the same 宿題. */}
            {values.id ? <input type="text" hidden readOnly name={`${name}.id`} defaultValue={values.id} /> : null}
            <div className="field">
              <label htmlFor={`${id}-body`}>宿題 {i + 1} の内容</label>
              <textarea
                id={`${id}-body`}
                name={`${name}.body`}
                rows={2}
                defaultValue={values.body}
                aria-invalid={errors.body?.length ? true : undefined}
                aria-describedby={errors.body?.length ? `${id}-body-error` : undefined}
              />
              <FieldErrors id={`${id}-body-error`} errors={errors.body} />
            </div>
            <div className="homework-row__meta">
              <div className="field">
                <label htmlFor={`${id}-status`}>対応状況</label>
                <select id={`${id}-status`} name={`${name}.status`} defaultValue={values.status}>
                  {homeworkStatuses.codes.map((code) => (
                    <option key={code} value={code}>
                      {homeworkStatuses.label[code]}
                    </option>
                  ))}
                </select>
                <FieldErrors id={`${id}-status-error`} errors={errors.status} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-due`}>期限</label>
                <input
                  id={`${id}-due`}
                  type="date"
                  name={`${name}.dueOn`}
                  defaultValue={values.dueOn ?? ''}
                  aria-invalid={errors.dueOn?.length ? true : undefined}
                />
                <FieldErrors id={`${id}-due-error`} errors={errors.dueOn} />
              </div>
            </div>
            <div className="field">
              <label htmlFor={`${id}-follow`}>対応・フォローアップ</label>
              <textarea id={`${id}-follow`} name={`${name}.followUp`} rows={2} defaultValue={values.followUp} />
              <FieldErrors id={`${id}-follow-error`} errors={errors.followUp} />
            </div>
            {values.id ? (
              <label className="choice">
                <input type="checkbox" name={`${name}.remove`} defaultChecked={values.remove} /> この宿題を削除する
              </label>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
