import type { FieldMetadata } from '@conform-to/react';
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';

// Form pieces: a label, the control, a hint and the field's errors, tied together for screen readers.

/** What a field's pieces read of it. */
type FieldFacts = { id: string; name: string; errorId: string; errors: string[] | undefined; initialValue: unknown };

/**
 * A field's facts read once per render: conform answers each read of a property through a new proxy and
 * bookkeeping of what was read, and a field's pieces read its id, errors and error id several times each
 * (decision 0027).
 */
export function factsOf(field: FieldMetadata<unknown> | FieldFacts): FieldFacts {
  const { id, name, errorId, errors, initialValue } = field;
  return { id, name, errorId, errors, initialValue };
}

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
  field: FieldMetadata<unknown> | FieldFacts;
  hint?: ReactNode;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const { id, errorId, errors } = factsOf(field);
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children(describedBy || undefined)}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function TextField({ label, field: metadata, hint, required, clearOn, type = 'text', ...rest }: Props) {
  const field = factsOf(metadata);
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
  field: metadata,
  ...rest
}: { label: ReactNode; field: FieldMetadata<unknown> } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'type' | 'defaultChecked'>) {
  const field = factsOf(metadata);
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
