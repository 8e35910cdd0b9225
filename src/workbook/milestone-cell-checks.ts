import type { TableField } from "../core";
import { cellAddress, rangeAddress } from "./a1";
import { serialText } from "./dates";
import { dateFormatKind } from "./number-formats";
import type { MilestoneData } from "./port";
import { overlaps } from "./port-helpers";
import { type WorkbookProblem, problemAt } from "./problems";

/** What the core reads each numeric column as, in the words a problem uses. */
const NUMBER_FIELDS: Partial<Record<TableField, string>> = {
  scheduledValue: "an amount", previouslyCompleted: "an amount", completedToDate: "an amount", thisPeriod: "an amount",
  storedMaterials: "an amount", previousStoredMaterials: "an amount", unitPrice: "a price", quantityToDate: "a quantity",
  percentComplete: "a percentage", retentionRate: "a rate", taxRate: "a rate", costToDate: "an amount", estimatedCost: "an amount",
};

/**
 * Problems with the milestone table's cells that its values alone do not show. A merged area
 * holds one value, in its top-left cell, though the rows it covers look as if each had it. A
 * number formatted as a date or time (2026-01-14) is a day count (46037), not the amount,
 * rate or quantity its column is read as.
 */
export function checkMilestoneCells(table: MilestoneData, columnOf: Partial<Record<TableField, number>>): WorkbookProblem[] {
  const problems: WorkbookProblem[] = [];
  const area = { top: table.top, left: table.left, rows: table.values.length, columns: table.values[0]?.length ?? 0 };
  for (const merge of table.merges.filter((m) => overlaps(m, area))) {
    const range = rangeAddress(merge.top, merge.left, merge.rows, merge.columns);
    problems.push(
      problemAt(
        "MERGED_CELLS",
        `${range} are merged: a merged area holds one value, in its top-left cell, though it looks as if each row had it. Unmerge them (Home > Merge & Center) and type each row's value in its own cell.`,
        table.sheet, merge.top, merge.left,
      ),
    );
  }
  for (const [field, expected] of Object.entries(NUMBER_FIELDS) as [TableField, string][]) {
    const column = columnOf[field];
    if (column === undefined) continue;
    table.values.forEach((row, r) => {
      const value = row[column];
      const kind = dateFormatKind(table.formats[r]?.[column] ?? "General");
      if (r === 0 || typeof value !== "number" || kind === undefined) return;
      const shown = kind === "date" ? serialText(value) : clockTime(value);
      const where = cellAddress(table.top + r, table.left + column);
      problems.push(
        problemAt(
          "DATE_WHERE_NUMBER",
          `${where} holds a ${kind} (${shown}), where ${expected} is expected: its number format shows the number ${value} as a ${kind}. Format the cell as a number (Home > Number Format) and check its value.`,
          table.sheet, table.top + r, table.left + column,
        ),
      );
    });
  }
  return problems;
}

/** The time of day a serial's fraction stands for, as hh:mm. */
function clockTime(serial: number): string {
  const minutes = Math.round((serial - Math.floor(serial)) * 24 * 60) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
