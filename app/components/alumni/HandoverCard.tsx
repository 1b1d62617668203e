import { Link } from '~/components/Link';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';

type Generation = {
  teamId: number;
  fiscalYear: number;
  generation: number;
  hasSheet: boolean;
  toContinue: string | null;
  peopleToTalkTo: string | null;
  advice: string | null;
};

/**
 * What the previous generation left this team, on the team's first page: its handover, the
 * earlier generations' final sheets, and how many マネ友 the municipality has.
 */
export function HandoverCard({ teamId, generations, alumniCount }: { teamId: number; generations: Generation[]; alumniCount: number }) {
  const previous = generations[0];
  if (!previous) return null;
  const written = Boolean(previous.toContinue || previous.peopleToTalkTo || previous.advice);
  return (
    <section className="card" aria-labelledby="handover-heading">
      <h2 id="handover-heading">
        前の期（{formatFiscalYear(previous.fiscalYear)}・{previous.generation}期生）からの引き継ぎ
      </h2>
      {written ? (
        <dl className="facts">
          {previous.toContinue ? (
            <>
              <dt>続けてほしいこと</dt>
              <dd className="prewrap">{previous.toContinue}</dd>
            </>
          ) : null}
          {previous.peopleToTalkTo ? (
            <>
              <dt>話してほしい人</dt>
              <dd className="prewrap">{previous.peopleToTalkTo}</dd>
            </>
          ) : null}
          {previous.advice ? (
            <>
              <dt>アドバイス</dt>
              <dd className="prewrap">{previous.advice}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">前の期のチームはまだ引き継ぎを書いていません。</p>
      )}
      <p>
        これまでの最終シート：
        {generations
          .filter((g) => g.hasSheet)
          .map((g, i) => (
            <span key={g.teamId}>
              {i > 0 ? '・' : ''}
              <Link to={`/teams/${g.teamId}/sheet`}>{g.generation}期生</Link>
            </span>
          ))}
        {generations.some((g) => g.hasSheet) ? null : 'まだありません'}
      </p>
      <p>
        <Link to={`/teams/${teamId}/handover`}>引き継ぎの全文、残っている宿題、マネ友（{counted(alumniCount, '名')}）を見る</Link>
      </p>
    </section>
  );
}
