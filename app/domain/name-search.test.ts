import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesQuery, searchKey } from './name-search';

describe('narrowing people by what is typed', () => {
  const key = searchKey(['山田 太郎', 'やまだ たろう', '甲府市', '3期生', '令和7年度']);

  it('finds a name, its reading in hiragana or katakana, a municipality, a 期 and a year', () => {
    for (const query of ['山田', '山田太郎', '山田　太郎', 'やまだ', 'ヤマダ タロウ', 'ﾔﾏﾀﾞ', '甲府', '3期', '３期生', '令和7', '甲府 やまだ']) {
      expect(matchesQuery(key, query), query).toBe(true);
    }
  });

  it('needs every word, and holds a 期 to the start of the field', () => {
    expect(matchesQuery(key, '甲府 すずき')).toBe(false);
    expect(matchesQuery(key, '熊本')).toBe(false);
    expect(matchesQuery(searchKey(['鈴木 花子', 'すずき はなこ', '熊本市', '13期生']), '3期')).toBe(false);
    expect(matchesQuery(searchKey(['鈴木 花子', 'すずき はなこ', '熊本市', '13期生']), '13期')).toBe(true);
  });

  it('lets an empty query through', () => {
    expect(matchesQuery(key, '')).toBe(true);
    expect(matchesQuery(key, '　 ')).toBe(true);
  });

  it('folds width, case and kana', () => {
    expect(foldForSearch('ＡＢＣ　カナ ｶﾅ')).toBe('abcかなかな');
  });
});
