import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
import type { ReactNode } from 'react';
import tokens from '@digital-go-jp/design-tokens/dist/tokens.css';
import { ErrorPage } from './components/ErrorPage';
import styles from './styles/app.css';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tokens },
  { rel: 'stylesheet', href: styles },
];

export const meta: MetaFunction = () => [
  { title: '人マネ トラッカー' },
  { name: 'description', content: '人材マネジメント部会の研究活動を記録・共有するためのツール' },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">本文へスキップ</a>
        <header className="site-header">
          <div className="site-header__inner">
            <a className="site-header__title" href="/">人マネ トラッカー</a>
            <nav aria-label="メインメニュー">
              <ul className="site-nav">
                <li><NavLink to="/" end>年度と研究会</NavLink></li>
                <li><NavLink to="/municipalities">自治体</NavLink></li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>早稲田大学マニフェスト研究所 人材マネジメント部会</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
