import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from '@remix-run/react';
import { NavLink } from '~/components/Link';
import { useEffect, type ReactNode } from 'react';
import tokens from '@digital-go-jp/design-tokens/dist/tokens.css';
import { ErrorPage } from './components/ErrorPage';
import styles from './styles/app.css';
import { getSignedIn } from './utils/auth.server';
import { removeAllDrafts } from './utils/drafts';
import { useNonce } from './utils/nonce';

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  const viewer = signedIn?.viewer;
  // Only what the header needs; pages load their own data behind their own checks.
  return {
    viewer: viewer
      ? {
          id: viewer.userId,
          name: viewer.name,
          organizer: viewer.organizer,
          hrViewer: viewer.hrMunicipalityIds.length > 0,
          alumnus: viewer.alumniMunicipalityIds.length > 0 || viewer.mentorTeamIds.length > 0,
          unread: signedIn.unread,
        }
      : null,
  };
}

function SiteNav() {
  const data = useRouteLoaderData<typeof loader>('root');
  const viewer = data?.viewer;
  if (!viewer) {
    return (
      <ul className="site-nav">
        <li>
          <NavLink to="/login">ログイン</NavLink>
        </li>
      </ul>
    );
  }
  return (
    <ul className="site-nav">
      <li>
        <NavLink to="/teams">チーム</NavLink>
      </li>
      <li>
        <NavLink to="/" end>
          年度と研究会
        </NavLink>
      </li>
      <li>
        <NavLink to="/municipalities">自治体</NavLink>
      </li>
      {/* Alumni land on their overview (/alumni), which links to the directory; others go to the directory. */}
      <li>
        <NavLink to={viewer.alumnus ? '/alumni' : '/alumni/directory'}>マネ友</NavLink>
      </li>
      <li>
        <NavLink to="/notifications" end>
          お知らせ
          {viewer.unread ? (
            <span className="badge" aria-label={`未読${viewer.unread}件`}>
              {viewer.unread}
            </span>
          ) : null}
        </NavLink>
      </li>
      {viewer.hrViewer ? (
        <li>
          <NavLink to="/hr">人事課</NavLink>
        </li>
      ) : null}
      {viewer.organizer ? (
        <li>
          <NavLink to="/admin" end>
            事務局ダッシュボード
          </NavLink>
        </li>
      ) : null}
      {viewer.organizer ? (
        <li>
          <NavLink to="/admin/years">年度の設定</NavLink>
        </li>
      ) : null}
      {viewer.organizer ? (
        <li>
          <NavLink to="/admin/accounts">アカウント管理</NavLink>
        </li>
      ) : null}
      {viewer.organizer ? (
        <li>
          <NavLink to="/admin/audit">操作ログ</NavLink>
        </li>
      ) : null}
      {viewer.organizer ? (
        <li>
          <NavLink to="/admin/backups">バックアップ</NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/account">{viewer.name} さん</NavLink>
      </li>
      <li>
        <Form method="post" action="/logout" className="inline-form" onSubmit={() => removeAllDrafts(viewer.id)}>
          <button type="submit" className="link-button">
            ログアウト
          </button>
        </Form>
      </li>
    </ul>
  );
}

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: tokens },
  { rel: 'stylesheet', href: styles },
];

export const meta: MetaFunction = () => [
  { title: '人マネ トラッカー' },
  { name: 'description', content: '人材マネジメント部会の研究活動を記録・共有するためのツール' },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // A route with handle.printLayout (the sheet's print view) is a page for paper: no site chrome.
  const printLayout = useMatches().some((m) => (m.handle as { printLayout?: boolean } | undefined)?.printLayout);
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          本文へスキップ
        </a>
        {printLayout ? null : (
          <header className="site-header">
            <div className="site-header__inner">
              <a className="site-header__title" href="/">
                人マネ トラッカー
              </a>
              <nav aria-label="メインメニュー">
                <SiteNav />
              </nav>
            </div>
          </header>
        )}
        <main id="main" className={printLayout ? 'main--print' : undefined}>
          {children}
        </main>
        {printLayout ? null : (
          <footer className="site-footer">
            <p>早稲田大学マニフェスト研究所 人材マネジメント部会</p>
          </footer>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useEffect(() => {
    // From here on the page's forms run their JavaScript (drafts, what was edited); browser tests wait for it.
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
