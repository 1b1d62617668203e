// What a refused request says, in one place: the error page (app/components/ErrorPage.tsx) shows the title and
// body; a refused download or other resource (a CSV link of another team) answers the same words as plain text,
// never a bare English 「Not Found」.

export const refusalMessages: Record<number, { title: string; body: string }> = {
  400: { title: '入力内容を確認してください', body: '送信された内容に誤りがあります。' },
  403: { title: 'このページを表示する権限がありません', body: '必要な場合は事務局にお問い合わせください。' },
  404: { title: 'ページが見つかりません', body: 'お探しのページは移動または削除されたか、URLが間違っている可能性があります。' },
  409: { title: '他の人が先に更新しました', body: '最新の内容を確認してから、もう一度保存してください。' },
  503: {
    title: 'ただいま混み合っているか、メンテナンス中です',
    body: 'データベースに接続できません。しばらく待ってから、もう一度お試しください。入力中の内容は失われていません。',
  },
};
export const refusalFallback = { title: 'エラーが発生しました', body: '時間をおいて、もう一度お試しください。続く場合は事務局にお知らせください。' };

/** 「ページが見つかりません。お探しのページは…」: a refusal as one line of text. */
export function refusalText(status: number) {
  const message = refusalMessages[status] ?? refusalFallback;
  return `${message.title}。${message.body}`;
}
