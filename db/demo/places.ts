// The demo municipalities (real names, invented people and stories) and who talks with whom.

type Post = readonly [department: string, section: string];

export type DemoPlace = {
  name: string;
  prefecture: string;
  kind: 'city' | 'town' | 'prefecture';
  years: readonly number[]; // the years it sent a team; 期生 follows from this order
  hr: Post;
  posts: readonly Post[];
  issue: string; // 現状 in one line
  vision: string; // 10年後のありたい姿
  organization: string; // 目指す組織・職員像
  focus: readonly string[]; // 重点取組 candidates, the first ones are kept when narrowing down
};

const cityPosts: readonly Post[] = [
  ['消防本部', '警防課'],
  ['福祉部', '福祉課'],
  ['市民部', '市民協働課'],
  ['企画部', '企画政策課'],
  ['財政部', '財政課'],
  ['産業観光部', '観光課'],
  ['建設部', '道路河川課'],
  ['教育委員会事務局', '学校教育課'],
  ['環境部', '環境政策課'],
  ['こども未来部', '子育て支援課'],
  ['健康福祉部', '高齢者支援課'],
  ['上下水道局', '経営企画課'],
  ['農林部', '農政課'],
  ['税務部', '市民税課'],
  ['総務部', '情報政策課'],
];
const bigCityPosts: readonly Post[] = [
  ['消防局', '情報管理課'],
  ['健康福祉局', '福祉課'],
  ['都市建設局', '都市計画課'],
  ['経済観光局', '観光政策課'],
  ['環境局', '環境政策課'],
  ['こども局', 'こども政策課'],
  ['政策局', '企画課'],
  ['財政局', '財政課'],
  ['中央区役所', '区民課'],
];
const townPosts: readonly Post[] = [
  ['企画調整課', '企画係'],
  ['保健福祉課', '福祉係'],
  ['住民環境課', '環境対策係'],
  ['農林振興課', '農政係'],
  ['教育委員会', '社会教育課'],
];
const prefecturePosts: readonly Post[] = [
  ['防災くらし安心部', '防災危機管理課'],
  ['しあわせ子育て応援部', '子ども家庭福祉課'],
  ['産業労働部', '雇用・産業人材育成課'],
  ['みらい企画創造部', '市町村課'],
  ['県土整備部', '道路整備課'],
];

const all = (from: number) => [2021, 2022, 2023, 2024, 2025, 2026].filter((y) => y >= from);

export const places: readonly DemoPlace[] = [
  {
    name: '甲府市',
    prefecture: '山梨県',
    kind: 'city',
    years: all(2021),
    hr: ['総務部', '人事課'],
    posts: cityPosts,
    issue: '若手職員の離職が続き、部署間の縦割りも強い。全庁アンケートでは「気軽に相談できる相手がいない」が4割を超えた。',
    vision: '甲府に暮らす誰もが、自分の「やってみたい」を地域の仲間と実現できるまち',
    organization: '部署を越えて対話し、市民と一緒に考えることが当たり前の組織。挑戦する職員を周りが応援する職場',
    focus: [
      '若手職員と管理職が本音で話す「ランチ対話会」を定例化する',
      '人事課と共に人材育成基本方針の改定に職員の声を反映する',
      '新規採用職員向け「市役所の1年」ガイドをつくる',
      '庁内オフサイトミーティングの世話人を育てる',
    ],
  },
  {
    name: '熊本市',
    prefecture: '熊本県',
    kind: 'city',
    years: all(2022),
    hr: ['総務局', '人事課'],
    posts: bigCityPosts,
    issue: '震災からの復旧・復興を担った職員の経験が、世代交代の中で若手に受け継がれていない。',
    vision: '災害を乗り越えた経験を力に、住民同士が支え合うしなやかなまち',
    organization: '経験を語り継ぎ、危機のときも平時も自ら考えて動ける職員が育つ組織',
    focus: [
      '震災を経験した職員の語りを若手に伝える「語り部対話会」を開く',
      '人材育成基本方針に「自律型職員」の具体像を書き込む',
      '区役所と本庁の職員が互いの現場を知る交流の仕組みをつくる',
    ],
  },
  {
    name: '鹿児島市',
    prefecture: '鹿児島県',
    kind: 'city',
    years: all(2023),
    hr: ['総務局', '人事課'],
    posts: bigCityPosts,
    issue: '業務量が増え続け、仕事が「こなすもの」になっている。職員が地域に出て住民と話す時間がない。',
    vision: '桜島と共に暮らす人が、世代を越えて誇りを持ち続けられるまち',
    organization: '地域に出て生活者の声を聞き、その声をもとに仕事のやり方を見直せる職員',
    focus: [
      '業務の棚卸しで「やめる仕事」を職場ごとに決める',
      '職員が地域活動に参加しやすい仕組みをつくる',
      '若手職員アンケートの結果を全庁で共有し、対話の材料にする',
    ],
  },
  {
    name: '富岡市',
    prefecture: '群馬県',
    kind: 'city',
    years: all(2021),
    hr: ['総務部', '職員課'],
    posts: cityPosts,
    issue: 'とみおかマネ友会はあるが、毎年のチームの取組が単発で終わりがちで、期を越えた積み重ねが見えにくい。',
    vision: '世界遺産のまちで、市民と市役所が一緒に次の100年を考え続けるまち',
    organization: '期を越えてつながり、前の期の挑戦を次の期が引き継いで育てていく組織',
    focus: [
      'とみおかマネ友会と現役チームの合同振り返りを毎年行う',
      '過去の期のアクションプランを棚卸しし、引き継ぐものを決める',
      '子育て世代の職員によるオフサイトミーティングを開く',
    ],
  },
  {
    name: '韮崎市',
    prefecture: '山梨県',
    kind: 'city',
    years: all(2024),
    hr: ['総務課', '人事係'],
    posts: cityPosts,
    issue: '小さな組織で一人が多くの業務を抱え、新しいことに挑戦する余裕がない。',
    vision: '八ヶ岳の麓で、若い世代が「戻ってきたい」と思えるまち',
    organization: '少人数でも助け合い、互いの挑戦を応援し合える職員',
    focus: ['課を越えて手伝い合う「庁内副業」を試行する', '若手職員の提案を市長に直接届ける場をつくる', '人材育成基本方針の見直しに向けて職員対話を重ねる'],
  },
  {
    name: '三条市',
    prefecture: '新潟県',
    kind: 'city',
    years: [2021, 2022, 2024, 2025, 2026],
    hr: ['総務部', '人事課'],
    posts: cityPosts,
    issue: 'ものづくりのまちの強みを、職員が自分事として語れていない。事業者との接点が一部の部署に偏っている。',
    vision: 'ものづくりの技と人のつながりが、次の世代の仕事を生み出し続けるまち',
    organization: '地域の事業者と共に考え、現場から政策をつくる職員',
    focus: ['職員が事業者の現場を訪ねる「工場見学研修」を始める', '部署横断のプロジェクトチームを常設にする', '若手職員の企画提案制度を使われる形に再設計する'],
  },
  {
    name: '北上市',
    prefecture: '岩手県',
    kind: 'city',
    years: all(2022),
    hr: ['総務部', '職員課'],
    posts: cityPosts,
    issue: '人口減少への危機感が職員の間で共有されておらず、前例踏襲の意識が根強い。',
    vision: 'ものづくり産業と農業の両輪で、働く場と暮らしが近いまち',
    organization: 'データと対話で前例を問い直し、自ら変化をつくれる職員',
    focus: ['職員向け「北上の10年後」対話ワークショップを開く', '前例にとらわれない業務改善提案の仕組みをつくる', '人事評価の面談に「対話」の時間を組み込む'],
  },
  {
    name: '生駒市',
    prefecture: '奈良県',
    kind: 'city',
    years: all(2025),
    hr: ['総務部', '人事課'],
    posts: cityPosts,
    issue: '市民活動は盛んだが、職員によって市民と協働した経験に大きな差がある。',
    vision: '市民一人ひとりが、自分のまちを自分事として楽しんでいるまち',
    organization: '市民と同じ目線で地域に関わる、複業型の職員が増えている組織',
    focus: [
      '職員の地域活動を応援する制度を周知し、使いやすくする',
      '市民との対話の場に若手職員が参加する仕組みをつくる',
      '庁内で活動事例を共有する「ストーリー発表会」を開く',
    ],
  },
  {
    name: '豊岡市',
    prefecture: '兵庫県',
    kind: 'city',
    years: all(2023),
    hr: ['総務部', '人事課'],
    posts: cityPosts,
    issue: '若者の転出が続き、職員にも「まちの未来を描く」経験が少ない。',
    vision: '小さな世界都市として、多様な人が行き交い住み続けるまち',
    organization: '多様性を受け入れ、異なる意見から新しい価値を生み出す職員',
    focus: ['ジェンダーギャップの解消に向けた職場の対話を始める', '若手職員による「まちの未来」提案会を開く', '管理職と部下の1on1を導入する'],
  },
  {
    name: '大崎町',
    prefecture: '鹿児島県',
    kind: 'town',
    years: all(2025),
    hr: ['総務課', '人事研修係'],
    posts: townPosts,
    issue: 'リサイクルの取組を担ってきた世代の退職が近く、ノウハウが特定の職員に属人化している。',
    vision: '資源循環のまちとして、世界から学びに来る人が絶えない町',
    organization: '少人数だからこそ、全員が町の未来を自分の言葉で語れる職員',
    focus: ['ベテラン職員の知恵をつなぐ「聞き書き」プロジェクトを始める', '係を越えた朝の対話ミーティングを続ける', '町民との共創会議に職員が参加する'],
  },
  {
    name: '松本市',
    prefecture: '長野県',
    kind: 'city',
    years: all(2024),
    hr: ['総務部', '職員課'],
    posts: cityPosts,
    issue: '窓口や現場で得た気付きが、政策づくりに届くまでに時間がかかっている。',
    vision: '山岳と文化のある暮らしを、誰もが健康に楽しめるまち',
    organization: '現場の気付きを政策に変えられる、風通しのよい組織',
    focus: ['現場職員と企画部門が話す対話会を開く', '庁内公募型のプロジェクトを試行する', '人材育成基本方針に現場の声を反映する意見交換を行う'],
  },
  {
    name: '山形県',
    prefecture: '山形県',
    kind: 'prefecture',
    years: all(2025),
    hr: ['総務部', '人事課'],
    posts: prefecturePosts,
    issue: '県と市町村の間で、職員同士が本音で話せる場が少ない。',
    vision: '県内どこに住んでも、自分らしい暮らしと仕事が選べる山形',
    organization: '市町村と同じ目線で、地域の課題を共に考える県職員',
    focus: ['県と市町村の職員による合同オフサイトミーティングを開く', '若手県職員の市町村派遣の経験を共有する', '人材育成基本方針に「共創」を明記する'],
  },
];

/** 対話自治体 of the two recent years (by municipality name). */
export const dialogueGroupPlan: Record<number, readonly (readonly string[])[]> = {
  2025: [
    ['甲府市', '熊本市', '鹿児島市'],
    ['富岡市', '韮崎市'],
    ['三条市', '生駒市'],
    ['北上市', '豊岡市', '大崎町'],
    ['松本市', '山形県'],
  ],
  2026: [
    ['甲府市', '熊本市', '鹿児島市'],
    ['富岡市', '韮崎市'],
    ['三条市', '北上市', '山形県'],
    ['生駒市', '豊岡市'],
    ['大崎町', '松本市'],
  ],
};

/** Words that depend on the kind of municipality: 市長 / 町長 / 知事 … */
export function titles(place: DemoPlace) {
  if (place.kind === 'town') return { head: '町長', deputy: '副町長', council: '町議会議員', office: '役場' };
  if (place.kind === 'prefecture') return { head: '知事', deputy: '副知事', council: '県議会議員', office: '県庁' };
  return { head: '市長', deputy: '副市長', council: '市議会議員', office: '市役所' };
}
