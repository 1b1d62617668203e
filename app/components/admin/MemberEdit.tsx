import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { DraftForm } from '~/components/DraftForm';
import { VersionParts, type Stale } from '~/components/StaleNotice';
import { FormMessage, TextField } from '~/components/form';
import type { memberDetailsSchema } from '~/schemas/team-member';
import type { FormShape } from '~/schemas/types';

type Member = { id: number; fullName: string; department: string; section: string; isHrSlot: boolean };

/**
 * 編集 under one member of the organizer's team page: department and section, moving the
 * 人事担当課枠 to this member, and removing them from the team. Folded away until opened (a phone shows the list first); opened again
 * when the server refused something, with what was typed still in place.
 */
export function MemberEdit({
  member,
  holder,
  lastResult,
  hrErrors,
  version,
  stale,
}: {
  member: Member;
  /** Who holds the slot now, as a sentence subject (「山田 花子さん」「招待中の山田 花子さん」), or null. */
  holder: string | null;
  lastResult?: SubmissionResult<string[]>;
  hrErrors?: string[];
  /** The version the details form rests on and, after a refused save, why it was refused. */
  version: number;
  stale: Stale | null;
}) {
  const [form, fields] = useForm<FormShape<typeof memberDetailsSchema>>({
    id: `member-${member.id}`,
    lastResult,
    defaultValue: { department: member.department, section: member.section },
  });
  return (
    <details className="member-edit" open={Boolean(lastResult || hrErrors?.length)}>
      <summary>
        編集<span className="visually-hidden">：{member.fullName}</span>
      </summary>
      <DraftForm draftName={form.id} method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="update-member" />
        <input type="hidden" name="memberId" value={member.id} />
        <VersionParts version={version} stale={stale} />
        <FormMessage id={form.errorId} errors={form.errors} />
        <TextField label="部署（部・局）" field={fields.department} hint="例: 総務部" autoComplete="off" />
        <TextField label="課・係" field={fields.section} hint="例: 人事課" autoComplete="off" />
        <button type="submit" className="button">
          所属を保存
        </button>
      </DraftForm>
      <div className="member-edit__hr">
        {member.isHrSlot ? (
          <p className="muted">このメンバーが人事担当課枠です。ほかのメンバーに移すときは、移す先のメンバーの「編集」から操作してください。</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="hr-slot" />
            <input type="hidden" name="memberId" value={member.id} />
            <FormMessage id={`member-${member.id}-hr-error`} errors={hrErrors} />
            <p className="hint">
              人事担当課枠は1チームに1名です。{holder ? `${holder}から、このメンバーに移ります。` : 'いまは誰も人事担当課枠になっていません。'}
            </p>
            <button type="submit" className="button button--secondary">
              人事担当課枠をこのメンバーに移す
            </button>
          </Form>
        )}
      </div>
      <Form method="post" className="member-edit__remove">
        <input type="hidden" name="intent" value="archive" />
        <input type="hidden" name="memberId" value={member.id} />
        <button type="submit" className="link-button">
          チームから外す
        </button>
        <span className="hint">（記録は残り、あとで元に戻せます）</span>
      </Form>
    </details>
  );
}
