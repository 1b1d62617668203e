import { Form } from '@remix-run/react';
import { EraDate } from '~/components/EraDate';
import { FormMessage } from '~/components/form';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';

type Offer = { id: number; fullName: string; message: string; offeredOn: string; lastYear: number | null; generation: number | null };
type Reply = { form: string; result: { error?: Record<string, string[] | null> | null } } | undefined;

/** マネ友 who offered to mentor the team, waiting for its answer (the team's members and organizers). */
export function PendingOffers({ offers, reply }: { offers: Offer[]; reply: Reply }) {
  if (offers.length === 0) return null;
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">メンターの申し出（{counted(offers.length, '件')}）</h2>
      <p className="hint">承諾すると、その方がこのチームのメンターになり、進み具合とシートを読んでアドバイスできるようになります。</p>
      <ul className="offer-list">
        {offers.map((o) => {
          const errors = reply?.form === `offer-${o.id}` ? (reply.result.error?.[''] ?? undefined) : undefined;
          return (
            <li key={o.id} className="card offer-card">
              <h3>
                {o.fullName}
                {o.generation && o.lastYear ? (
                  <span className="muted">
                    （{o.generation}期生・{formatFiscalYear(o.lastYear)}）
                  </span>
                ) : null}
              </h3>
              <p className="muted">
                <EraDate iso={o.offeredOn} western={false} />
                に申し出
              </p>
              {o.message ? <p className="prewrap offer-message">{o.message}</p> : null}
              <FormMessage id={`offer-${o.id}-errors`} errors={errors} />
              <div className="button-row">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="offerId" value={o.id} />
                  <button type="submit" className="button">
                    承諾してメンターをお願いする
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="offerId" value={o.id} />
                  <button type="submit" className="button button--secondary">
                    辞退する
                  </button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
