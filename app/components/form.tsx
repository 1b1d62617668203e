import type { FieldMetadata } from '@conform-to/react';
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';

// Form pieces: a label, the control, a hint and the field's errors, tied together for screen readers.

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

type Props = {
  label: ReactNode;
  field: FieldMetadata<unknown>;
  hint?: ReactNode;
  required?: boolean;
  /** Password fields are emptied whenever this changes (each answer from the server). */
  clearOn?: unknown;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'defaultValue'>;

/** Label, required marker, hint and errors around one control, tied together for screen readers. */
export function FieldShell({
  label,
  field,
  hint,
  required,
  children,
}: {
  label: ReactNode;
  field: FieldMetadata<unknown>;
  hint?: ReactNode;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      {hint ? (
        <p id={`${field.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children(describedBy || undefined)}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextField({ label, field, hint, required, clearOn, type = 'text', ...rest }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (type === 'password' && ref.current) ref.current.value = '';
  }, [clearOn, type]);
  return (
    <FieldShell label={label} field={field} hint={hint} required={required}>
      {(describedBy) => (
        <input
          ref={ref}
          id={field.id}
          name={field.name}
          type={type}
          defaultValue={type === 'password' ? undefined : (field.initialValue as string | undefined)}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

/**
 * One checkbox beside its words (label.choice, the one way a choice is shown), ticked again from what
 * the server sent back after a refusal.
 */
export function CheckboxField({
  label,
  field,
  ...rest
}: { label: ReactNode; field: FieldMetadata<unknown> } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'type' | 'defaultChecked'>) {
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          id={field.id}
          name={field.name}
          defaultChecked={field.initialValue === 'on'}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={field.errors?.length ? field.errorId : undefined}
          {...rest}
        />
        <span>{label}</span>
      </label>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A message for the whole form (e.g. a failed sign-in), announced to screen readers. */
export function FormMessage({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-message" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}
