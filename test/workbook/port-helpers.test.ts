import fc from "fast-check";
import { markerName, tableRow } from "../../src/workbook/port-helpers";

/** What Excel takes as a sheet name: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe. */
const sheetName = fc
  .string({ unit: fc.oneof(fc.constantFrom("-", "_", " ", ".", "'", "é", "ß", "€", "İ", "ı", "1", "A", "a"), fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))), minLength: 1, maxLength: 31 })
  .filter((name) => !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'"));

/** Excel's names and sheet names ignore case (as Excel folds it, close to toLowerCase). */
const sameInExcel = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

describe("markerName: the workbook name that marks a sheet as Interim's", () => {
  it("gives sheets that once shared a name (INV-0001, INV_0001, INV 0001, INV.0001) names of their own", () => {
    const names = ["INV-0001", "INV_0001", "INV 0001", "INV.0001", "INV0001"].map(markerName);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(5);
    expect(markerName("INV-0001")).toBe("InterimSheet_INV_002D0001");
  });

  it("is a valid Excel name for any sheet name: a letter first, then letters, digits and underscores, at most 255 characters", () => {
    fc.assert(
      fc.property(sheetName, (name) => {
        const marker = markerName(name);
        expect(marker).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
        expect(marker.length).toBeLessThanOrEqual(255);
      }),
    );
  });

  it("never gives two sheets one name, whatever the case Excel ignores", () => {
    fc.assert(
      fc.property(sheetName, sheetName, (a, b) => {
        if (!sameInExcel(a, b)) expect(sameInExcel(markerName(a), markerName(b))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("tableRow: a row as its table's columns hold it", () => {
  it("puts each value in its column, leaves a person's added columns empty, and leaves out a value whose column the table lacks (-1)", () => {
    // An older log's invoices table, without the trailing Due date, and a Note column a person put second.
    const placement = { discard: [], fillFirstRow: false, columns: [0, 2, 3, -1], width: 4 };
    const row = tableRow(["INV-0001", "invoice", "2026-11-30", "2026-12-30"], placement);
    expect(row).toEqual(["INV-0001", null, "invoice", "2026-11-30"]);
    expect(Object.keys(row)).toEqual(["0", "1", "2", "3"]);
  });
});
