import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { OnceToken } from '~/components/OnceToken';
import { Form } from '@remix-run/react';
import { DraftForm } from '~/components/DraftForm';
import { FormMessage, TextField } from '~/components/form';
import { MentorPicker, type MentorCandidate } from './MentorPicker';
import { TextAreaField } from '~/components/TextAreaField';
import { sheetSections } from '~/domain/sheet';
import { replyFor, type FormReply } from '~/utils/form-reply';

type Reply = FormReply<SubmissionResult<string[]>> | undefined;

/** The team assigns mentors; a mentor leaves advice (a sheet comment) and logs conversations. */
export function MentorForms({
  canAssign,
  isMentor,
  candidates,
  today,
  reply,
}: {
  canAssign: boolean;
  isMentor: boolean;
  candidates: MentorCandidate[];
  today: string;
  reply: Reply;
}) {
  const [assignForm, assign] = useForm<{ personId: string }>({ id: 'assign', lastResult: replyFor(reply, 'assign') });
  const [adviceForm, advice] = useForm<{ section: string; body: string }>({ id: 'advice', lastResult: replyFor(reply, 'advice') });
  const [talkForm, talk] = useForm<{ occurredOn: string; durationMinutes: string; title: string; notes: string }>({
    id: 'talk',
    lastResult: replyFor(reply, 'talk'),
    defaultValue: { occurredOn: today, durationMinutes: '60' },
  });
  return (
    <>
      {canAssign ? (
        <section className="form" aria-labelledby="assign-heading">
          <h2 id="assign-heading">メンターをお願いする</h2>
          <Form method="post" {...getFormProps(assignForm)}>
            <input type="hidden" name="intent" value="assign" />
            <FormMessage id={assignForm.errorId} errors={assignForm.errors} />
            <MentorPicker field={assign.personId} candidates={candidates} />
            <button type="submit" className="button">
              メンターをお願いする
            </button>
          </Form>
        </section>
      ) : null}
      {isMentor ? (
        <>
          <section className="form" aria-labelledby="advice-heading">
            <h2 id="advice-heading">アドバイスを届ける</h2>
            <p className="hint">シートの項目へのコメントとしてチームに届きます。</p>
            <DraftForm method="post" draftName="mentor-advice" {...getFormProps(adviceForm)}>
              <input type="hidden" name="intent" value="advice" />
              <FormMessage id={adviceForm.errorId} errors={adviceForm.errors} />
              <div className="field">
                <label htmlFor={advice.section.id}>シートの項目</label>
                <select id={advice.section.id} name={advice.section.name} defaultValue="focusInitiatives">
                  {sheetSections.map(([key, label]) => (
                    <option key={key} value={key}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <TextAreaField label="アドバイス" field={advice.body} rows={4} required />
              <button type="submit" className="button">
                アドバイスを届ける
              </button>
            </DraftForm>
          </section>
          <section className="form" aria-labelledby="talk-heading">
            <h2 id="talk-heading">対話を記録する</h2>
            <p className="hint">チームの活動記録に「マネ友との対話」として1件だけ載ります。</p>
            <Form method="post" {...getFormProps(talkForm)}>
              <input type="hidden" name="intent" value="talk" />
              <OnceToken />
              <FormMessage id={talkForm.errorId} errors={talkForm.errors} />
              <TextField label="日付" field={talk.occurredOn} type="date" required />
              <TextField label="時間（分）" field={talk.durationMinutes} type="number" min={0} max={1440} inputMode="numeric" required />
              <TextField label="内容" field={talk.title} required />
              <TextAreaField label="メモ" field={talk.notes} rows={3} />
              <button type="submit" className="button">
                対話を記録する
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
