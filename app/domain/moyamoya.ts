import { sessionKinds, type SessionKind } from './codes';

/** 第3回研究会 / フォローアップ 2: how a session is named beside a team figure. */
export function sessionName(kind: SessionKind, number: number): string {
  return kind === 'study' ? `第${number}回研究会` : `${sessionKinds.label[kind]} ${number}`;
}
