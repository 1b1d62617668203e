import { describe, expect, it } from 'vitest';
import { diffText, splitSentences } from './sheet-diff';

describe('diffing Japanese text', () => {
  it('splits on 。！？ and line breaks, keeping each mark with its sentence', () => {
    expect(splitSentences('対話が大切だ。本当に？\nそう思う！続く')).toEqual(['対話が大切だ。', '本当に？', '\n', 'そう思う！', '続く']);
  });

  it('marks only the changed characters of a changed sentence', () => {
    const d = diffText('職員の挑戦を支える。若手が意見を言えない。', '職員の挑戦を応援する。若手が意見を言えない。');
    expect(d.left).toEqual([
      { text: '職員の挑戦を', op: 'same' },
      { text: '支え', op: 'del' },
      { text: 'る。若手が意見を言えない。', op: 'same' },
    ]);
    expect(d.right).toEqual([
      { text: '職員の挑戦を', op: 'same' },
      { text: '応援す', op: 'ins' },
      { text: 'る。若手が意見を言えない。', op: 'same' },
    ]);
  });

  it('shows a rewritten sentence whole rather than as scattered characters', () => {
    const d = diffText('市役所の都合で考えていた。', '暮らす人の目線から捉え直した。');
    expect(d.left).toEqual([{ text: '市役所の都合で考えていた。', op: 'del' }]);
    expect(d.right).toEqual([{ text: '暮らす人の目線から捉え直した。', op: 'ins' }]);
  });

  it('reports no change for equal text', () => {
    expect(diffText('同じ。', '同じ。').changed).toBe(false);
  });
});

describe('comparing fields', () => {
  it('treats evidence with keys in another order (as jsonb returns them) as the same', async () => {
    const { sameField } = await import('./sheet-fields');
    const { emptySheet } = await import('./sheet');
    const a = { ...emptySheet(), focusInitiatives: [{ text: '対話', evidence: [{ kind: 'interview' as const, id: 3 }] }] };
    const b = JSON.parse('{"focusInitiatives":[{"evidence":[{"id":3,"kind":"interview"}],"text":"対話"}]}');
    expect(sameField(a, { ...emptySheet(), ...b }, 'focusInitiatives')).toBe(true);
    expect(sameField(a, emptySheet(), 'focusInitiatives')).toBe(false);
  });
});
