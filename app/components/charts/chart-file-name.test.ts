import { describe, expect, it } from 'vitest';
import { chartFileName } from './ChartFrame';

describe('a chart saved as PNG', () => {
  it('is named in Japanese after whose chart it is and what it shows, with nothing Windows refuses', () => {
    expect(chartFileName('甲府市チーム 令和8年度', 'モヤモヤ指数の推移')).toBe('甲府市チーム_令和8年度_モヤモヤ指数の推移.png');
    expect(chartFileName('令和8年度', 'A/B：チーム*の"比較"?')).toBe('令和8年度_A_B：チーム_の_比較_.png');
  });
});
