import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { notificationKinds, type NotificationKind } from '~/domain/notifications';
import { listNotifications, markRead } from '~/models/notifications.server';
import { requireViewer } from '~/utils/auth.server';
import { formatDateTime } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIntent } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';

export const meta: MetaFunction = () => [{ title: 'お知らせ | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { notifications: await listNotifications(viewer.userId) };
}

/** Opening a notification's link is left to the person; "mark all read" is one explicit click. */
export const intents = { submit: 'signedIn' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireIntent(request, intents);
  await markRead(viewer.userId);
  return redirect('/notifications');
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>お知らせ</h1>
      <p className="lead">
        未読{counted(unread, '件')}・<Link to="/notifications/digest">今週のまとめ</Link>
      </p>
      {unread ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            すべて既読にする
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p className="muted">お知らせはありません。</p> : null}
      <ul className="notification-list">
        {notifications.map((n) => (
          <li key={n.id} className={n.readAt ? 'notification' : 'notification notification--unread'}>
            <span className="tag">{notificationKinds[n.kind as NotificationKind] ?? 'お知らせ'}</span>
            {n.readAt ? null : <span className="visually-hidden">未読</span>}
            {n.href ? <Link to={n.href}>{n.body}</Link> : n.body}
            <span className="muted">（{formatDateTime(n.createdAt)}）</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
