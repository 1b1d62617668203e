import type { IntervieweeRole, Visibility } from '../../app/domain/codes';
import { titles, type DemoPlace } from './places';
import type { Rng } from './random';

// キーパーソンインタビュー: who the teams talk to, and what they hear. All invented.

const commonQuestions = (place: DemoPlace) => {
  const { office } = titles(place);
  return [
    `①10年後、${place.name}はどのような姿になっていてほしいか`,
    `②そのために、${office}はどのような組織であるべきか`,
    '③職員に期待すること、今の職員に足りないと感じることは何か',
    '④私たち部会チームの取組に期待すること',
  ].join('\n');
};

export type InterviewTemplate = {
  key: 'head' | 'deputy' | 'hr' | 'manager' | 'council' | 'alumni' | 'staff' | 'community';
  role: IntervieweeRole;
  interviewee: (place: DemoPlace, generation: number) => string;
  purpose: string;
  questions: (place: DemoPlace) => string;
  content: (place: DemoPlace) => string;
  insights: (place: DemoPlace) => string;
  unease: string;
  homework: readonly string[];
  visibility: (rng: Rng) => Visibility;
};

export const interviewTemplates: Record<InterviewTemplate['key'], InterviewTemplate> = {
  head: {
    key: 'head',
    role: 'head',
    interviewee: (p) => titles(p).head,
    purpose: '10年後のまちの姿と、職員に期待することをトップから直接伺う',
    questions: commonQuestions,
    content: (p) =>
      [
        `【問1】10年後、${p.name}はどんな姿になっていてほしいか`,
        '人口が減っても、住んでいる人が「ここで暮らしてよかった」と思える地域。数字より一人ひとりの実感を大事にしたい。',
        `【問2】${titles(p).office}はどんな組織であるべきか`,
        '失敗を恐れずに挑戦できる組織。「前例がない」を理由に止めないでほしい。',
        '【問3】職員に期待すること',
        '机の上ではなく現場に出て、住民の声を聞くこと。自分の言葉で政策を語れる職員が増えてほしい。',
        '【問4】部会チームに期待すること',
        '学んだことを3人だけのものにせず、組織に広げてほしい。',
      ].join('\n'),
    insights: (p) => `${titles(p).head}も「挑戦できる組織」を望んでいた。挑戦を止めているのは、自分たちの思い込み（ドミナントロジック）なのかもしれない。`,
    unease: 'トップの思いが現場の職員まで届いていないのはなぜか。管理職の受け止め方とのずれが気になる。',
    homework: [
      '職員が挑戦した事例を3つ集めて報告すること',
      '若手職員の本音を聞く場をつくり、その結果を持ってくること',
      '10年後の姿を「住民の言葉」で書き直すこと',
      '次は部長たちとも対話すること',
    ],
    visibility: () => 'team',
  },
  deputy: {
    key: 'deputy',
    role: 'deputy_head',
    interviewee: (p) => titles(p).deputy,
    purpose: '組織運営の課題認識と、部局間連携の実態を伺う',
    questions: commonQuestions,
    content: () =>
      [
        '【問1】組織運営で課題に感じていること',
        '財政は厳しいが、だからこそ部局の壁を越えた連携が必要。各部がそれぞれ正しいことをしていても、全体として最適になっていない。',
        '【問2】職員に期待すること',
        '担当業務の外に一歩出てみること。他部署の会議にふらっと顔を出すくらいでちょうどいい。',
      ].join('\n'),
    insights: () => '部局横断の必要性は上層部も感じている。ただし「誰が旗を振るのか」が決まっていない。',
    unease: '私たち3人が旗を振ってよいのか。越権にならないか。',
    homework: ['部局横断で成果が出た事例を整理すること', '管理職研修の在り方について提案をまとめること'],
    visibility: () => 'team',
  },
  hr: {
    key: 'hr',
    role: 'hr',
    interviewee: (p) => `${p.hr[1]}長`,
    purpose: '人材育成基本方針の運用状況と、人事部門が抱える課題を伺う',
    questions: commonQuestions,
    content: () =>
      [
        '【人材育成基本方針について】',
        '策定から10年近く経ち、現場での認知度は低い。改定の時期が来ているが、職員の声をどう集めるかが課題。',
        '【研修について】',
        '研修メニューは用意しているが、受け身の参加が多い。手挙げ式の研修は毎年同じ顔ぶれになりがち。',
        '【若手職員について】',
        '若手の退職が増えており、何が原因なのかつかみきれていない。本音を聞ける場がほしい。',
      ].join('\n'),
    insights: () => '人事部門も同じ悩みを抱えていた。「人事対職員」ではなく、一緒に考える相手なのだと気付いた。',
    unease: '人材育成基本方針の改定に、私たちの立場でどこまで関わってよいのか。',
    homework: [
      '人材育成基本方針を読み込み、現場とのずれを整理すること',
      '若手職員アンケートの結果を人事課と共有すること',
      '人事課長報告の日程を早めに決めること',
    ],
    visibility: (rng) => (rng.chance(0.6) ? 'municipality' : 'team'),
  },
  manager: {
    key: 'manager',
    role: 'manager',
    interviewee: () => '部長級職員（Aさん）',
    purpose: '管理職から見た組織の強み・弱みと、部下との関わり方を伺う',
    questions: commonQuestions,
    content: () =>
      [
        '【部下との関わり】',
        '部下と話す時間が取れていない。会議は報告ばかりで、本音を話す場になっていない。',
        '【若手職員について】',
        '若手が何を考えているのか知りたいが、どう声をかけてよいか分からない。自分が若い頃とは違う。',
        '【組織の強み】',
        'いざというときの団結力はある。災害対応やイベントでは部署を越えて動ける。',
      ].join('\n'),
    insights: () => '管理職も対話を求めていた。若手と管理職が「お互いに遠慮している」構図が見えてきた。',
    unease: '「若手の声を聞きたい」という言葉を、どうやって具体的な場につなげるか。',
    homework: ['若手と部長級が話す場の案を持ってくること', '自分の部署で試してみて結果を教えてほしい'],
    visibility: (rng) => (rng.chance(0.7) ? 'team' : 'municipality'),
  },
  council: {
    key: 'council',
    role: 'council',
    interviewee: (p) => `${titles(p).council}（Bさん）`,
    purpose: '議会から見た役所の姿と、住民の声の届き方を伺う',
    questions: commonQuestions,
    content: (p) =>
      [
        `【住民から見た${titles(p).office}】`,
        '住民から見ると「何をしているのか分からない」。窓口の対応は丁寧になったが、顔が見えない。',
        '【職員に期待すること】',
        '職員が地域の行事に顔を出すだけで信頼が生まれる。制度の説明より、まず話を聞いてほしい。',
      ].join('\n'),
    insights: () => '住民との距離の問題は、職員の意識だけでなく仕組みの問題でもある。',
    unease: '議員の方の話を、どこまでシートに書いてよいか迷う。',
    homework: ['地域行事に職員が参加しやすくする方法を考えること'],
    visibility: () => 'team',
  },
  alumni: {
    key: 'alumni',
    role: 'alumni',
    interviewee: (_, generation) => (generation > 1 ? `マネ友（${generation - 1}期生 Cさん）` : '他自治体のマネ友（Cさん）'),
    purpose: '前の期の取組と苦労、引き継いでほしいことを聞く',
    questions: () => '①部会の1年間で一番苦しかったこと\n②やり残したこと\n③私たちに引き継いでほしいこと',
    content: () =>
      [
        '【前の期の取組】',
        '人事課への提案まではできたが、その後が続かなかった。1年で形にしようとしすぎた。',
        '【引き継いでほしいこと】',
        '次の期につなぐ意識を持ってほしい。モヤモヤは悪いことではない。モヤモヤしている間に考えたことが財産になる。',
      ].join('\n'),
    insights: () => '「部会に卒業はない」の意味が分かった。前の期の積み重ねの上に、自分たちが立っている。',
    unease: '前の期のアクションプランを、どこまで自分たちのものとして引き継ぐべきか。',
    homework: ['前の期のアクションプランを読み直し、続けることとやめることを決めること', 'マネ友会のオフサイトミーティングに参加すること'],
    visibility: () => 'program',
  },
  staff: {
    key: 'staff',
    role: 'staff',
    interviewee: () => '若手職員（Dさん）',
    purpose: '若手職員が感じている働きがいと不安を聞く',
    questions: () => '①仕事のやりがいを感じるのはどんなときか\n②困ったとき誰に相談するか\n③10年後、どんな職員になっていたいか',
    content: () =>
      [
        '【仕事について】',
        '入庁3年目。前任者の引き継ぎ書どおりに回すだけで、なぜこの仕事をしているのか考える余裕がない。',
        '【相談相手】',
        '同期とはよく話すが、上司とはほとんど雑談しない。忙しそうで声をかけにくい。',
      ].join('\n'),
    insights: () => '「考える余裕がない」のは個人の問題ではなく、仕事の持ち方の問題だと気付いた。',
    unease: 'アンケートの数字だけでは見えない声を、どうやって組織に届けるか。',
    homework: ['同期以外とも話せる場があったら参加したい。つくってほしい'],
    visibility: (rng) => (rng.chance(0.5) ? 'team' : 'program'),
  },
  community: {
    key: 'community',
    role: 'community',
    interviewee: () => '区長会長（Eさん）',
    purpose: '地域から見た職員の姿と、期待することを伺う',
    questions: () => '①地域から見た職員の印象\n②職員と地域の関わりで良かったこと・困ったこと\n③これからの職員に期待すること',
    content: () =>
      [
        '【昔と今】',
        '昔は地区担当の職員と顔なじみだった。今は担当が毎年変わり、名前も分からない。',
        '【期待すること】',
        '困ったときに相談できる職員が一人いるだけで心強い。地域の対話の場にも来てほしい。',
      ].join('\n'),
    insights: () => '「顔の見える関係」が信頼の土台。生活者起点とはこういうことなのかもしれない。',
    unease: '地区担当制を復活させるのは負担が大きい。別のやり方はあるのか。',
    homework: ['地区の行事に一度来てみること', '地域と職員をつなぐアイデアを持ってくること'],
    visibility: (rng) => (rng.chance(0.5) ? 'program' : 'team'),
  },
};

/** 4–6 interviewees for a team: always HR and a department head, the top most of the time. */
export function pickInterviews(rng: Rng, count: number): InterviewTemplate[] {
  const t = interviewTemplates;
  const chosen = [t.hr, t.manager];
  if (rng.chance(0.8)) chosen.push(t.head);
  const others = rng.shuffle([t.deputy, t.council, t.alumni, t.staff, t.community]);
  while (chosen.length < count) chosen.push(others.shift()!);
  return chosen;
}

export const homeworkFollowUps = [
  '人事課長報告で結果を共有した',
  'チームで案をまとめ、対話自治体ミーティングでも意見をもらった',
  '変革ストーリーシートの重点取組に反映した',
  'マネ友に相談しながら進めている',
];
