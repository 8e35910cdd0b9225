/**
 * What every adapter of the workbook port needs alike, whatever its host: each adapter imports
 * from the port side (port.ts and this file) and from its own host library, never from
 * another adapter.
 */
import type { CellArea } from "./port";

/** Whether two areas of one sheet share a cell. */
export function overlaps(a: CellArea, b: CellArea): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}
