/** How operator commands print: aligned columns for people, the API's JSON for scripts (--json). */
import type { Connection } from './connection.ts';

type Cell = string | number | boolean | null | undefined;

/** Columns padded to their widest cell, a header line in capitals; empty cells show as "-". */
export function table(rows: Array<Record<string, Cell>>, columns: string[]): string {
  const text = (cell: Cell) => (cell === null || cell === undefined || cell === '' ? '-' : String(cell));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => text(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [line(columns.map((column) => column.toUpperCase())), ...rows.map((row) => line(columns.map((column) => text(row[column]))))].join('\n') + '\n';
}

/** `name: value` lines, the names aligned. */
export function fields(record: Record<string, Cell>): string {
  const width = Math.max(...Object.keys(record).map((key) => key.length));
  return Object.entries(record).map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${value === null || value === undefined || value === '' ? '-' : String(value)}`).join('\n') + '\n';
}

/** Prints `data` as JSON with --json, else as `human(data)`. */
export function show<T>(connection: Connection, data: T, human: (data: T) => string): void {
  process.stdout.write(connection.json ? `${JSON.stringify(data, null, 2)}\n` : human(data));
}

/** A list and, when there is more, how to get the next page (on stderr, so a pipe gets only the rows). */
export function showPage<T>(connection: Connection, page: { items: T[]; nextCursor: string | null }, human: (items: T[]) => string): void {
  if (connection.json) {
    process.stdout.write(`${JSON.stringify(page.items, null, 2)}\n`);
  } else {
    process.stdout.write(page.items.length === 0 ? '(none)\n' : human(page.items));
  }
  if (page.nextCursor) process.stderr.write(`more: add --cursor ${page.nextCursor}\n`);
}
