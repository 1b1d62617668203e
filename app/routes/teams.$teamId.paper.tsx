import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { DraftForm } from '~/components/DraftForm';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { PaperChoices } from '~/components/paper/PaperChoices';
import { PaperDownload } from '~/components/paper/PaperDownload';
import { PaperPreview } from '~/components/paper/PaperPreview';
import { SavedNotice } from '~/components/SavedNotice';
import { PrintButton } from '~/components/sheet/PrintButton';
import { VersionParts } from '~/components/StaleNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { TextAreaField } from '~/components/TextAreaField';
import { confirmationKey, type PaperDraft } from '~/domain/paper';
import { draftCharts } from '~/domain/paper-charts';
import { getPaperChoices, savePaperChoices } from '~/models/paper.server';
import { loadPaperDraft } from '~/models/paper-content.server';
import { paperSchema } from '~/schemas/paper';
import { formatFiscalYear } from '~/utils/dates';
import { requireIdParam } from '~/utils/http.server';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { actorOf, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `共同論文の草稿 | ${data.team.municipalityName}チーム | 人マネ トラッカー` : '共同論文の草稿' },
];

// Those who may read the sheet read the draft, as far as their own access opens the records it quotes; the
// team's members choose what goes in (docs/access.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const member = access.kinds.includes('member');
  const draft = await loadPaperDraft(team, access);
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      // Only the team chooses, so only the team is given the list of its interviews to tick.
      draft: member ? draft : { ...draft, interviews: [] },
      charts: draftCharts(draft),
      confirmKey: confirmationKey(draft),
      canWrite: member,
      notice,
    },
    { headers },
  );
}

// What goes into the paper is the team's own decision: members only (an organizer does not read team-only interviews).
export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, access, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const submission = parseWithZod(formData, { schema: paperSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: postedVersion(formData) }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const form = {
    aboutMunicipality: input.aboutMunicipality,
    findings: input.findings,
    changes: { shown: input.shownChangeIds, ticked: input.changeIds },
    activities: { shown: input.shownActivityIds, ticked: input.activityIds },
    sessions: { shown: input.shownSessionIds, ticked: input.sessionIds },
    surveyIds: input.surveyIds,
    interviewIds: input.interviewIds,
  };
  const saved = await savePaperChoices(actorOf(request, viewer), team, form, baseVersion, access.interviewVisibilities);
  if (saved.kind === 'stale') {
    // A teammate saved first: nothing was written; the person's choices come back, now resting on theirs.
    const [latest, draft] = await Promise.all([getPaperChoices(team.id), loadPaperDraft(team, access)]);
    const answer = staleReply(formData, submission.reply(), readable(input), {
      form: formValues(draft),
      readable: readable({ aboutMunicipality: latest.aboutMunicipality, findings: latest.findings }),
      savedAt: latest.updatedAt!, // a stale save means the row is there
      version: latest.version,
    });
    return data(answer, { status: 409 });
  }
  return redirectWithNotice(`/teams/${team.id}/paper`, '共同論文の草稿を保存しました。');
}

function readable(texts: { aboutMunicipality: string; findings: string }): ReadableField[] {
  return [
    { key: 'aboutMunicipality', label: '自治体について', value: texts.aboutMunicipality },
    { key: 'findings', label: '見出した成果', value: texts.findings },
  ];
}

type PaperFields = Record<'baseVersion' | 'aboutMunicipality' | 'findings', string> &
  Record<'changeIds' | 'shownChangeIds' | 'activityIds' | 'shownActivityIds' | 'sessionIds' | 'shownSessionIds' | 'surveyIds' | 'interviewIds', string[]>;

/** The form as the draft fills it: its texts, and the ids of what is in. */
function formValues(draft: PaperDraft) {
  return {
    aboutMunicipality: draft.texts.aboutMunicipality,
    findings: draft.texts.findings,
    changeIds: draft.chains.filter((c) => c.included).map((c) => String(c.id)),
    activityIds: draft.months.flatMap((m) => m.items.filter((i) => i.included).map((i) => String(i.activityId))),
    sessionIds: draft.moyamoya.filter((m) => m.included).map((m) => String(m.sessionId)),
    surveyIds: draft.surveys.filter((s) => s.included).map((s) => String(s.id)),
    interviewIds: draft.interviews.filter((i) => i.ticked).map((i) => String(i.id)),
  };
}

export default function Paper() {
  const { team, links, draft, charts, confirmKey, canWrite, notice } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<PaperFields>({ lastResult: reply?.result, defaultValue: formValues(draft) });
  const baseVersion = reply?.version ?? draft.version;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <div className="paper-tools">
        <h2>共同論文の草稿</h2>
        <SavedNotice notice={notice} />
        <p className="lead">
          {formatFiscalYear(team.fiscalYear)}にチームが記録したことから、共同論文（3月提出）の草稿をつくります。Wordでダウンロードして仕上げてください。
        </p>
        {draft.missing.length ? (
          <div className="card" role="note" aria-labelledby="paper-missing">
            <p id="paper-missing" className="paper-label">
              まだ論文に書けないこと
            </p>
            <ul className="plain-list">
              {draft.missing.map((m) => (
                <li key={m}>{m}。</li>
              ))}
            </ul>
          </div>
        ) : null}
        <section aria-labelledby="paper-download-heading">
          <h3 id="paper-download-heading">ダウンロード</h3>
          <PaperDownload teamId={team.id} nonProgram={draft.nonProgram} confirmKey={confirmKey}>
            <PrintButton />
          </PaperDownload>
        </section>
        {canWrite ? (
          <section className="form form--wide" aria-labelledby="paper-choose-heading">
            <h3 id="paper-choose-heading">論文に入れるもの</h3>
            <DraftForm method="post" draftName={`paper-${team.id}`} {...getFormProps(form)}>
              <VersionParts version={baseVersion} stale={reply?.stale ?? null} />
              <FormMessage id={form.errorId} errors={form.errors} />
              <TextAreaField
                label={`${team.municipalityName}について（はじめに）`}
                field={fields.aboutMunicipality}
                rows={6}
                hint="人口・職員数・予算の推移、人材育成基本方針、これまでの参加者とマネ友の活動など。"
              />
              <TextAreaField label="見出した成果" field={fields.findings} rows={5} hint="例：対話 = 聴く × 話す" />
              <PaperChoices draft={draft} fields={fields} />
              <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                草稿を保存する
              </button>
            </DraftForm>
          </section>
        ) : null}
        <h3 id="paper-preview-heading">印刷したときの見え方（A4）</h3>
      </div>
      <PaperPreview draft={draft} charts={charts} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
