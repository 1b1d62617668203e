import { EraDate } from '~/components/EraDate';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { weeklyDigest } from '~/models/digest.server';
import { requireViewer } from '~/utils/auth.server';
import { formatDateTime, tokyoDateOf } from '~/utils/dates';
import { counted } from '~/utils/format';

export const meta: MetaFunction = () => [{ title: '今週のまとめ | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const digest = await weeklyDigest(viewer.userId);
  return { digest: { ...digest, since: tokyoDateOf(digest.since) } };
}

export default function Digest() {
  const { digest } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/notifications">お知らせの一覧へ</Link>
      </p>
      <h1>今週のまとめ</h1>
      <p className="lead">
        <EraDate iso={digest.since} western={false} />
        からの7日間のお知らせ（{counted(digest.total, '件')}）
      </p>
      {digest.total === 0 ? <p className="muted">この1週間のお知らせはありません。</p> : null}
      {digest.groups.map((g) => (
        <section key={g.kind} aria-labelledby={`digest-${g.kind}`}>
          <h2 id={`digest-${g.kind}`}>
            {g.label}（{counted(g.items.length, '件')}）
          </h2>
          <ul className="plain-list">
            {g.items.map((i) => (
              <li key={i.id}>
                {i.href ? <Link to={i.href}>{i.body}</Link> : i.body}
                <span className="muted">（{formatDateTime(i.createdAt)}）</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
