/**
 * A line id as Interim matches it across the milestone table, the billing log and the Costs
 * table: trimmed, lower case, single spaces, so that "Site  Works" and "site works" are one line.
 */
export function lineKey(id: string): string {
  return id.trim().toLowerCase().replace(/\s+/g, " ");
}
