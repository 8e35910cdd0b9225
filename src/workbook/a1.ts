/** A 0-based column as Excel letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A 0-based cell as A1 ("C5"). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** A range of `rows` × `columns` cells from a 0-based top-left cell ("B2:D9"). */
export function rangeAddress(top: number, left: number, rows: number, columns: number): string {
  return `${cellAddress(top, left)}:${cellAddress(top + rows - 1, left + columns - 1)}`;
}

/** A sheet name as a formula reference needs it: 'Billing log'!A1. */
export function sheetReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** Parses "C5" into a 0-based row and column. */
export function parseCellAddress(address: string): { row: number; column: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/i.exec(address.trim());
  if (match === null) throw new Error(`Not a cell address: ${address}`);
  const letters = (match[1] as string).toUpperCase();
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, column: column - 1 };
}
