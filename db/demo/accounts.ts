// Demo sign-ins (all share the demo password). The README and the browser tests read this list.
export const demoAccounts = {
  'admin@example.jp': '事務局（部会の運営者。全体を管理できる）',
  'member@example.jp': '甲府市チーム（令和8年度）のメンバー',
  'member2@example.jp': '甲府市チーム（令和8年度）のもう一人のメンバー',
  'hr@example.jp': '甲府市の人事課（自分の自治体のチームを見守る）',
  'alumni@example.jp': '甲府市のマネ友（令和7年度チームの元メンバー、ハミダシ隊）',
  'partner@example.jp': '熊本市チーム（令和8年度）のメンバー。甲府市の対話自治体',
  'outsider@example.jp': '三条市チーム（令和8年度）のメンバー。甲府市とは別の対話グループ',
} as const satisfies Record<string, string>;

export type DemoEmail = keyof typeof demoAccounts;
