/**
 * What an Excel number format says a number is. A cell's value is a number whatever its
 * format, and a date is a number too (the days since 1899-12-30): only the format tells that a
 * cell showing 2026-01-14 holds the date 46037 rather than an amount.
 */

/**
 * Whether a number format shows numbers as dates or times, and which: "date" when it has a
 * day, month or year token (y, d, or m away from h and s), "time" when it has only hours,
 * minutes or seconds. Tokens count only outside quoted text ("days"), brackets ([Red],
 * [$€-407]; but [h], [m] and [s] are elapsed time) and the characters that escape (\d), pad
 * (_d) or fill (*d) with the next one. "General" and "@" are neither.
 */
export function dateFormatKind(format: string): "date" | "time" | undefined {
  let date = false;
  let time = false;
  // The last date or time token seen, to tell minutes (h:mm) from months.
  let previous = "";
  for (let i = 0; i < format.length; i += 1) {
    const ch = format.charAt(i);
    if (ch === '"' || ch === "[") {
      const end = format.indexOf(ch === '"' ? '"' : "]", i + 1);
      const inside = format.slice(i + 1, end < 0 ? format.length : end);
      if (ch === "[" && /^(h+|m+|s+)$/i.test(inside)) {
        time = true;
        previous = inside.charAt(0).toLowerCase();
      }
      i = end < 0 ? format.length : end;
      continue;
    }
    if (ch === "\\" || ch === "_" || ch === "*") {
      i += 1;
      continue;
    }
    const token = ch.toLowerCase();
    if (/^(am\/pm|a\/p)/i.test(format.slice(i))) {
      time = true;
      i += token === "a" && format.charAt(i + 1) === "/" ? 2 : 4;
      continue;
    }
    if (!"ydhsm".includes(token)) continue;
    if (token === "y" || token === "d" || (token === "m" && !isMinute(format, i, previous))) date = true;
    else time = true;
    previous = token;
    // A run of one letter (mmm, yyyy) is one token.
    while (format.charAt(i + 1).toLowerCase() === token) i += 1;
  }
  return date ? "date" : time ? "time" : undefined;
}

/** An m right after an h (as in h:mm) or right before an s (mm:ss) is minutes; elsewhere it is the month. */
function isMinute(format: string, index: number, previous: string): boolean {
  if (previous === "h") return true;
  const after = format.slice(index).replace(/^m+/i, "").replace(/^[^A-Za-z"[]*/, "");
  return /^s/i.test(after) || /^\[s+\]/i.test(after);
}
