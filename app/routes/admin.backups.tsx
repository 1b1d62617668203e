import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { SavedNotice } from '~/components/SavedNotice';
import { ScrollRegion } from '~/components/ScrollRegion';
import { backupNow, backupSchedule, lastBackupFailure, listBackups } from '~/models/backups.server';
import { getDbHandleKind } from '~/models/backup-checks.server';
import { formatDateTime } from '~/utils/dates';
import { counted } from '~/utils/format';
import { getEnv } from '~/utils/env.server';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';

// Backups of the whole database (issue 20, docs/decisions/0025). Listed, never downloaded over the web:
// the file holds every team's interviews; it is copied off the server by its administrators.

export const meta: MetaFunction = () => [{ title: 'バックアップ | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const env = getEnv();
  const { notice, headers } = await takeNotice(request);
  const every = backupSchedule(env, getDbHandleKind());
  const schedule =
    every === 'off'
      ? '自動のバックアップはしません'
      : 'hours' in every
        ? `${every.hours}時間ごと`
        : `毎日 ${String(every.daily.hour).padStart(2, '0')}:${String(every.daily.minute).padStart(2, '0')}（日本時間）`;
  return data(
    { backups: listBackups(env.BACKUP_DIR), failure: lastBackupFailure(), schedule, keep: env.BACKUP_KEEP, dir: env.BACKUP_DIR, notice },
    { headers },
  );
}

export const intents = { backup: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireIntent(request, intents);
  const made = await backupNow('button', actorOf(request, viewer));
  // A failure is shown on the page (lastBackupFailure) and logged; the app itself goes on.
  if (!made.ok) return redirect('/admin/backups');
  return redirectWithNotice('/admin/backups', `バックアップしました（${made.result.file.split('/').pop()}）`);
}

function size(bytes: number) {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function Backups() {
  const { backups, failure, schedule, keep, dir, notice } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <h1>バックアップ</h1>
      <SavedNotice notice={notice} />
      {failure ? (
        <p className="form-message" role="alert">
          {formatDateTime(failure.at)} のバックアップに失敗しました: {failure.message}
        </p>
      ) : null}
      <p>
        {schedule}。新しいものから{counted(keep, '件')}を残します。保存先: <code>{dir}</code>
      </p>
      <p>
        ファイルはこの画面からはダウンロードできません（すべてのチームのインタビューを含むため）。サーバーの管理者が保存先から複製してください。復元の手順は
        README の「バックアップと復元」にあります。
      </p>
      <Form method="post">
        <button type="submit" className="button" name="intent" value="backup" disabled={busy}>
          {busy ? 'バックアップ中…' : '今すぐバックアップ'}
        </button>
      </Form>
      <h2>保存されているバックアップ（{counted(backups.length, '件')}）</h2>
      {backups.length ? (
        <ScrollRegion label="保存されているバックアップ">
          <table>
            <thead>
              <tr>
                <th scope="col">日時・ファイル</th>
                <th scope="col">大きさ・チェックサム（SHA-256）</th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name}>
                  {/* Two columns, each of two lines: four did not fit a phone. */}
                  <td>
                    {formatDateTime(b.takenAt)}
                    <br />
                    <code>{b.name}</code>
                  </td>
                  <td>
                    {size(b.size)}
                    <br />
                    <code title={b.sha256 ?? ''}>{b.sha256 ? `${b.sha256.slice(0, 16)}…` : 'チェックサムなし'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <p>まだバックアップはありません。</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
