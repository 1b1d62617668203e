import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

const messages: Record<number, { title: string; body: string }> = {
  400: { title: '入力内容を確認してください', body: '送信された内容に誤りがあります。' },
  403: { title: 'このページを表示する権限がありません', body: '必要な場合は事務局にお問い合わせください。' },
  404: { title: 'ページが見つかりません', body: 'お探しのページは移動または削除されたか、URLが間違っている可能性があります。' },
  409: { title: '他の人が先に更新しました', body: '最新の内容を確認してから、もう一度保存してください。' },
  503: {
    title: 'ただいま混み合っているか、メンテナンス中です',
    body: 'データベースに接続できません。しばらく待ってから、もう一度お試しください。入力中の内容は失われていません。',
  },
};
const fallback = { title: 'エラーが発生しました', body: '時間をおいて、もう一度お試しください。続く場合は事務局にお知らせください。' };

/** The one error view every route uses: Japanese, calm, and never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = messages[status] ?? fallback;
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
