import type { FieldMetadata } from '@conform-to/react';
import { visibilities } from '~/domain/codes';
import { FieldErrors } from './form';

// Said plainly, because picking the wrong one can put a mayor's words in front of the wrong people.
const visibilityHelp: Record<(typeof visibilities.codes)[number], string> = {
  team: 'チームのメンバーだけが読めます。迷ったらこちら（初期設定）。',
  municipality: 'メンバーに加えて、同じ自治体の人事課とマネ友（これまでの期のメンバー）も読めます。',
  program: 'さらに、部会の事務局・幹事と対話自治体のチームも読めます。',
};

/** 公開範囲 of an interview or a survey: the three levels, each with who reads it. */
export function VisibilityField({ field }: { field: FieldMetadata<unknown> }) {
  const visibility = (field.initialValue as string | undefined) ?? 'team';
  return (
    <fieldset className="field">
      <legend>公開範囲</legend>
      {visibilities.codes.map((code) => (
        <label key={code} className="choice">
          <input type="radio" name={field.name} value={code} defaultChecked={visibility === code} />
          <span>
            <strong>{visibilities.label[code]}</strong>
            <span className="hint">{visibilityHelp[code]}</span>
          </span>
        </label>
      ))}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
