import { stringify } from 'csv-stringify/sync';

// CSV as Excel opens it cleanly: UTF-8 with a BOM, CRLF line ends, every cell quoted when needed.

/** A download response: `asciiName` for old clients, `name` (Japanese) for the rest. */
export function csvResponse(name: string, asciiName: string, header: readonly string[], rows: (string | number | null)[][]) {
  const body = '\uFEFF' + stringify([header as string[], ...rows.map((r) => r.map((cell) => (cell == null ? '' : String(cell))))], { record_delimiter: 'windows' });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
    },
  });
}
