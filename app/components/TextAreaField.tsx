import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldShell } from './form';

type Props = {
  label: string;
  field: FieldMetadata<unknown>;
  hint?: ReactNode;
  required?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'defaultValue'>;

/** A long text field: label, hint and errors tied together like TextField. */
export function TextAreaField({ label, field, hint, required, ...rest }: Props) {
  return (
    <FieldShell label={label} field={field} hint={hint} required={required}>
      {(describedBy) => (
        <textarea
          id={field.id}
          name={field.name}
          defaultValue={(field.initialValue as string | undefined) ?? ''}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

/** A select over a code list, with the same label and error wiring. */
export function SelectField({
  label,
  field,
  options,
  hint,
  required,
}: {
  label: string;
  field: FieldMetadata<unknown>;
  options: readonly (readonly [string, string])[];
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <FieldShell label={label} field={field} hint={hint} required={required}>
      {(describedBy) => (
        <select
          id={field.id}
          name={field.name}
          defaultValue={(field.initialValue as string | undefined) ?? ''}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={describedBy}
          required={required}
        >
          <option value="">選んでください</option>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
