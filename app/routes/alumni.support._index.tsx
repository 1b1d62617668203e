import { getFormProps, useForm } from '@conform-to/react';
import { OnceToken } from '~/components/OnceToken';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { AlumniNav } from '~/components/alumni/AlumniNav';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { TextAreaField } from '~/components/TextAreaField';
import { facilitatorRequestStatuses } from '~/domain/codes';
import { createRequest, groupsOf, listRequests } from '~/models/facilitator-requests.server';
import { listCandidateTeams } from '~/models/teams.server';
import { facilitatorRequestSchema } from '~/schemas/alumni';
import type { FormShape } from '~/schemas/types';
import { requireViewer } from '~/utils/auth.server';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import type { Viewer, IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { actorOf, requireIntent } from '~/utils/permissions.server';
import { submitOnce } from '~/models/submissions.server';

export const meta: MetaFunction = () => [{ title: '世話人派遣 | 人マネ トラッカー' }];

/** In whose name the viewer may ask: their own teams and the マネ友 groups they belong to. */
async function ownerChoices(viewer: Viewer) {
  const [teams, groups] = await Promise.all([
    listCandidateTeams({ all: false, teamIds: viewer.memberTeamIds, municipalityIds: [] }),
    groupsOf(viewer.personId),
  ]);
  return [
    ...teams.map((t) => ({ value: `team:${t.id}`, label: `${t.municipalityName}チーム（${formatFiscalYear(t.fiscalYear)}）` })),
    ...groups.map((g) => ({ value: `group:${g.id}`, label: g.name })),
  ];
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const [requests, owners] = await Promise.all([listRequests(), ownerChoices(viewer)]);
  return { requests, owners };
}

export const intents = { submit: 'signedIn' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, formData } = await requireIntent(request, intents);
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: facilitatorRequestSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const { owner, ...values } = submission.value;
    if (!(await ownerChoices(viewer)).some((o) => o.value === owner)) {
      return data(submission.reply({ fieldErrors: { owner: ['自分のチームか、所属するマネ友の会から選んでください'] } }), { status: 400 });
    }
    const [kind, id] = owner.split(':') as ['team' | 'group', string];
    const requestId = await createRequest(
      { ...actorOf(request, viewer), userId: viewer.userId },
      {
        teamId: kind === 'team' ? Number(id) : null,
        groupId: kind === 'group' ? Number(id) : null,
        ...values,
      },
    );
    return redirect(`/alumni/support/${requestId}`);
  });
}

export default function FacilitatorRequests() {
  const { requests, owners } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof facilitatorRequestSchema>>({ lastResult });
  return (
    <>
      <h1>世話人派遣</h1>
      <AlumniNav />
      <p className="lead">オフサイトミーティングの進行などを手伝ってほしいとき、マネ友と世話人のネットワークに声をかけられます。</p>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">依頼の一覧（{counted(requests.length, '件')}）</h2>
        <ul className="plain-list support-list">
          {requests.map((r) => (
            <li key={r.id}>
              <span className={`tag status-${r.status}`}>{facilitatorRequestStatuses.label[r.status]}</span>{' '}
              <Link to={`/alumni/support/${r.id}`}>
                {r.ownerName}：<EraDate iso={r.heldOn} western={false} /> {r.place}
              </Link>
              <span className="muted">（申し出{counted(r.offers, '件')}）</span>
              <p className="muted support-help">{r.helpNeeded}</p>
            </li>
          ))}
        </ul>
      </section>
      {owners.length ? (
        <section className="form" aria-labelledby="new-heading">
          <h2 id="new-heading">手伝いを依頼する</h2>
          <Form method="post" {...getFormProps(form)}>
            <OnceToken />
            <FormMessage id={form.errorId} errors={form.errors} />
            <div className="field">
              <label htmlFor={fields.owner.id}>
                依頼するチーム・会<span className="required">必須</span>
              </label>
              <select
                id={fields.owner.id}
                name={fields.owner.name}
                defaultValue={(fields.owner.initialValue as string | undefined) ?? owners[0]!.value}
                aria-invalid={fields.owner.errors ? true : undefined}
              >
                {owners.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.owner.errorId} errors={fields.owner.errors} />
            </div>
            <TextField label="開催日" field={fields.heldOn} type="date" required />
            <TextField label="場所" field={fields.place} required />
            <TextAreaField
              label="お願いしたいこと"
              field={fields.helpNeeded}
              rows={4}
              required
              hint="例: 当日の進行（ファシリテーション）と、ふりかえりの問いづくりを手伝ってほしい"
            />
            <button type="submit" className="button">
              依頼する
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
