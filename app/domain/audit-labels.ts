import { formatEraDatePlain, formatFiscalYear } from '~/utils/dates';

// What the audit log shows (/admin/audit): every action and kind of record in Japanese, so an organizer
// reads 「活動記録を取り込み」, never `import activity #1643`. app/utils/layering.test.ts finds every
// action and record kind the code writes and fails on one without its words here.

export const auditActionLabels: Record<string, string> = {
  'login.success': 'ログイン成功',
  'login.failure': 'ログイン失敗',
  'login.locked': 'ロック中のログイン',
  logout: 'ログアウト',
  'logout.everywhere': '全端末からログアウト',
  'access.denied': 'アクセス拒否',
  create: '作成',
  update: '更新',
  archive: 'アーカイブ',
  restore: '復元',
  grant: '権限の追加',
  revoke: '権限の取り消し',
  accept: '受諾',
  decline: '辞退',
  withdraw: '取り下げ',
  cancel: '取り消し',
  import: '取り込み',
  link: '既存アカウントへの紐付け',
  submit: '提出',
  unchanged: '変更なし',
  resolve: '対応済みにする',
  reopen: '未対応に戻す',
  complete: '実施済みにする',
  quote: '引用に指定',
  unquote: '引用の指定を解除',
  'backup.create': 'バックアップ',
};

export const auditEntityLabels: Record<string, string> = {
  user: 'アカウント',
  'user.password': 'パスワード',
  session: 'ログイン',
  route: 'ページ',
  backup: 'データベース全体',
  team: 'チーム',
  team_member: 'チームメンバー',
  team_csv: 'チームのCSV',
  team_moyamoya: 'チームのモヤモヤ指数',
  activity: '活動記録',
  interview: 'キーパーソンインタビュー',
  survey: 'アンケート',
  moyamoya_checkin: 'モヤモヤ指数',
  sheet_version: '変革ストーリーシート',
  sheet_comment: 'シートへのコメント',
  change_chain: '創り出した変化',
  handover: '引き継ぎ',
  paper_draft: '共同論文の草稿',
  program_year: '年度',
  study_session: '研究会',
  pre_assignment: '事前課題',
  pre_assignment_submission: '事前課題の提出',
  municipality: '自治体',
  organizer: '事務局・幹事名簿',
  dialogue_group: '対話自治体のグループ',
  mentor_assignment: 'マネ友の支援',
  mentor_offer: 'メンターの申し出',
  hr_viewer: '人事課の閲覧権限',
  invitation: '招待',
  password_reset: 'パスワード再設定',
  account_token: '招待・再設定のリンク',
  directory_entry: 'マネ友名簿',
  alumni_group: 'マネ友の会',
  offsite_meeting: 'オフサイトミーティング',
  facilitator_request: '世話人派遣の依頼',
  facilitator_offer: '世話人派遣の申し出',
};

type Target = { name: string | null; municipality: string | null; fiscalYear: number | null; on: string | null };

/**
 * A record as the audit log names it: 活動記録（甲府市・令和8年7月22日）, アカウント「山田 花子」,
 * ページ /teams/6/sheet/edit. `target` is what app/models/audit.server.ts found of it; a record it did not
 * find keeps its number (活動記録（番号1643）).
 */
export function auditEntityText(entityType: string, entityId: number | string | null, target?: Target) {
  const label = auditEntityLabels[entityType] ?? 'その他の記録';
  if (entityId === null || entityId === '') return label;
  if (entityType === 'route') return `${label} ${entityId}`;
  if (!target) return `${label}（番号${entityId}）`;
  const context = [target.municipality, target.on ? formatEraDatePlain(target.on) : target.fiscalYear ? formatFiscalYear(target.fiscalYear) : null].filter(
    Boolean,
  );
  return `${label}${target.name ? `「${target.name}」` : ''}${context.length ? `（${context.join('・')}）` : ''}`;
}
