import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { sheetSections, type SheetContent, type SheetItem } from '~/domain/sheet';
import { getCurrentSheet } from '~/models/sheets.server';
import { formatDateTime } from '~/utils/dates';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '変革ストーリーシート | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readSheet');
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, sheet: await getCurrentSheet(team.id) };
}

function Items({ items }: { items: SheetItem[] }) {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i} className="prewrap">{item.text}</li>
      ))}
    </ul>
  );
}

function Section({ name, content }: { name: (typeof sheetSections)[number][0]; content: SheetContent }) {
  switch (name) {
    case 'focusInitiatives':
      return <Items items={content.focusInitiatives} />;
    case 'actionPlan':
      return (
        <>
          <h4>まず取り組む</h4>
          <Items items={content.actionPlan.first} />
          <h4>次に取り組む</h4>
          <Items items={content.actionPlan.next} />
          <h4>さらに取り組む</h4>
          <Items items={content.actionPlan.further} />
        </>
      );
    case 'scenario':
      return (
        <>
          <h4>オフィシャルルート</h4>
          <p className="prewrap">{content.scenario.official}</p>
          <h4>オフサイトルート</h4>
          <p className="prewrap">{content.scenario.offsite}</p>
        </>
      );
    case 'keywords':
      return (
        <dl>
          <dt>立ち位置を変える</dt><dd className="prewrap">{content.keywords.standpoint}</dd>
          <dt>価値前提で考える</dt><dd className="prewrap">{content.keywords.valueBased}</dd>
          <dt>一人称で捉え語る</dt><dd className="prewrap">{content.keywords.firstPerson}</dd>
          <dt>ドミナントロジックを転換する</dt><dd className="prewrap">{content.keywords.dominantLogic}</dd>
        </dl>
      );
    default:
      return <p className="prewrap">{content[name]}</p>;
  }
}

export default function SheetPage() {
  const { team, links, sheet } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      {!sheet ? (
        <p>まだシートがありません。</p>
      ) : (
        <article>
          <p className="muted">
            第{sheet.version}版{sheet.tag ? `（${sheet.tag}）` : ''}・{formatDateTime(sheet.savedAt)}
            {sheet.authorName ? `・${sheet.authorName}` : ''}
          </p>
          {sheetSections.map(([key, label]) => (
            <section key={key} aria-labelledby={`section-${key}`}>
              <h2 id={`section-${key}`}>{label}</h2>
              <Section name={key} content={sheet.content} />
            </section>
          ))}
        </article>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
