import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { LevelSlider } from '~/components/LevelSlider';
import { MoyamoyaChart } from '~/components/dashboard/MoyamoyaChart';
import { TeamHeader } from '~/components/TeamHeader';
import { SelectField, TextAreaField } from '~/components/TextAreaField';
import { moyamoyaVisibilities } from '~/domain/codes';
import { sessionName } from '~/domain/moyamoya';
import { moyamoyaLines, studySessionMarks } from '~/models/dashboard-team.server';
import { listMemberCheckins, listTeamMoyamoya, listYearSessions, saveCheckin, saveTeamMoyamoya, setMoyamoyaVisibility } from '~/models/moyamoya.server';
import { checkinSchema, moyamoyaVisibilitySchema, teamMoyamoyaSchema } from '~/schemas/moyamoya';
import { todayInTokyo } from '~/utils/clock';
import { formatFiscalYear } from '~/utils/dates';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { formReply } from '~/utils/form-reply.server';
import { replyFor } from '~/utils/form-reply';
import { TeamRecordsLink } from '~/components/TeamRecordsLink';

export const meta: MetaFunction = () => [{ title: 'モヤモヤ指数 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const asMember = access.kinds.includes('member');
  const [checkins, teamEntries, sessions] = await Promise.all([
    listMemberCheckins(team.id, { asMember }),
    listTeamMoyamoya(team.id),
    listYearSessions(team.fiscalYear),
  ]);
  const today = todayInTokyo();
  const mine = checkins.find((c) => c.personId === viewer.personId && c.checkedOn === today);
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      asMember,
      membersShown: asMember || team.moyamoyaVisibility === 'members_visible',
      // The same chart as on 概要, from the same shaping; its table twin lists every figure with its note.
      chart: moyamoyaLines(team.fiscalYear, studySessionMarks(sessions), checkins, teamEntries),
      sessions: asMember ? sessions.map((s) => ({ id: s.id, name: sessionName(s.kind, s.number) })) : [],
      mine: mine ? { level: mine.level, note: mine.note } : null,
      notice,
    },
    { headers },
  );
}

export const intents = { checkin: 'team:member', team: 'team:member', visibility: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const actor = actorOf(request, viewer);
  if (intent === 'checkin') {
    const submission = parseWithZod(formData, { schema: checkinSchema });
    if (submission.status !== 'success') return formReply(intent, submission.reply());
    const saved = await saveCheckin(actor, { teamId: team.id, personId: viewer.personId, checkedOn: todayInTokyo(), ...submission.value });
    if (!saved) return denyNotFound(request, viewer, { teamId: team.id, need: 'member' });
    return redirectWithNotice(`/teams/${team.id}/moyamoya`, '今日のモヤモヤ指数を記録しました。');
  }
  if (intent === 'team') {
    const submission = parseWithZod(formData, { schema: teamMoyamoyaSchema });
    if (submission.status !== 'success') return formReply(intent, submission.reply());
    const saved = await saveTeamMoyamoya(actor, team, submission.value);
    if (!saved) return formReply(intent, submission.reply({ fieldErrors: { sessionId: ['この年度の研究会を選んでください'] } }));
    return redirectWithNotice(`/teams/${team.id}/moyamoya`, 'チームのモヤモヤ指数を記録しました。');
  }
  const submission = parseWithZod(formData, { schema: moyamoyaVisibilitySchema });
  if (submission.status !== 'success') return formReply(intent, submission.reply());
  await setMoyamoyaVisibility(actor, team.id, submission.value.moyamoyaVisibility);
  return redirectWithNotice(`/teams/${team.id}/moyamoya`, '公開範囲を変更しました。');
}

export default function Moyamoya() {
  const { team, links, asMember, membersShown, chart, sessions, mine, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [checkinForm, checkinFields] = useForm<Record<'level' | 'note', string>>({
    lastResult: replyFor(actionData, 'checkin'),
    // Today's own figure if there is one; otherwise nothing: the slider starts unset (LevelSlider).
    defaultValue: { level: mine ? String(mine.level) : '', note: mine?.note ?? '' },
  });
  const [teamForm, teamFields] = useForm<Record<'sessionId' | 'level' | 'reflection', string>>({ lastResult: replyFor(actionData, 'team') });
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>モヤモヤ指数</h2>
      <SavedNotice notice={notice} />
      {asMember ? (
        <div className="moyamoya-forms">
          <section className="form card" aria-labelledby="checkin-heading">
            <h3 id="checkin-heading">今日のモヤモヤ</h3>
            <p className="hint">
              0（すっきり）〜100（モヤモヤでいっぱい）。1日1回、同じ日に記録し直すと上書きされます。
              {mine ? `今日はすでに ${mine.level} と記録しています。` : ''}
            </p>
            <Form method="post" {...getFormProps(checkinForm)}>
              <input type="hidden" name="intent" value="checkin" />
              <FormMessage id={checkinForm.errorId} errors={checkinForm.errors} />
              <LevelSlider label="自分のモヤモヤ指数（0〜100）" field={checkinFields.level} />
              <TextAreaField label="ひとこと（任意）" field={checkinFields.note} rows={2} />
              <button type="submit" className="button">
                記録する
              </button>
            </Form>
          </section>
          <section className="form card" aria-labelledby="team-entry-heading">
            <h3 id="team-entry-heading">チームのモヤモヤ（研究会ごと）</h3>
            <Form method="post" {...getFormProps(teamForm)}>
              <input type="hidden" name="intent" value="team" />
              <FormMessage id={teamForm.errorId} errors={teamForm.errors} />
              <SelectField label="研究会" field={teamFields.sessionId} options={sessions.map((s) => [String(s.id), s.name] as const)} required />
              <LevelSlider label="チームのモヤモヤ指数（0〜100）" field={teamFields.level} />
              <TextAreaField label="この頃の自分たち" field={teamFields.reflection} rows={3} />
              <button type="submit" className="button">
                記録する
              </button>
            </Form>
          </section>
        </div>
      ) : null}

      <MoyamoyaChart spec={chart} subject={`${team.municipalityName}チーム ${formatFiscalYear(team.fiscalYear)}`} tableOpen />

      {asMember ? (
        <section className="form" aria-labelledby="visibility-heading">
          <h3 id="visibility-heading">人事課・マネ友への公開範囲</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="visibility" />
            <fieldset className="field">
              <legend>メンバー一人ひとりの数値を、人事課・マネ友・事務局に見せますか</legend>
              {moyamoyaVisibilities.codes.map((code) => (
                <label key={code} className="choice">
                  <input type="radio" name="moyamoyaVisibility" value={code} defaultChecked={team.moyamoyaVisibility === code} />{' '}
                  {moyamoyaVisibilities.label[code]}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button button--secondary">
              公開範囲を保存
            </button>
          </Form>
        </section>
      ) : (
        <p className="muted">{membersShown ? 'このチームはメンバー個人の数値も公開しています。' : 'このチームはチームとしての数値だけを公開しています。'}</p>
      )}
      <p>
        <a href={`/teams/${team.id}/moyamoya.csv`} download>
          CSVで書き出す
        </a>
        　<TeamRecordsLink teamId={team.id} />
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
