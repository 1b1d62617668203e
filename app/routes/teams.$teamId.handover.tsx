import { getFormProps, useForm } from '@conform-to/react';
import { BaseVersionInput } from '~/components/BaseVersionInput';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { DraftForm } from '~/components/DraftForm';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { StaleNotice } from '~/components/StaleNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { TextAreaField } from '~/components/TextAreaField';
import { alumniOfMunicipality } from '~/models/alumni-directory.server';
import { getHandover, handedOverHomework, previousGenerations, saveHandover } from '~/models/handovers.server';
import { handoverSchema } from '~/schemas/alumni';
import type { FormShape } from '~/schemas/types';
import { formatDateTime, formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';
import { actorOf, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import { handedOverVisibilities, handoverVisibilities, type IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `引き継ぎ | ${data.team.municipalityName}チーム | 人マネ トラッカー` : '引き継ぎ' },
];

// Partners of another municipality do not read what one generation leaves the next.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const [generations, alumni, own] = await Promise.all([
    previousGenerations(team),
    alumniOfMunicipality(team.municipalityId, team.fiscalYear),
    getHandover(team.id),
  ]);
  const previous = generations[0];
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      generations,
      // What the previous generation handed over, as far as this viewer may read it; the team's own
      // members see what they hand over themselves.
      previousHomework: previous
        ? await handedOverHomework(previous.teamId, handoverVisibilities(viewer, team, { ...team, id: previous.teamId, fiscalYear: previous.fiscalYear }))
        : [],
      ownHomework: access.kinds.includes('member') ? await handedOverHomework(team.id, handedOverVisibilities) : [],
      alumni: alumni.map((a) => ({ personId: a.personId, fullName: a.fullName, fiscalYear: a.fiscalYear, generation: a.generation, contact: a.contact })),
      own: own ? { toContinue: own.toContinue, peopleToTalkTo: own.peopleToTalkTo, advice: own.advice } : null,
      version: own?.version ?? 0,
      canWrite: access.kinds.includes('member'),
      notice,
    },
    { headers },
  );
}

// The handover is the team's own voice to its successors: members only (not organizers).
export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const submission = parseWithZod(formData, { schema: handoverSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: postedVersion(formData) }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const saved = await saveHandover(actorOf(request, viewer), team, input, baseVersion);
  if (saved.kind === 'stale') {
    // A teammate saved first: nothing was written; the person's text comes back, now based on theirs.
    const latest = (await getHandover(team.id))!; // a handover is never deleted
    const form = { toContinue: latest.toContinue, peopleToTalkTo: latest.peopleToTalkTo, advice: latest.advice };
    const answer = staleReply(formData, submission.reply(), readable(input), {
      form,
      readable: readable(latest),
      savedAt: latest.updatedAt,
      version: latest.version,
    });
    return data(answer, { status: 409 });
  }
  return redirectWithNotice(`/teams/${team.id}/handover`, '引き継ぎを保存しました。次の期のチームに届きます。');
}

function readable(handover: { toContinue: string; peopleToTalkTo: string; advice: string }): ReadableField[] {
  return [
    { key: 'toContinue', label: '続けてほしいこと', value: handover.toContinue },
    { key: 'peopleToTalkTo', label: '話を聞いてほしい人', value: handover.peopleToTalkTo },
    { key: 'advice', label: 'アドバイス', value: handover.advice },
  ];
}

export default function Handover() {
  const { team, links, generations, previousHomework, ownHomework, alumni, own, version, canWrite, notice } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof handoverSchema>>({ lastResult: reply?.result, defaultValue: own ?? undefined });
  const baseVersion = reply?.version ?? version;
  const received = generations.filter((g) => g.writtenAt);
  return (
    <>
      <TeamHeader team={team} links={links} />
      <section aria-labelledby="received-heading">
        <h2 id="received-heading">前の期からの引き継ぎ</h2>
        {received.length === 0 ? <p className="muted">前の期からの引き継ぎはまだありません。</p> : null}
        {received.map((g) => (
          <article key={g.teamId} className="handover">
            <h3>
              {formatFiscalYear(g.fiscalYear)}チーム（{g.generation}期生）から
            </h3>
            <dl className="facts">
              <dt>続けてほしいこと</dt>
              <dd className="prewrap">{g.toContinue || '—'}</dd>
              <dt>話を聞いてほしい人</dt>
              <dd className="prewrap">{g.peopleToTalkTo || '—'}</dd>
              <dt>アドバイス</dt>
              <dd className="prewrap">{g.advice || '—'}</dd>
            </dl>
            <p className="muted">
              {g.authorName ?? ''} {g.writtenAt ? formatDateTime(g.writtenAt) : ''}
            </p>
          </article>
        ))}
        {previousHomework.length ? (
          <>
            <h3>前の期から残っている宿題（{counted(previousHomework.length, '件')}）</h3>
            <ul className="plain-list">
              {previousHomework.map((h) => (
                <li key={h.id}>
                  {h.body}
                  <span className="muted">（{h.interviewee}）</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {generations.length ? (
        <section aria-labelledby="sheets-heading">
          <h2 id="sheets-heading">これまでの期の最終版シート</h2>
          <ul className="plain-list">
            {generations.map((g) => (
              <li key={g.teamId}>
                {g.hasSheet ? (
                  <Link to={`/teams/${g.teamId}/sheet`}>
                    {formatFiscalYear(g.fiscalYear)}（{g.generation}期生）の変革ストーリーシート
                  </Link>
                ) : (
                  <span>
                    {formatFiscalYear(g.fiscalYear)}（{g.generation}期生）<span className="muted">シートなし</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {alumni.length ? (
        <section aria-labelledby="alumni-heading">
          <h2 id="alumni-heading">
            {team.municipalityName}のマネ友（{counted(alumni.length, '名')}）
          </h2>
          <ul className="plain-list">
            {alumni.map((a) => (
              <li key={`${a.personId}-${a.fiscalYear}`}>
                {a.fullName}
                <span className="muted">（{a.generation}期生）</span>
                {a.contact ? <span className="alumni-contact">連絡先: {a.contact}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canWrite ? (
        <section className="form" aria-labelledby="own-heading">
          <h2 id="own-heading">次の期への引き継ぎを書く</h2>
          <SavedNotice notice={notice} />
          <p className="hint">
            年度の終わりに、次の期のチームに向けて書きます。インタビューの未完了の宿題（自治体・部会全体に公開したもの）は自動で一緒に引き継がれます。
          </p>
          <DraftForm method="post" draftName={`handover-${team.id}`} {...getFormProps(form)}>
            {reply?.stale ? <StaleNotice stale={reply.stale} /> : null}
            <BaseVersionInput version={baseVersion} />
            <FormMessage id={form.errorId} errors={form.errors} />
            <TextAreaField label="続けてほしいこと" field={fields.toContinue} rows={4} />
            <TextAreaField label="話を聞いてほしい人" field={fields.peopleToTalkTo} rows={3} />
            <TextAreaField label="アドバイス" field={fields.advice} rows={4} />
            {ownHomework.length ? (
              <>
                <h3>一緒に引き継がれる宿題（{counted(ownHomework.length, '件')}）</h3>
                <ul className="plain-list">
                  {ownHomework.map((h) => (
                    <li key={h.id}>
                      {h.body}
                      <span className="muted">（{h.interviewee}）</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <button type="submit" className="button">
              引き継ぎを保存する
            </button>
          </DraftForm>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
