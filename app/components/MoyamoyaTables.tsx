import { EraDate } from '~/components/EraDate';
import { sessionName } from '~/domain/moyamoya';
import type { SessionKind } from '~/domain/codes';
import { ScrollRegion } from '~/components/ScrollRegion';

type TeamEntry = { id: number; sessionKind: SessionKind; sessionNumber: number; startsOn: string; level: number; reflection: string };
type Checkin = { id: number; fullName: string; checkedOn: string; level: number; note: string };

/** The series as tables (charts come later and will keep these as their table twins). */
export function MoyamoyaTables({ teamEntries, checkins, today }: { teamEntries: TeamEntry[]; checkins: Checkin[] | null; today: string }) {
  return (
    <>
      <section aria-labelledby="team-series-heading">
        <h3 id="team-series-heading">チームのモヤモヤ指数</h3>
        {teamEntries.length === 0 ? (
          <p className="muted">まだ記録がありません。</p>
        ) : (
          <ScrollRegion label="チームのモヤモヤ指数">
            <table>
              <thead>
                <tr>
                  <th scope="col">研究会</th>
                  <th scope="col" className="num">
                    指数
                  </th>
                  <th scope="col">この頃の自分たち</th>
                </tr>
              </thead>
              <tbody>
                {teamEntries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      {sessionName(e.sessionKind, e.sessionNumber)}
                      <br />
                      <span className="muted">
                        <EraDate iso={e.startsOn} western={false} />
                      </span>
                    </td>
                    <td className="num">{e.level}</td>
                    <td className="prewrap">{e.reflection}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      {checkins ? (
        <section aria-labelledby="member-series-heading">
          <h3 id="member-series-heading">メンバーのモヤモヤ指数</h3>
          {checkins.length === 0 ? (
            <p className="muted">まだ記録がありません。</p>
          ) : (
            <ScrollRegion label="メンバーのモヤモヤ指数">
              <table>
                <thead>
                  <tr>
                    <th scope="col">日付</th>
                    <th scope="col">メンバー</th>
                    <th scope="col" className="num">
                      指数
                    </th>
                    <th scope="col">ひとこと</th>
                  </tr>
                </thead>
                <tbody>
                  {checkins.map((c) => (
                    <tr key={c.id} data-today={c.checkedOn === today ? 'true' : undefined}>
                      <td>
                        <EraDate iso={c.checkedOn} western={false} />
                      </td>
                      <td>{c.fullName}</td>
                      <td className="num">{c.level}</td>
                      <td className="prewrap">{c.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      ) : null}
    </>
  );
}
