import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { Link } from '~/components/Link';
import { refusalFallback, refusalMessages } from '~/domain/refusals';

/** The one error view every route uses: Japanese, calm, and never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = refusalMessages[status] ?? refusalFallback;
  return (
    <div className="error-page" role="alert">
      <p className="error-page__code">エラー {status}</p>
      <h1>{message.title}</h1>
      <p>{message.body}</p>
      <p>
        <Link to="/">トップページへ戻る</Link>
      </p>
    </div>
  );
}
