import { ChartFrame } from '~/components/charts/ChartFrame';
import { optionColors } from '~/components/charts/palette';
import type { SharesSpec } from '~/components/charts/types';
import type { SurveyQuestionKind } from '~/domain/paper-survey';
import { counted } from '~/utils/format';

type Question = {
  position: number;
  text: string;
  kind: SurveyQuestionKind;
  answered: number | null;
  options: { label: string; count: number | null; percent: number }[];
};

/** What the chart draws: the options in their order, each with its colour (the paper's charts use the same). */
export function sharesSpec(question: Pick<Question, 'kind' | 'options'>): SharesSpec {
  const colors = optionColors(question.kind, question.options.length);
  return { type: 'shares', kind: question.kind, options: question.options.map((o, i) => ({ ...o, color: colors[i]! })) };
}

/** Y:16%／N:84%: a choice question's results in one line, as papers quote them. */
export function sharesLine(options: { label: string; percent: number }[]) {
  return options.map((o) => `${o.label}:${o.percent}%`).join('／');
}

/** One question's chart (a horizontal 100% bar, or a bar per option for multiple choice) and its table twin. */
export function SurveyQuestionChart({ question, subject }: { question: Question; subject: string }) {
  const spec = sharesSpec(question);
  const multiple = question.kind === 'multiple';
  const counts = question.options.some((o) => o.count !== null);
  const height = multiple ? Math.max(140, question.options.length * 30 + 70) : 150 + Math.ceil(question.options.length / 4) * 22;
  return (
    <ChartFrame title={`Q${question.position + 1}. ${question.text}`} subject={subject} spec={spec} height={height} tableOpen>
      <table className="data-table" data-twin="shares">
        <caption>
          {question.answered !== null ? `回答した${counted(question.answered, '人')}に占める割合` : '回答した人に占める割合'}
          {multiple ? '（複数回答のため、合計は100%を超えることがあります）' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">選択肢</th>
            <th scope="col">割合</th>
            {counts ? <th scope="col">件数</th> : null}
          </tr>
        </thead>
        <tbody>
          {spec.options.map((o) => (
            <tr key={o.label} data-label={o.label} data-percent={o.percent} data-count={o.count ?? ''}>
              <th scope="row">
                <span className="swatch" style={{ background: o.color }} aria-hidden="true" />
                {o.label}
              </th>
              <td className="num">{o.percent.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}%</td>
              {counts ? <td className="num">{o.count === null ? '—' : counted(o.count, '件')}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFrame>
  );
}
