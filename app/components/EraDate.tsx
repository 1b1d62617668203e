import { formatEraDate, formatEraDayOnly, formatFiscalYear } from '~/utils/dates';

/** 令和4年4月27日（水） with the western date beside it, as users read and search both. */
export function EraDate({ iso, western = true }: { iso: string; western?: boolean }) {
  return (
    <>
      <time dateTime={iso}>{formatEraDate(iso)}</time>
      {western ? <span className="date-western">{iso.replaceAll('-', '/')}</span> : null}
    </>
  );
}

/** A one- or two-day span: 令和4年7月22日（金）〜23日（土）. */
export function EraDateSpan({ from, to }: { from: string; to: string | null }) {
  if (!to) return <EraDate iso={from} />;
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  return (
    <>
      <EraDate iso={from} western={false} />〜{sameMonth ? <time dateTime={to}>{formatEraDayOnly(to)}</time> : <EraDate iso={to} western={false} />}
      <span className="date-western">
        {from.replaceAll('-', '/')}〜{to.replaceAll('-', '/')}
      </span>
    </>
  );
}

/** 令和5年度〜令和8年度 (or one year): on a narrow line it breaks after 〜 only, never inside a year. */
export function FiscalYearSpan({ first, last }: { first: number; last: number }) {
  if (first === last) return <span className="nowrap">{formatFiscalYear(first)}</span>;
  return (
    <>
      <span className="nowrap">{formatFiscalYear(first)}〜</span>
      <wbr />
      <span className="nowrap">{formatFiscalYear(last)}</span>
    </>
  );
}
