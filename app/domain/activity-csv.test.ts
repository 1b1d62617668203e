import { describe, expect, it } from 'vitest';
import { readLabel } from './activity-label';
import { mapHeaders, parseDuration, parseLooseDate, parseStartTime, splitNames } from './activity-csv';
import { guardCell, unguardCell } from './csv-rows';

describe('reading an Excel activity log', () => {
  it('reads western and era dates, including 元年 and full-width digits', () => {
    expect(parseLooseDate('2022-04-27')).toBe('2022-04-27');
    // A date Excel shows without its year: read in the team's fiscal year (April to March).
    expect(parseLooseDate('4月27日', 2022)).toBe('2022-04-27');
    expect(parseLooseDate('3/7', 2022)).toBe('2023-03-07');
    expect(parseLooseDate('１２月２０日（火）', 2022)).toBe('2022-12-20');
    expect(parseLooseDate('4月27日')).toBeNull();
    expect(parseLooseDate('2月30日', 2022)).toBeNull();
    // What Excel writes for a date cell with a time, and a two-day span as teams type it: its first day.
    expect(parseLooseDate('2022/4/27 0:00')).toBe('2022-04-27');
    expect(parseLooseDate('2022/4/27 0:00:00')).toBe('2022-04-27');
    expect(parseLooseDate('7月22日〜23日', 2022)).toBe('2022-07-22');
    expect(parseLooseDate('令和4年7月22日（金）～23日（土）')).toBe('2022-07-22');
    expect(parseLooseDate('2022/4/27')).toBe('2022-04-27');
    expect(parseLooseDate('2022年4月27日')).toBe('2022-04-27');
    expect(parseLooseDate('令和4年4月27日')).toBe('2022-04-27');
    expect(parseLooseDate('令和４年４月２７日（水）')).toBe('2022-04-27');
    expect(parseLooseDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseLooseDate('平成31年4月30日')).toBe('2019-04-30');
    expect(parseLooseDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseLooseDate('R4.4.27')).toBe('2022-04-27');
    expect(parseLooseDate('2022/2/30')).toBeNull();
    expect(parseLooseDate('来週')).toBeNull();
    expect(parseLooseDate('')).toBeNull();
  });

  it('reads durations and start times in the ways people type them', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('９０分')).toBe(90);
    expect(parseDuration('1時間30分')).toBe(90);
    expect(parseDuration('1.5時間')).toBe(90);
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('')).toBe(0);
    expect(parseDuration('長め')).toBeNull();
    expect(parseDuration('1441')).toBeNull();
    expect(parseStartTime('9:05')).toBe('09:05');
    expect(parseStartTime('18:30:00')).toBe('18:30');
    expect(parseStartTime('18時30分')).toBe('18:30');
    expect(parseStartTime('')).toBeNull();
    expect(parseStartTime('25:00')).toBeUndefined();
  });

  it('reads a 種別 cell that is a kind name as that kind, and a free-text one the way the team meant it', () => {
    expect(readLabel('ミーティング', '定例')).toEqual({ kind: 'meeting', title: '定例' });
    expect(readLabel(' 対話自治体ミーティング ', '')).toEqual({ kind: 'partner_meeting', title: '' });
    expect(readLabel('キーマンインタビュー', '市長')).toMatchObject({ kind: 'interview', title: '市長', interview: { interviewee: '市長', role: 'head' } });
    expect(readLabel('激励会', '市長・マネ友と')).toEqual({ kind: 'alumni_dialogue', title: '激励会：市長・マネ友と' });
    expect(readLabel('年末のあいさつ回り', '')).toEqual({ kind: 'other', title: '年末のあいさつ回り' });
    // This app's own export writes その他 for what someone chose to call その他: it stays その他.
    expect(readLabel('その他', '市長インタビュー')).toEqual({ kind: 'other', title: '市長インタビュー' });
  });

  it('maps headers, aliases included, and ignores unknown columns', () => {
    expect(mapHeaders(['\uFEFF日付', '種別', '時間(分)', '件名', '備考', '天気'])).toEqual([
      'occurredOn',
      'kind',
      'durationMinutes',
      'title',
      'notes',
      undefined,
    ]);
  });

  it('keeps Excel from running a cell as a formula, and undoes that on import', () => {
    expect(guardCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(guardCell('普通の文')).toBe('普通の文');
    expect(unguardCell(guardCell('-1は誤り'))).toBe('-1は誤り');
    expect(unguardCell("'普通")).toBe("'普通");
    expect(splitNames('山田 花子、佐藤 翔太,  鈴木 恵')).toEqual(['山田 花子', '佐藤 翔太', '鈴木 恵']);
  });
});
