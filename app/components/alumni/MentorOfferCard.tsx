import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { FormMessage } from '~/components/form';
import { OnceToken } from '~/components/OnceToken';
import { TextAreaField } from '~/components/TextAreaField';
import { mentorOfferStatuses, type MentorOfferStatus } from '~/domain/codes';
import { formatFiscalYear } from '~/utils/dates';
import { replyFor, type FormReply } from '~/utils/form-reply';

type Team = { teamId: number; municipalityName: string; generation: number; fiscalYear: number };
type Offer = { id: number; status: MentorOfferStatus; message: string; offeredOn: string; decidedOn: string | null };
type Reply = FormReply<SubmissionResult<string[]>> | undefined;

/** This year's team of the alumnus's municipality, and their offer to mentor it: to make, waiting, or answered. */
export function MentorOfferCard({ team, offer, reply }: { team: Team; offer: Offer | null; reply: Reply }) {
  const formName = `offer-${team.teamId}`;
  const [form, fields] = useForm<{ teamId: string; message: string }>({ id: formName, lastResult: replyFor(reply, formName) });
  const title = `${team.municipalityName}チーム（${team.generation}期生・${formatFiscalYear(team.fiscalYear)}）`;
  return (
    <article className="card offer-card" aria-labelledby={`${formName}-heading`}>
      <h3 id={`${formName}-heading`}>
        <Link to={`/teams/${team.teamId}`}>{title}</Link>
        {offer ? <span className={`tag offer-status offer-status--${offer.status}`}>{mentorOfferStatuses.label[offer.status]}</span> : null}
      </h3>
      {offer ? <OfferState offer={offer} /> : null}
      {offer?.status === 'pending' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <input type="hidden" name="offerId" value={offer.id} />
          <button type="submit" className="button button--secondary">
            申し出を取り下げる
          </button>
        </Form>
      ) : null}
      {offer ? null : (
        <>
          <p>申し出はチームのメンバーに届きます。チームが承諾すると、メンターとしてチームの進み具合とシートを読み、アドバイスできるようになります。</p>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="offer" />
            <input type="hidden" name="teamId" value={team.teamId} />
            <OnceToken />
            <FormMessage id={form.errorId} errors={form.errors} />
            <TextAreaField
              label="チームへのひとこと（任意）"
              field={fields.message}
              rows={3}
              hint="例: 昨年度はキーパーソンインタビューで苦労しました。進め方の相談に乗れます。"
            />
            <button type="submit" className="button">
              このチームのメンターを申し出る
            </button>
          </Form>
        </>
      )}
    </article>
  );
}

function OfferState({ offer }: { offer: Offer }) {
  const on = (iso: string) => <EraDate iso={iso} western={false} />;
  return (
    <>
      {offer.status === 'pending' ? <p>{on(offer.offeredOn)}に申し出ました。チームの返事を待っています。</p> : null}
      {offer.status === 'accepted' && offer.decidedOn ? <p>{on(offer.decidedOn)}にチームが承諾しました。</p> : null}
      {offer.status === 'declined' && offer.decidedOn ? <p>{on(offer.decidedOn)}にチームが今回の申し出を辞退しました。</p> : null}
      {offer.message ? (
        <blockquote className="prewrap offer-message" aria-label="申し出のひとこと">
          {offer.message}
        </blockquote>
      ) : null}
    </>
  );
}
