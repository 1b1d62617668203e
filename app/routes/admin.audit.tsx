import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { auditActionLabels, auditEntityText } from '~/domain/audit-labels';
import { ErrorPage } from '~/components/ErrorPage';
import { auditPageSize, auditTargets, listAudit } from '~/models/audit.server';
import { formatDateTime } from '~/utils/dates';
import { requireOrganizer } from '~/utils/permissions.server';
import { ScrollRegion } from '~/components/ScrollRegion';
import { Email } from '~/components/Email';

export const meta: MetaFunction = () => [{ title: '操作ログ | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  const before = Number(url.searchParams.get('before'));
  const filter = {
    action: url.searchParams.get('action')?.slice(0, 50) || undefined,
    email: url.searchParams.get('email')?.slice(0, 254) || undefined,
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
  const rows = await listAudit(filter);
  const next = rows.length === auditPageSize ? rows.at(-1)!.id : null;
  // A failed sign-in has no account; the email that was tried is in the entry's detail.
  // Each record is named by what it is (アカウント「山田 花子」, 活動記録（甲府市・令和8年7月22日）), not by its number.
  const targets = await auditTargets(rows);
  const entries = rows.map(({ detail, ...row }) => ({
    ...row,
    target: auditEntityText(row.entityType, row.entityId, targets.get(`${row.entityType}:${row.entityId}`)),
    triedEmail: String((detail as { email?: unknown } | null)?.email ?? ''),
  }));
  return { entries, filter, next };
}

export default function AuditLog() {
  const { entries, filter, next } = useLoaderData<typeof loader>();
  const query = (before: number) =>
    new URLSearchParams({ ...(filter.action ? { action: filter.action } : {}), ...(filter.email ? { email: filter.email } : {}), before: String(before) });
  return (
    <>
      <h1>操作ログ</h1>
      <p className="lead">ログイン、アクセスの拒否、すべての変更の記録です（新しい順）。</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="action">操作</label>
          <select id="action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">すべて</option>
            {Object.entries(auditActionLabels).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="email">アカウント（メールアドレス）</label>
          <input id="email" name="email" type="email" defaultValue={filter.email ?? ''} />
        </div>
        <button type="submit" className="button button--secondary">
          絞り込む
        </button>
      </Form>
      <ScrollRegion label="操作ログ">
        <table>
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">誰が</th>
              <th scope="col">操作</th>
              <th scope="col">対象</th>
              <th scope="col">IPアドレス</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</td>
                <td>
                  {e.name ? (
                    <>
                      {e.name}
                      {e.email ? (
                        <>
                          （<Email address={e.email} />）
                        </>
                      ) : null}
                    </>
                  ) : e.triedEmail ? (
                    <Email address={e.triedEmail} />
                  ) : (
                    '—'
                  )}
                </td>
                <td>{auditActionLabels[e.action] ?? e.action}</td>
                <td>{e.target}</td>
                <td>{e.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {entries.length === 0 ? <p>該当する記録はありません。</p> : null}
      {next ? (
        <p>
          <Link to={`?${query(next)}`}>さらに古い記録</Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
