import { stringify } from 'csv-stringify/sync';
import { guardCell } from '~/domain/csv-rows';

// The one CSV writer of the app (docs/csv.md): UTF-8 with a BOM, CRLF between records, and every text
// cell guarded against Excel reading it as a formula (guardCell); numbers are written as numbers.
// csv-stringify quotes only the record delimiter it writes (CRLF), so a cell with a lone LF or CR
// would split the row in every other reader; the rule is therefore spelled out here: a cell with a
// line break, a comma, a double quote, or white space at either end (which readers may trim) is quoted.
const needsQuotes = /[\r\n",]|^\s|\s$/;

export type CsvCell = string | number | null | undefined;

/** The text of a .csv file: the header, then one record per row (null and undefined are empty cells). */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header, ...rows].map((r) => r.map((cell) => (cell == null ? '' : typeof cell === 'number' ? String(cell) : guardCell(cell))));
  return '\uFEFF' + stringify(records, { record_delimiter: 'windows', quoted_match: needsQuotes });
}

/** A download of CSV text from writeCsv: `asciiName` for old clients, `name` (Japanese) for the rest. */
export function csvDownload(csv: string, name: string, asciiName: string) {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      // What a team wrote, for this viewer only: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}

/** A team's CSV file (app/models/team-csv-files.server.ts) as its download. */
export function csvFileResponse(file: { name: string; asciiName: string; body: string }) {
  return csvDownload(file.body, file.name, file.asciiName);
}

export function csvResponse(name: string, asciiName: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]) {
  return csvDownload(writeCsv(header, rows), name, asciiName);
}
