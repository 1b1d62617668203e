// Rows of a CSV file as the person sees them in Excel: the header is row 1, a cell's quoted line
// breaks stay inside its row, and empty rows count (they are skipped, not renumbered), so an error
// names the row to fix in Excel (docs/csv.md).

export type ExcelRow = { cells: string[]; line: number };

/** The records of a parsed file with their Excel row numbers, empty rows (no text in any cell) left out. */
export function excelRows(records: string[][]): ExcelRow[] {
  return records.map((cells, i) => ({ cells, line: i + 1 })).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
}

/** The Excel row at which csv-parse gave up: the one after the records it had read. */
export function failedRow(error: unknown): number | null {
  const read = (error as { records?: unknown } | null)?.records;
  return typeof read === 'number' ? read + 1 : null;
}

// Excel runs a cell starting with = + - @ (or a tab or CR) as a formula; a leading apostrophe makes it
// text. Every text cell the app writes is guarded (writeCsv), and the activity import takes the apostrophe
// off again, so a round trip changes nothing.
export function guardCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function unguardCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
