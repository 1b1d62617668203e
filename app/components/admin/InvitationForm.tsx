import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useEffect, useState, type ReactNode } from 'react';
import { CheckboxField, FieldErrors, FieldShell, FormMessage, TextField } from '~/components/form';
import { organizerRoles } from '~/domain/codes';
import { invitationScopes, isInvitationScope, scopesOfField, type InvitationScopeField } from '~/domain/invitation-scopes';

type InvitationFields = Record<'email' | 'fullName' | 'scope' | InvitationScopeField, string>;

type Choices = {
  teams: { id: number; name: string; fiscalYear: number }[];
  municipalities: { id: number; name: string; prefecture: string }[];
};

/**
 * 招待リンクを作成 on /admin/accounts: the scope first, then the fields of the chosen scope only. Without
 * JavaScript every field shows, each saying whom it is for, and the server reads the chosen scope's
 * fields only. A field hidden when another scope is chosen keeps what was typed, for switching back.
 */
export function InvitationForm({ choices, lastResult }: { choices: Choices; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm<InvitationFields>({ lastResult, defaultValue: { scope: 'member', role: 'kanji' } });
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  const chosen = isInvitationScope(fields.scope.value) ? fields.scope.value : null;
  const initialScope = isInvitationScope(fields.scope.initialValue) ? fields.scope.initialValue : null;

  /**
   * A field of some scopes: hidden and not sent while another scope is chosen. Without JavaScript its
   * label says whom it is for (「チーム（メンバーの場合は必須）」).
   */
  const forScopes = (
    name: InvitationScopeField,
    render: (field: { label: (text: string) => ReactNode; disabled: boolean; required: boolean }) => ReactNode,
    required = false,
  ) => {
    const scopes = scopesOfField(name);
    const hidden = inBrowser && !(chosen && scopes.includes(chosen));
    const whom = `${scopes.map((code) => invitationScopes.short[code]).join('・')}の場合${required ? 'は必須' : ''}`;
    const label = (text: string) => (
      <>
        {text}
        {inBrowser ? null : <span className="scope-note">（{whom}）</span>}
      </>
    );
    return (
      <div key={name} hidden={hidden}>
        {render({ label, disabled: hidden, required: required && inBrowser })}
      </div>
    );
  };

  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="invite" />
      <FormMessage id={form.errorId} errors={form.errors} />
      <TextField label="メールアドレス" field={fields.email} type="email" autoComplete="off" required />
      <TextField label="氏名" field={fields.fullName} autoComplete="off" required />
      <fieldset className="field" aria-describedby={fields.scope.errors?.length ? fields.scope.errorId : undefined}>
        <legend>
          立場<span className="required">必須</span>
        </legend>
        {invitationScopes.codes.map((code) => (
          <label key={code} className="choice">
            <input type="radio" name={fields.scope.name} value={code} defaultChecked={initialScope === code} />
            <span>{invitationScopes.label[code]}</span>
          </label>
        ))}
        <FieldErrors id={fields.scope.errorId} errors={fields.scope.errors} />
      </fieldset>
      {forScopes(
        'teamId',
        ({ label, disabled, required }) => (
          <Select label={label('チーム')} field={fields.teamId} disabled={disabled} required={required}>
            {choices.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}（{t.fiscalYear}年度）
              </option>
            ))}
          </Select>
        ),
        true,
      )}
      {forScopes(
        'municipalityId',
        ({ label, disabled, required }) => (
          <Select label={label('自治体')} field={fields.municipalityId} disabled={disabled} required={required}>
            {choices.municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.prefecture} {m.name}
              </option>
            ))}
          </Select>
        ),
        true,
      )}
      {forScopes('department', ({ label, disabled }) => (
        <TextField label={label('部署（部・局）')} field={fields.department} hint="例: 総務部" autoComplete="off" disabled={disabled} />
      ))}
      {forScopes('section', ({ label, disabled }) => (
        <TextField label={label('課・係')} field={fields.section} hint="例: 人事課" autoComplete="off" disabled={disabled} />
      ))}
      {forScopes('isHrSlot', ({ label, disabled }) => (
        <CheckboxField label={label('人事担当課枠')} field={fields.isHrSlot} disabled={disabled} />
      ))}
      {forScopes('role', ({ label, disabled }) => (
        <Select label={label('役割')} field={fields.role} disabled={disabled} placeholder={null}>
          {organizerRoles.codes.map((code) => (
            <option key={code} value={code}>
              {organizerRoles.label[code]}
            </option>
          ))}
        </Select>
      ))}
      {forScopes('affiliation', ({ label, disabled }) => (
        <TextField label={label('所属')} field={fields.affiliation} hint="例: 〇〇市役所、〇〇大学" autoComplete="off" disabled={disabled} />
      ))}
      <button type="submit" className="button">
        招待リンクを作成
      </button>
    </Form>
  );
}

/** A select with its label and errors; the first option asks to choose unless `placeholder` is null. */
function Select({
  label,
  field,
  disabled,
  required = false,
  placeholder = '選んでください',
  children,
}: {
  label: ReactNode;
  field: FieldMetadata<unknown>;
  disabled: boolean;
  required?: boolean;
  placeholder?: string | null;
  children: ReactNode;
}) {
  return (
    <FieldShell label={label} field={field} required={required}>
      {(describedBy) => (
        <select
          id={field.id}
          name={field.name}
          defaultValue={(field.initialValue as string | undefined) ?? ''}
          aria-invalid={field.errors?.length ? true : undefined}
          aria-describedby={describedBy}
          disabled={disabled}
          required={required}
        >
          {placeholder === null ? null : <option value="">{placeholder}</option>}
          {children}
        </select>
      )}
    </FieldShell>
  );
}
