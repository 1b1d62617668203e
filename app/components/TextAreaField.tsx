import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldErrors } from './form';

type Props = {
  label: string;
  field: FieldMetadata<unknown>;
  hint?: ReactNode;
  required?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'defaultValue'>;

/** A long text field: label, hint and errors tied together like TextField. */
export function TextAreaField({ label, field, hint, required, ...rest }: Props) {
  const describedBy = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      {hint ? <p id={`${field.id}-hint`} className="hint">{hint}</p> : null}
      <textarea
        id={field.id}
        name={field.name}
        defaultValue={(field.initialValue as string | undefined) ?? ''}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={required}
        {...rest}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A select over a code list, with the same label and error wiring. */
export function SelectField({
  label, field, options, hint, required,
}: { label: string; field: FieldMetadata<unknown>; options: readonly (readonly [string, string])[]; hint?: ReactNode; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      {hint ? <p id={`${field.id}-hint`} className="hint">{hint}</p> : null}
      <select
        id={field.id}
        name={field.name}
        defaultValue={(field.initialValue as string | undefined) ?? ''}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={field.errors?.length ? field.errorId : undefined}
        required={required}
      >
        <option value="">選んでください</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>{text}</option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
