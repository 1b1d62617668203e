import type { FieldMetadata } from '@conform-to/react';
import { FieldErrors, TextField } from '~/components/form';
import { TextAreaField } from '~/components/TextAreaField';
import { sessionKinds } from '~/domain/codes';

type Fields = Record<'kind' | 'number' | 'startsOn' | 'endsOn' | 'isOnline' | 'venue' | 'agenda', FieldMetadata<unknown>>;

/** The fields of a session, shared by the new-session form and the edit page. */
export function SessionFields({ fields }: { fields: Fields }) {
  const value = (f: FieldMetadata<unknown>) => (f.initialValue as string | undefined) ?? undefined;
  return (
    <>
      <div className="field">
        <label htmlFor={fields.kind.id}>
          種類<span className="required">必須</span>
        </label>
        <select id={fields.kind.id} name={fields.kind.name} defaultValue={value(fields.kind) ?? 'study'}>
          {sessionKinds.codes.map((code) => (
            <option key={code} value={code}>
              {sessionKinds.label[code]}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <TextField label="回（第何回か）" field={fields.number} type="number" min={1} max={99} required />
      <TextField label="開催日" field={fields.startsOn} type="date" required />
      <TextField label="2日目（2日間の場合）" field={fields.endsOn} type="date" />
      <div className="field">
        <label className="choice">
          <input type="checkbox" name={fields.isOnline.name} defaultChecked={value(fields.isOnline) === 'on'} /> オンライン（Zoom など）
        </label>
      </div>
      <TextField label="会場" field={fields.venue} hint="例: 早稲田大学 大隈記念講堂、甲府市（甲府市役所 大会議室）" />
      <TextAreaField label="テーマ・議題" field={fields.agenda} rows={3} />
    </>
  );
}
