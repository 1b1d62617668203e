import { Form } from '@remix-run/react';
import { LinkToCopy } from '~/components/LinkToCopy';
import { counted } from '~/utils/format';
import { ScrollRegion } from '~/components/ScrollRegion';
import { Email } from '../Email';

type Member = {
  line: number;
  fullName: string;
  email: string;
  department: string;
  section: string;
  isHrSlot: boolean;
  action: 'link' | 'invite' | 'unchanged';
};
type Team = { line: number; name: string; prefecture: string; newMunicipality: boolean; newTeam: boolean; members: Member[] };
const actionLabel = { link: '既存のアカウントを追加', invite: '招待リンクを作成', unchanged: '登録済み（変更なし）' } as const;

/** What the import would do, or the lines that stop it; confirming re-sends the same text. */
export function ImportPreview({ csv, teams, errors, busy }: { csv: string; teams: Team[]; errors: { line: number; message: string }[]; busy: boolean }) {
  if (errors.length) {
    return (
      <section className="form-message" role="alert" aria-labelledby="errors-heading">
        <h3 id="errors-heading">取り込めない行があります（{counted(errors.length, '件')}）。何も登録していません。</h3>
        <ul>
          {errors.map((e, i) => (
            <li key={i}>
              {e.line > 0 ? `${e.line}行目: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
        <p>「行目」の数字は、CSVを Excel で開いたときの行番号です（見出しが1行目）。CSVを直してから、もう一度確認してください。</p>
      </section>
    );
  }
  const changes = teams.filter((t) => t.newTeam).length + teams.flatMap((t) => t.members).filter((m) => m.action !== 'unchanged').length;
  return (
    <section aria-labelledby="preview-heading">
      <h3 id="preview-heading">取り込む内容の確認（{counted(teams.length, 'チーム')}）</h3>
      <ScrollRegion label="取り込む内容">
        <table>
          <thead>
            <tr>
              <th scope="col">行</th>
              <th scope="col">自治体</th>
              <th scope="col">氏名</th>
              <th scope="col">所属</th>
              <th scope="col">登録のされ方</th>
            </tr>
          </thead>
          <tbody>
            {teams.flatMap((t) => [
              <tr key={`t${t.line}`}>
                <td>{t.line}</td>
                <td>
                  {t.prefecture} {t.name}
                </td>
                <td colSpan={2}>{t.newMunicipality ? <span className="tag">自治体を新規登録</span> : null}</td>
                <td>{t.newTeam ? 'チームを作成' : 'チーム登録済み'}</td>
              </tr>,
              ...t.members.map((m) => (
                <tr key={`m${m.line}`}>
                  <td>{m.line}</td>
                  <td />
                  <td>
                    {m.fullName}
                    <br />
                    <span className="muted">
                      <Email address={m.email} />
                    </span>
                  </td>
                  <td>
                    {[m.department, m.section].filter(Boolean).join(' ')}
                    {m.isHrSlot ? <span className="tag">人事担当課枠</span> : null}
                  </td>
                  <td>{actionLabel[m.action]}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </ScrollRegion>
      {changes === 0 ? <p className="notice">このCSVの内容はすべて登録済みです。取り込んでも何も変わりません。</p> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="csv" value={csv} />
        <button type="submit" className="button" disabled={busy}>
          この内容で取り込む
        </button>
      </Form>
    </section>
  );
}

export function ImportResult({
  created,
  invitations,
}: {
  created: { municipalities: number; teams: number; members: number };
  invitations: { email: string; fullName: string; url: string }[];
}) {
  return (
    <div className="notice notice--success" role="status">
      <p>
        取り込みました：自治体 {counted(created.municipalities, '件')}、チーム {counted(created.teams, '件')}、メンバー {counted(created.members, '名')}。
      </p>
      {invitations.length ? (
        <>
          <p>新しい方への招待リンクです。メールなどで本人に送ってください（1回だけ使え、7日間有効。この画面を閉じると再表示できません）。</p>
          <ul className="plain-list">
            {invitations.map((i) => (
              <li key={i.email}>
                {i.fullName}（<Email address={i.email} />）<LinkToCopy url={i.url} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
