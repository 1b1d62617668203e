import { getFormProps, useForm } from '@conform-to/react';
import { OnceToken } from '~/components/OnceToken';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { AlumniNav } from '~/components/alumni/AlumniNav';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage, TextField } from '~/components/form';
import { TextAreaField } from '~/components/TextAreaField';
import { createGroup, listGroups } from '~/models/alumni-groups.server';
import { alumniGroupSchema } from '~/schemas/alumni';
import type { FormShape } from '~/schemas/types';
import { requireViewer } from '~/utils/auth.server';
import { counted } from '~/utils/format';
import { isAlumnus, type IntentNeeds, type ViewerNeed } from '~/utils/permissions';
import { actorOf, requireIntent } from '~/utils/permissions.server';
import { submitOnce } from '~/models/submissions.server';

export const meta: MetaFunction = () => [{ title: 'マネ友の会 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { groups: await listGroups(), canFound: isAlumnus(viewer) };
}

// マネ友 found their own groups; organizers may set one up for them.
export const intents = { submit: 'alumni' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, formData } = await requireIntent(request, intents);
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: alumniGroupSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const municipalityId = viewer.alumniMunicipalityIds[0] ?? null;
    const id = await createGroup(actorOf(request, viewer), submission.value, { personId: viewer.personId, municipalityId });
    return redirect(`/alumni/groups/${id}`);
  });
}

export default function AlumniGroups() {
  const { groups, canFound } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof alumniGroupSchema>>({ lastResult });
  return (
    <>
      <h1>マネ友の会</h1>
      <AlumniNav />
      <p className="lead">「部会に卒業はない」。マネ友が集まり、オフサイトミーティングを開き、現役チームを支えています。</p>
      <ul className="alumni-cards">
        {groups.map((g) => (
          <li key={g.id} className="alumni-card">
            <h2>
              <Link to={`/alumni/groups/${g.id}`}>{g.name}</Link>
            </h2>
            <p className="muted">
              {g.municipalityName ?? ''}
              {g.foundedOn ? (
                <>
                  ・設立 <EraDate iso={g.foundedOn} western={false} />
                </>
              ) : null}
            </p>
            <p>
              会員{counted(g.members, '名')}・オフサイトミーティング{counted(g.meetings, '回')}
            </p>
          </li>
        ))}
      </ul>
      {groups.length === 0 ? <p>まだマネ友の会はありません。</p> : null}
      {canFound ? (
        <section className="form" aria-labelledby="new-group-heading">
          <h2 id="new-group-heading">マネ友の会をつくる</h2>
          <Form method="post" {...getFormProps(form)}>
            <OnceToken />
            <FormMessage id={form.errorId} errors={form.errors} />
            <TextField label="会の名前" field={fields.name} required />
            <TextField label="設立日" field={fields.foundedOn} type="date" required />
            <TextAreaField label="紹介" field={fields.description} rows={3} />
            <button type="submit" className="button">
              会をつくる
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
