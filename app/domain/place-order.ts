// The one order of teams and municipalities on the organizers' pages: prefectures north to south by
// their JIS code (01 北海道 … 47 沖縄県), and within a prefecture the prefecture itself first, then
// its municipalities by name.
//
// The municipalities table holds no prefecture code and no reading (kana), so the code comes from the
// prefecture's name (this list) and names are compared with the Japanese collation (Intl.Collator
// 'ja'): names in kana follow 五十音, names in kanji follow the JIS order of their first kanji (by its
// usual 音読み), which is close to 五十音 but not the same (鹿児島市 sorts under し). Rows sorted
// here, never by the database, so PGlite and PostgreSQL (whatever their collation) agree.

export const prefectures = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const;

const codes = new Map<string, number>(
  prefectures.flatMap((name, i) => [
    [name, i + 1],
    [name === '北海道' ? name : name.slice(0, -1), i + 1], // typed without 都・府・県
  ]),
);

/** The JIS code (1–47) of a prefecture's name, with or without 都・府・県; 99 for a name it does not know. */
export function prefectureCode(name: string): number {
  return codes.get(name.trim()) ?? 99;
}

export type Place = { prefecture: string; name: string };

const collator = new Intl.Collator('ja');

export function comparePlaces(a: Place, b: Place): number {
  return (
    prefectureCode(a.prefecture) - prefectureCode(b.prefecture) ||
    collator.compare(a.prefecture, b.prefecture) ||
    Number(b.name === b.prefecture) - Number(a.name === a.prefecture) ||
    collator.compare(a.name, b.name)
  );
}

/** A sorted copy of rows in that order; `place` says where a row's municipality is. */
export function inPlaceOrder<T>(rows: readonly T[], place: (row: T) => Place): T[] {
  return [...rows].sort((a, b) => comparePlaces(place(a), place(b)));
}

/** For rows carrying `prefecture` and `municipalityName`, as the team lists do. */
export const teamPlace = (row: { prefecture: string; municipalityName: string }): Place => ({ prefecture: row.prefecture, name: row.municipalityName });
