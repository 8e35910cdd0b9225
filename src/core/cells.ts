/**
 * Values as a spreadsheet hands them over: IEEE doubles, text, booleans, blanks. Excel keeps
 * 15 significant digits, so a double is read at that precision and never with its binary
 * noise: 0.1 is "0.1", and 0.1 + 0.2 is "0.3", not "0.30000000000000004".
 */
export function numberToDecimalText(value: number): string {
  if (value === 0) return "0";
  const shortest = String(value);
  // Up to 15 characters hold at most 15 significant digits: already what Excel shows.
  if (shortest.length <= 15 || !Number.isFinite(value)) return shortest;
  return String(Number(value.toPrecision(15)));
}

/** A cell that holds nothing: Excel gives null, "" or (in ranges) sometimes 0 for an empty cell. */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A cell value as the core reads a number field: numbers as decimal text, text as it is. */
export function cellToField(value: unknown): unknown {
  if (isBlankCell(value)) return undefined;
  if (typeof value === "number") return numberToDecimalText(value);
  if (typeof value === "string") return value.trim();
  return value;
}
