import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { facilitatorRequestStatuses } from '~/domain/codes';
import { acceptOffer, addOffer, getRequest, isRequester, listOffers, moveRequest } from '~/models/facilitator-requests.server';
import { facilitatorOfferSchema } from '~/schemas/alumni';
import { requireViewer } from '~/utils/auth.server';
import { formatDateTime } from '~/utils/dates';
import { counted } from '~/utils/format';
import { formIdOrZero, requireIdParam } from '~/utils/http.server';
import { isAlumnus, type IntentNeeds, type ViewerNeed } from '~/utils/permissions';
import { actorOf, denyNotFound, requireIntent } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '世話人派遣の依頼 | 人マネ トラッカー' }];

async function load(request: Request, requestId: number) {
  const viewer = await requireViewer(request);
  const found = await getRequest(requestId);
  if (!found) return denyNotFound(request, viewer, { facilitatorRequestId: requestId });
  return { viewer, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, found } = await load(request, requireIdParam(params.requestId));
  const offers = await listOffers(found.id);
  return {
    request: found,
    offers,
    requester: await isRequester(viewer, found),
    canOffer: isAlumnus(viewer) && !offers.some((o) => o.personId === viewer.personId),
  };
}

// Offers come from マネ友 and organizers; the request is moved on by its writer, the owning team or group, and organizers.
export const intents = {
  offer: 'alumni',
  accept: 'record:requester',
  done: 'record:requester',
  cancel: 'record:requester',
} as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { found } = await load(request, requireIdParam(params.requestId));
  const { viewer, intent, formData } = await requireIntent(request, intents, { 'record:requester': (v) => isRequester(v, found) });
  const actor = actorOf(request, viewer);
  const back = redirect(`/alumni/support/${found.id}`);
  if (intent === 'offer') {
    const submission = parseWithZod(formData, { schema: facilitatorOfferSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    if (!(await addOffer(actor, found, viewer.personId, submission.value.message))) {
      return data(submission.reply({ formErrors: ['この依頼にはもう申し出ができません（申し出済みか、受付を終えています）'] }), { status: 400 });
    }
    return back;
  }
  // A repeated click (the state has already moved) changes nothing and shows the request again.
  if (intent === 'accept') await acceptOffer(actor, found, formIdOrZero(formData.get('offerId')));
  else await moveRequest(actor, found.id, intent === 'done' ? 'done' : 'cancelled');
  return back;
}

export default function FacilitatorRequestPage() {
  const { request: r, offers, requester, canOffer } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const formErrors = lastResult?.error?.[''] ?? undefined;
  const open = r.status === 'open' || r.status === 'decided';
  return (
    <>
      <p>
        <Link to="/alumni/support">世話人派遣の一覧へ</Link>
      </p>
      <h1>{r.ownerName}の依頼</h1>
      <p className="lead">
        状態: <strong className={`tag status-${r.status}`}>{facilitatorRequestStatuses.label[r.status]}</strong>
      </p>
      <dl className="facts">
        <dt>開催日</dt>
        <dd>
          <EraDate iso={r.heldOn} />
        </dd>
        <dt>場所</dt>
        <dd>{r.place}</dd>
        <dt>お願いしたいこと</dt>
        <dd className="prewrap">{r.helpNeeded}</dd>
      </dl>
      <FormMessage id="request-errors" errors={formErrors ?? undefined} />
      <section aria-labelledby="offers-heading">
        <h2 id="offers-heading">申し出（{counted(offers.length, '件')}）</h2>
        <ul className="plain-list">
          {offers.map((o) => (
            <li key={o.id}>
              {o.fullName}
              {o.acceptedAt ? <span className="tag">お願い済み</span> : null}
              <span className="muted">（{formatDateTime(o.createdAt)}）</span>
              {o.message ? <p className="prewrap">{o.message}</p> : null}
              {requester && open && !o.acceptedAt ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="offerId" value={o.id} />
                  <button type="submit" className="button button--small">
                    {o.fullName}さんにお願いする
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {canOffer && open ? (
        <section className="form" aria-labelledby="offer-heading">
          <h2 id="offer-heading">手伝いを申し出る</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="offer" />
            <div className="field">
              <label htmlFor="offer-message">ひとこと（任意）</label>
              <textarea id="offer-message" name="message" rows={3} />
            </div>
            <button type="submit" className="button">
              申し出る
            </button>
          </Form>
        </section>
      ) : null}
      {requester && open ? (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">状態を進める</h2>
          <div className="button-row">
            {r.status === 'decided' ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="done" />
                <button type="submit" className="button">
                  実施済にする
                </button>
              </Form>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button button--secondary">
                依頼を取り消す
              </button>
            </Form>
          </div>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
