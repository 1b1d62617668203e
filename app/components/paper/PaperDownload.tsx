import type { ReactNode } from 'react';
import { visibilities } from '~/domain/codes';
import type { NonProgramItem } from '~/domain/paper';

// The download of the .docx. A paper is public: when the draft holds records the program may not read, they are
// listed here and the download needs the box ticked (the server refuses it otherwise, with this very list as the
// value it checks, so a list that changed since must be confirmed again).

export function PaperDownload({
  teamId,
  nonProgram,
  confirmKey,
  children,
}: {
  teamId: number;
  nonProgram: NonProgramItem[];
  confirmKey: string;
  children?: ReactNode;
}) {
  return (
    <form method="get" action={`/teams/${teamId}/paper.docx`} className="paper-download">
      {nonProgram.length ? (
        <div className="paper-warning" role="note" aria-labelledby="paper-warning-title">
          <p id="paper-warning-title" className="paper-warning__title">
            公開範囲がチーム内のみの記録を含みます
          </p>
          <p>共同論文は公開されます。次の記録は、事務局や対話自治体にも公開していないものです。載せてよいことを確かめてください。</p>
          <ul>
            {nonProgram.map((item) => (
              <li key={item.key}>
                {item.what}（公開範囲：{visibilities.label[item.visibility]}）
              </li>
            ))}
          </ul>
          <label className="choice">
            <input type="checkbox" name="confirmed" value={confirmKey} required /> <span>確認しました。これらを含めてダウンロードします</span>
          </label>
        </div>
      ) : (
        <p className="muted">公開範囲がチーム内のみ・自治体までの記録は含まれていません。</p>
      )}
      <div className="form-actions">
        <button type="submit" className="button">
          Wordファイル（.docx）をダウンロード
        </button>
        {children}
      </div>
    </form>
  );
}
