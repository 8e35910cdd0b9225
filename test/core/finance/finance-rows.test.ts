import { PAYMENT_FIELDS, isoToSerial, readCostRows, readPaymentRows } from "../../../src/core";

describe("readPaymentRows and readCostRows: the Payments and Costs tables by their headers", () => {
  test("headers people type, in any order; dates from serials or ISO text, amounts and text as the core reads them", () => {
    const read = readPaymentRows([
      ["Note", "Invoice #", "Amount received (EUR)", "Date  received", "Bank reference"],
      ["first", "INV-0001", 400, isoToSerial("2026-10-10") + 0.5, 1234],
      [null, null, null, null, null],
      ["", "INV-0002", "1,250.50", " 2026-11-02 ", "TX-2"],
    ]);
    expect(read.issues).toEqual([]);
    expect(read.columnOf).toEqual({ document: 1, amount: 2, date: 3, reference: 4 });
    expect(read.rows).toEqual([
      { date: "2026-10-10", document: "INV-0001", amount: "400", currency: undefined, reference: "1234" },
      { date: "2026-11-02", document: "INV-0002", amount: "1250.50", currency: undefined, reference: "TX-2" },
    ]);
    expect(read.rowOf).toEqual([1, 3]);
    expect(PAYMENT_FIELDS).toEqual(["date", "document", "amount", "currency", "reference"]);
  });

  test("a bad cell is a problem at its row and column, named by its header, and reaches the core as blank", () => {
    const read = readPaymentRows([
      ["Date", "Document", "Amount"],
      ["last Tuesday", "INV-0001", "1.000"],
      [12, "#N/A", "four hundred"],
    ]);
    expect(read.rows).toEqual([
      { date: "", document: "INV-0001", amount: "", currency: undefined, reference: "" },
      { date: "", document: "", amount: "", currency: undefined, reference: "" },
    ]);
    expect(read.issues.map(({ code, path, row, column }) => ({ code, path, row, column }))).toEqual([
      { code: "INVALID_DATE", path: ["rows", 1, "date"], row: 1, column: 0 },
      { code: "AMBIGUOUS_NUMBER", path: ["rows", 1, "amount"], row: 1, column: 2 },
      { code: "INVALID_DATE", path: ["rows", 2, "date"], row: 2, column: 0 },
      { code: "ERROR_VALUE", path: ["rows", 2, "document"], row: 2, column: 1 },
      { code: "NOT_A_NUMBER", path: ["rows", 2, "amount"], row: 2, column: 2 },
    ]);
    expect(read.issues[0]?.message).toMatch(/^"Date" holds the text "last Tuesday", not a date/);
    expect(read.issues[2]?.message).toMatch(/^"Date" is 1900-01-11, outside the dates Interim accepts/);
  });

  test("a function's range argument hands a blank cell over as 0 on desktop Excel: there a 0 is blank", () => {
    const values = [["Date", "Document", "Amount", "Currency", "Reference"], [isoToSerial("2026-10-10"), "INV-0001", 0, 0, 0], [0, 0, 0, 0, 0]];
    const argument = readPaymentRows(values, "function argument");
    expect(argument.issues).toEqual([]);
    expect(argument.rows).toEqual([{ date: "2026-10-10", document: "INV-0001", amount: "", currency: undefined, reference: "" }]);
    const cells = readPaymentRows(values);
    expect(cells.rows).toHaveLength(2);
    expect(cells.rows[0]).toEqual({ date: "2026-10-10", document: "INV-0001", amount: "0", currency: "0", reference: "0" });
    expect(cells.issues.map((issue) => issue.code)).toEqual(["INVALID_DATE"]);
  });

  test("a required column missing or read twice leaves the table unread", () => {
    const missing = readPaymentRows([["Date", "Reference"], [isoToSerial("2026-10-10"), "x"]]);
    expect(missing).toMatchObject({ unreadable: true, rows: [] });
    expect(missing.issues).toEqual([
      { code: "MISSING_COLUMN", path: ["columns", "document"], row: 0, column: undefined, message: 'The Payments table has no "Document" column; add a column headed "Document", or rename the one that holds it.' },
      { code: "MISSING_COLUMN", path: ["columns", "amount"], row: 0, column: undefined, message: 'The Payments table has no "Amount" column; add a column headed "Amount", or rename the one that holds it.' },
    ]);
    const twice = readCostRows([["Date", "Line", "Cost", "Net amount"], [isoToSerial("2026-10-10"), "A", 1, 1]]);
    expect(twice).toMatchObject({ unreadable: true, rows: [] });
    expect(twice.issues).toEqual([{
      code: "DUPLICATE_COLUMN", path: ["columns", "amount"], row: 0, column: 3,
      message: 'Columns "Cost" and "Net amount" of the Costs table both read as its amount; keep one of them, or rename the other.',
    }]);
  });

  test("a cost's category in its obvious spellings; anything else as typed, for the core to judge", () => {
    const read = readCostRows([
      ["Date incurred", "WBS", "Cost", "Type", "Notes"],
      ["2026-10-01", "A", 100, "Labor", "site"],
      ["2026-10-02", 2, -20, "", ""],
      ["2026-10-03", "B", 5, "Catering", ""],
    ]);
    expect(read.issues).toEqual([]);
    expect(read.rows.map((row) => [row.line, row.amount, row.category, row.description])).toEqual([
      ["A", "100", "labour", "site"], ["2", "-20", undefined, ""], ["B", "5", "catering", ""],
    ]);
  });
});
