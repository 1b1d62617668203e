import { Form, useNavigation } from '@remix-run/react';
import { activityKinds, type ActivityKind } from '~/domain/codes';
import { counted, duration } from '~/utils/format';

type Preview = {
  fileErrors: string[];
  rowErrors: { line: number; messages: string[] }[];
  rows: {
    line: number;
    duplicate: boolean;
    occurredOn: string;
    kind: ActivityKind;
    title: string;
    durationMinutes: number;
    attendeeIds: number[];
    guests: string;
  }[];
};

/** What the file would add, line by line; the file's text goes back with the confirmation. */
export function ImportPreview({ csv, preview }: { csv: string; preview: Preview }) {
  const busy = useNavigation().state === 'submitting';
  const fresh = preview.rows.filter((r) => !r.duplicate).length;
  const failed = preview.fileErrors.length > 0 || preview.rowErrors.length > 0;
  return (
    <section aria-labelledby="preview-heading" className="import-preview">
      <h3 id="preview-heading">読み込む内容の確認</h3>
      {failed ? (
        <div className="form-message" role="alert">
          <p>次の問題があるため、読み込めません。ファイルを直してからもう一度選んでください（何も追加されていません）。</p>
          <ul>
            {preview.fileErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
            {preview.rowErrors.map((e) => (
              <li key={e.line}>
                {e.line}行目: {e.messages.join('／')}
              </li>
            ))}
          </ul>
          {preview.rowErrors.length ? <p>「行目」の数字は、ファイルを Excel で開いたときの行番号です（見出しが1行目）。</p> : null}
        </div>
      ) : (
        <div className="notice" role="status">
          <p>
            {counted(preview.rows.length, '件')}のうち、{counted(fresh, '件')}を追加します。
            {preview.rows.length - fresh ? `${counted(preview.rows.length - fresh, '件')}は登録済みのため追加しません。` : ''}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="commit" />
            <input type="hidden" name="csv" value={csv} />
            <button type="submit" className="button" disabled={busy || fresh === 0}>
              {counted(fresh, '件')}を追加する
            </button>
          </Form>
        </div>
      )}
      {preview.rows.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  行
                </th>
                <th scope="col">日付</th>
                <th scope="col">種別</th>
                <th scope="col">タイトル</th>
                <th scope="col" className="num">
                  時間
                </th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line}>
                  <td className="num">{r.line}</td>
                  <td>{r.occurredOn.replaceAll('-', '/')}</td>
                  <td>{activityKinds.label[r.kind]}</td>
                  <td>{r.title}</td>
                  <td className="num">{duration(r.durationMinutes)}</td>
                  {/* A refused file adds nothing, so its good rows are only 問題なし. */}
                  <td>{r.duplicate ? <span className="muted">登録済み</span> : failed ? '問題なし' : <span className="tag">追加</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
