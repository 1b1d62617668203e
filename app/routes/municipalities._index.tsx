import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { municipalityKinds } from '~/domain/codes';
import { listMunicipalities } from '~/models/municipalities.server';
import { requireViewer } from '~/utils/auth.server';
import { ScrollRegion } from '~/components/ScrollRegion';
import { FiscalYearSpan } from '~/components/EraDate';

export const meta: MetaFunction = () => [{ title: '参加自治体 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireViewer(request);
  return { municipalities: await listMunicipalities() };
}

export default function Municipalities() {
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>参加自治体</h1>
      <p className="lead">{municipalities.length}団体</p>
      <ScrollRegion label="参加自治体の一覧">
        <table>
          <thead>
            <tr>
              <th scope="col">都道府県</th>
              <th scope="col">自治体</th>
              <th scope="col" className="num">
                参加年数
              </th>
              <th scope="col">参加年度</th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.id}>
                <td>{m.prefecture}</td>
                <td>
                  <Link to={`/municipalities/${m.id}`}>{m.name}</Link>
                  <span className="muted">（{municipalityKinds.label[m.kind]}）</span>
                </td>
                <td className="num">{m.teamCount}回</td>
                <td>{m.firstYear && m.lastYear ? <FiscalYearSpan first={m.firstYear} last={m.lastYear} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
