import { sheetSections } from '~/domain/sheet';
import type { FieldDiff, Segment, TextDiff } from '~/domain/sheet-diff';

/** Removed text as <del>, added as <ins>: struck through and underlined, not told by colour alone. */
export function Segments({ segments }: { segments: Segment[] }) {
  if (segments.length === 0) return <span className="muted">（未記入）</span>;
  return (
    <>{segments.map((s, i) => (s.op === 'del' ? <del key={i}>{s.text}</del> : s.op === 'ins' ? <ins key={i}>{s.text}</ins> : <span key={i}>{s.text}</span>))}</>
  );
}

export function DiffLegend({ left, right }: { left: string; right: string }) {
  return (
    <p className="diff-legend">
      <del>取り消し線</del>は{left}にだけある文字、<ins>下線</ins>は{right}にだけある文字です。
    </p>
  );
}

/** Two texts side by side, each headed, with what differs marked. */
export function DiffPair({ diff, left, right }: { diff: TextDiff; left: string; right: string }) {
  return (
    <div className="diff-pair">
      <div>
        <p className="diff-pair__head">{left}</p>
        <p className="prewrap">
          <Segments segments={diff.left} />
        </p>
      </div>
      <div>
        <p className="diff-pair__head">{right}</p>
        <p className="prewrap">
          <Segments segments={diff.right} />
        </p>
      </div>
    </div>
  );
}

type Props = { diffs: FieldDiff[]; left: string; right: string };

/** Two versions side by side, section by section; unchanged fields say so in one line. */
export function SheetDiffView({ diffs, left, right }: Props) {
  return (
    <>
      {sheetSections.map(([section, title]) => {
        const fields = diffs.filter((d) => d.section === section);
        const changed = fields.some((f) => f.changed);
        return (
          <section key={section} className="sheet-section" aria-labelledby={`diff-${section}`}>
            <h2 id={`diff-${section}`}>
              {title}
              <span className={changed ? 'tag tag--changed' : 'tag tag--same'}>{changed ? '変更あり' : '変更なし'}</span>
            </h2>
            {fields.map((f) => (
              <div key={f.key} className="diff-field" data-changed={f.changed}>
                {f.label ? <h3>{f.label}</h3> : null}
                {f.changed ? <DiffPair diff={f} left={left} right={right} /> : <p className="muted">変更はありません。</p>}
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}
