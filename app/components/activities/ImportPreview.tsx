import { Form, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { activityKinds, intervieweeRoles, type ActivityKind, type IntervieweeRole } from '~/domain/codes';
import { formatEraDate } from '~/utils/dates';
import { counted, duration } from '~/utils/format';
import { ScrollRegion } from '~/components/ScrollRegion';

type Preview = {
  fileErrors: string[];
  rowErrors: { line: number; label: string; messages: string[] }[];
  rows: {
    line: number;
    label: string;
    readKind: ActivityKind;
    duplicate: boolean;
    occurredOn: string;
    kind: ActivityKind;
    title: string;
    durationMinutes: number;
    session: string | null;
    interview: { interviewee: string; role: IntervieweeRole } | null;
    submission: { title: string } | null;
    notes: string[];
  }[];
};

/**
 * Tells one preview from another: another file, or the same file read again with other kinds. The page
 * keys the preview with it, so the choices shown are always those of the reading shown.
 */
export function previewKey(csv: string, preview: Preview) {
  const text = `${csv}\u0000${preview.rows.map((r) => `${r.line}:${r.kind}:${r.interview?.role ?? ''}`).join(',')}`;
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return `${text.length}:${hash}`;
}

/**
 * What the file would add, line by line, with how each line was read: its kind (which the person may
 * change), the session it is linked to, the interview it creates. The file's text and the changed kinds
 * go back with the confirmation; 「変更を反映」 reads the file again with them.
 */
export function ImportPreview({ csv, preview }: { csv: string; preview: Preview }) {
  const busy = useNavigation().state === 'submitting';
  // A kind or role changed here is read again (変更を反映) before anything is added, so what is added is
  // what was shown: the session it links, the interview it creates.
  const [changed, setChanged] = useState(false);
  const fresh = preview.rows.filter((r) => !r.duplicate);
  const failed = preview.fileErrors.length > 0 || preview.rowErrors.length > 0;
  const interviews = fresh.filter((r) => r.interview).length;
  const submissions = fresh.filter((r) => r.submission).length;
  const lines = [
    ...preview.rows.map((row) => ({ line: row.line, row, error: null })),
    ...preview.rowErrors.map((error) => ({ line: error.line, row: null, error })),
  ].sort((a, b) => a.line - b.line);
  return (
    <section aria-labelledby="preview-heading" className="import-preview">
      <h3 id="preview-heading">読み込む内容の確認</h3>
      <Form method="post" onChange={(event) => event.target instanceof HTMLSelectElement && setChanged(true)}>
        <input type="hidden" name="csv" value={csv} />
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
              {counted(preview.rows.length, '件')}のうち、{counted(fresh.length, '件')}を追加します。
              {preview.rows.length - fresh.length ? `${counted(preview.rows.length - fresh.length, '件')}は登録済みのため追加しません。` : ''}
              {interviews ? `キーパーソンインタビューを${counted(interviews, '件')}作ります（公開範囲はチーム内のみ）。` : ''}
              {submissions ? `事前課題の提出を${counted(submissions, '件')}記録します。` : ''}
            </p>
            <p>
              {changed
                ? '変更した読み取りを確かめるため、「変更を反映して確認する」を押してください。'
                : '種別の読み取りが違う行は、下の表で直してから「変更を反映して確認する」を押してください。'}
            </p>
            <div className="button-row">
              <button type="submit" name="intent" value="commit" className="button" disabled={busy || changed || fresh.length === 0}>
                {counted(fresh.length, '件')}を追加する
              </button>
              <button type="submit" name="intent" value="preview" className="button button--secondary" disabled={busy}>
                変更を反映して確認する
              </button>
            </div>
          </div>
        )}
        {lines.length ? (
          <ScrollRegion label="取り込む行">
            <table className="import-rows">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    行
                  </th>
                  <th scope="col">日付</th>
                  <th scope="col">ファイルの記載</th>
                  <th scope="col">種別</th>
                  <th scope="col">結び付け・作成するもの</th>
                  <th scope="col" className="num">
                    時間
                  </th>
                  <th scope="col">状態</th>
                </tr>
              </thead>
              <tbody>
                {lines.map(({ line, row, error }) =>
                  row ? (
                    <tr key={line}>
                      <td className="num" data-label="行">
                        {line}
                      </td>
                      <td data-label="日付">{formatEraDate(row.occurredOn)}</td>
                      <td data-label="ファイルの記載" className="import-rows__label">
                        {row.label}
                      </td>
                      <td data-label="種別">
                        {row.duplicate || failed ? activityKinds.label[row.kind] : <KindPick line={line} kind={row.kind} readKind={row.readKind} />}
                      </td>
                      <td data-label="結び付け">
                        <Links row={row} editable={!row.duplicate && !failed} />
                      </td>
                      <td className="num" data-label="時間">
                        {duration(row.durationMinutes)}
                      </td>
                      {/* A refused file adds nothing, so its good rows are only 問題なし. */}
                      <td data-label="状態">
                        {row.duplicate ? <span className="muted">登録済み</span> : failed ? '問題なし' : <span className="tag">追加</span>}
                      </td>
                    </tr>
                  ) : (
                    <tr key={line} className="import-rows__error">
                      <td className="num" data-label="行">
                        {line}
                      </td>
                      <td colSpan={2} data-label="ファイルの記載" className="import-rows__label">
                        {error!.label}
                      </td>
                      <td data-label="問題" colSpan={4}>
                        <strong>{error!.messages.join('／')}</strong>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </Form>
    </section>
  );
}

function KindPick({ line, kind, readKind }: { line: number; kind: ActivityKind; readKind: ActivityKind }) {
  return (
    <>
      <label className="visually-hidden" htmlFor={`kind-${line}`}>
        {line}行目の種別
      </label>
      <select id={`kind-${line}`} name={`kind:${line}`} defaultValue={kind}>
        {activityKinds.codes.map((code) => (
          <option key={code} value={code}>
            {activityKinds.label[code]}
          </option>
        ))}
      </select>
      {kind !== readKind ? <span className="hint"> （読み取りは{activityKinds.label[readKind]}）</span> : null}
    </>
  );
}

function Links({ row, editable }: { row: Preview['rows'][number]; editable: boolean }) {
  return (
    <>
      {row.session ? <div>{row.session}</div> : null}
      {row.interview ? (
        <div>
          インタビュー: {row.interview.interviewee}（
          {editable ? (
            <>
              <label className="visually-hidden" htmlFor={`role-${row.line}`}>
                {row.line}行目の相手の区分
              </label>
              <select id={`role-${row.line}`} name={`role:${row.line}`} defaultValue={row.interview.role}>
                {intervieweeRoles.codes.map((code) => (
                  <option key={code} value={code}>
                    {intervieweeRoles.label[code]}
                  </option>
                ))}
              </select>
            </>
          ) : (
            intervieweeRoles.label[row.interview.role]
          )}
          ）
        </div>
      ) : null}
      {row.notes.map((note) => (
        <div key={note} className="hint">
          {note}
        </div>
      ))}
      {!row.session && !row.interview && !row.notes.length ? <span className="muted">—</span> : null}
    </>
  );
}
