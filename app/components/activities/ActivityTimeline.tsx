import { Link } from '~/components/Link';
import { activityKinds, sessionKinds, type ActivityKind, type SessionKind } from '~/domain/codes';
import { formatMonthDay } from '~/utils/dates';
import { counted, duration } from '~/utils/format';

export type TimelineEntry = {
  id: number;
  kind: ActivityKind;
  occurredOn: string;
  startsAt: string | null;
  durationMinutes: number;
  title: string;
  notes: string;
  guests: string;
  interviewId: number | null;
  interviewee: string | null;
  ownInterview: boolean;
  ownSurvey: boolean;
  surveyId: number | null;
  sessionKind: SessionKind | null;
  sessionNumber: number | null;
  /** The attendees' names. */
  attendees: string[];
};

/**
 * What the timeline shows of an activity, which is all its page sends of it: every value of a page's data is
 * serialized on each view, and the log's rows carry more (decision 0027).
 */
export function timelineEntry(a: Omit<TimelineEntry, 'attendees'> & { attendees: { fullName: string }[] }): TimelineEntry {
  return {
    id: a.id,
    kind: a.kind,
    occurredOn: a.occurredOn,
    startsAt: a.startsAt,
    durationMinutes: a.durationMinutes,
    title: a.title,
    notes: a.notes,
    guests: a.guests,
    interviewId: a.interviewId,
    interviewee: a.interviewee,
    ownInterview: a.ownInterview,
    ownSurvey: a.ownSurvey,
    surveyId: a.surveyId,
    sessionKind: a.sessionKind,
    sessionNumber: a.sessionNumber,
    attendees: a.attendees.map((p) => p.fullName),
  };
}

const eraMonth = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', timeZone: 'Asia/Tokyo' });

/** 令和8年4月 */
export function formatEraMonth(isoMonth: string) {
  return eraMonth.format(new Date(`${isoMonth}-15T00:00:00+09:00`));
}

function byMonth(entries: TimelineEntry[]) {
  const groups: { month: string; entries: TimelineEntry[] }[] = [];
  for (const entry of entries) {
    const month = entry.occurredOn.slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.entries.push(entry);
    else groups.push({ month, entries: [entry] });
  }
  return groups;
}

/** The log, newest first, one section per month. Text is rendered as text (escaped by React). */
export function ActivityTimeline({ teamId, entries, highlight }: { teamId: number; entries: TimelineEntry[]; highlight?: number }) {
  return (
    <div className="timeline">
      {byMonth(entries).map((group) => (
        <section key={group.month} aria-labelledby={`month-${group.month}`}>
          <h3 id={`month-${group.month}`} className="timeline-month">
            {formatEraMonth(group.month)}
            <span className="muted">（{counted(group.entries.length, '件')}）</span>
          </h3>
          <ol className="timeline-list">
            {group.entries.map((a) => (
              <li key={a.id} className={a.id === highlight ? 'timeline-item is-new' : 'timeline-item'} data-kind={a.kind}>
                <p className="timeline-when">
                  <time dateTime={a.occurredOn}>{formatMonthDay(a.occurredOn)}</time>
                  {a.startsAt ? <span>{a.startsAt}〜</span> : null}
                  <span className="muted">{duration(a.durationMinutes)}</span>
                </p>
                <p className="timeline-title">
                  <span className="tag">{activityKinds.label[a.kind]}</span>{' '}
                  {a.ownInterview && a.interviewee ? (
                    <Link to={`/teams/${teamId}/interviews/${a.interviewId}`}>{a.title || activityKinds.label[a.kind]}</Link>
                  ) : a.ownSurvey && a.surveyId ? (
                    <Link to={`/teams/${teamId}/surveys/${a.surveyId}`}>{a.title || activityKinds.label[a.kind]}</Link>
                  ) : a.ownInterview || a.ownSurvey ? (
                    <span>{a.title}</span>
                  ) : (
                    <Link to={`/teams/${teamId}/activities/${a.id}`}>{a.title || activityKinds.label[a.kind]}</Link>
                  )}
                </p>
                {a.attendees.length || a.guests ? <p className="timeline-people muted">参加: {[...a.attendees, a.guests].filter(Boolean).join('、')}</p> : null}
                {a.sessionNumber !== null && a.sessionKind ? (
                  <p className="muted">
                    関連: 第{a.sessionNumber}回{sessionKinds.label[a.sessionKind]}
                  </p>
                ) : null}
                {!a.ownInterview && a.interviewee ? <p className="muted">関連インタビュー: {a.interviewee}</p> : null}
                {a.notes ? <p className="timeline-notes prewrap">{a.notes.length >= 200 ? `${a.notes}…` : a.notes}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
