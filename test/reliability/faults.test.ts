import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, findSheet, findTable, tableValues, type MemoryState } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { NAMES, type LogCommit, type SheetLayout, type WorkbookPort, type WorkbookSnapshot } from "../../src/workbook/port";
import { fakeExcelRun } from "../support/fake-excel";
import { copyState, sampleWorkbook, setMilestone } from "../workbook/helpers";

/**
 * Faults injected at each step of Generate. Whatever fails, the workbook ends either with the
 * invoice fully issued or with no trace of it in the log, and a retry issues exactly one.
 */
const invoicesOf = (state: MemoryState): unknown[] => tableValues(state, findTable(state, NAMES.invoicesTable)!).slice(1).map((r) => r[0]);
const linesOf = (state: MemoryState): unknown[] => tableValues(state, findTable(state, NAMES.linesTable)!).slice(1).map((r) => `${String(r[0])}/${String(r[1])}`);

/** A port that fails once, at the step named, before or after doing its work. */
class Faulty implements WorkbookPort {
  constructor(
    private readonly inner: WorkbookPort,
    private fault: { step: "read" | "writeInvoiceSheet" | "commitInvoice"; when: "before" | "after" } | undefined,
  ) {}

  private async step<T>(name: "read" | "writeInvoiceSheet" | "commitInvoice", work: () => Promise<T>): Promise<T> {
    const fault = this.fault?.step === name ? this.fault : undefined;
    if (fault?.when === "before") {
      this.fault = undefined;
      throw new Error(`${name} failed`);
    }
    const result = await work();
    if (fault?.when === "after") {
      this.fault = undefined;
      throw new Error(`${name} failed after it wrote`);
    }
    return result;
  }

  read(table: string): Promise<WorkbookSnapshot> {
    return this.step("read", () => this.inner.read(table));
  }
  writeInvoiceSheet(layout: SheetLayout, replace: string | undefined): Promise<void> {
    return this.step("writeInvoiceSheet", () => this.inner.writeInvoiceSheet(layout, replace));
  }
  commitInvoice(commit: LogCommit): Promise<void> {
    return this.step("commitInvoice", () => this.inner.commitInvoice(commit));
  }
  writeSettings: WorkbookPort["writeSettings"] = (rows, create) => this.inner.writeSettings(rows, create);
  createMilestoneTable: WorkbookPort["createMilestoneTable"] = (name, sheet, values, columns, paper) => this.inner.createMilestoneTable(name, sheet, values, columns, paper);
  createBillingLog: WorkbookPort["createBillingLog"] = (currency) => this.inner.createBillingLog(currency);
  appendRows: WorkbookPort["appendRows"] = (appends) => this.inner.appendRows(appends);
}

/**
 * Makes the port's next commits lose the invoices table for their request, so each stops right
 * after writing the lines; returns the commit that works, to put back.
 */
function loseInvoicesTableOnCommit(port: OfficeWorkbook, invoices: { name: string }): OfficeWorkbook["commitInvoice"] {
  const commit = port.commitInvoice.bind(port);
  port.commitInvoice = async (c) => {
    invoices.name = "Unavailable";
    try {
      await commit(c);
    } finally {
      invoices.name = NAMES.invoicesTable;
    }
  };
  return commit;
}

async function secondPeriod(workbook: MemoryWorkbook): Promise<void> {
  const first = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  expect(first.ok).toBe(true);
  setMilestone(workbook.state, "M3", "% complete", 0.5);
}

describe("faults injected at each step of Generate", () => {
  const faults = [
    { step: "read", when: "before" },
    { step: "writeInvoiceSheet", when: "before" },
    { step: "writeInvoiceSheet", when: "after" },
    { step: "commitInvoice", when: "before" },
  ] as const;

  test.each(faults)("$step fails ($when its work): no log entry, and a retry issues exactly one invoice", async (fault) => {
    const workbook = await sampleWorkbook();
    await secondPeriod(workbook);
    const before = copyState(workbook.state);
    await expect(generateInvoice(new Faulty(workbook, fault), { invoiceDate: "2026-10-31" })).rejects.toThrow("failed");
    expect(invoicesOf(workbook.state)).toEqual(["INV-0001"]);
    // Before the sheet is written, nothing has changed; after it, only the (unlogged) sheet has.
    const untouched = fault.step === "read" || (fault.step === "writeInvoiceSheet" && fault.when === "before");
    expect(copyState(workbook.state) === before).toBe(untouched);

    const retry = await generateInvoice(workbook, { invoiceDate: "2026-10-31" });
    expect(retry).toMatchObject({ ok: true, number: "INV-0002" });
    expect(invoicesOf(workbook.state)).toEqual(["INV-0001", "INV-0002"]);
    expect(workbook.state.sheets.filter((s) => s.name === "INV-0002")).toHaveLength(1);
  });

  test("commit fails after it wrote everything: the invoice is issued (said with a warning), and a retry does not bill it again", async () => {
    const workbook = await sampleWorkbook();
    await secondPeriod(workbook);
    expect(await generateInvoice(new Faulty(workbook, { step: "commitInvoice", when: "after" }), { invoiceDate: "2026-10-31" })).toMatchObject({
      ok: true, number: "INV-0002", warnings: [{ code: "ISSUED_INCOMPLETE", message: expect.stringMatching(/^INV-0002 was issued \(the billing log records it\)/) }],
    });
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: false, problems: [{ code: "PERIOD_ALREADY_BILLED" }] });
    expect(invoicesOf(workbook.state)).toEqual(["INV-0001", "INV-0002"]);
  });

  describe("through Office.js, where a failed request keeps what it applied before the failure", () => {
    async function officeWorkbook(): Promise<{ state: MemoryState; port: OfficeWorkbook; memory: MemoryWorkbook }> {
      const memory = await sampleWorkbook();
      await secondPeriod(memory);
      return { state: memory.state, port: new OfficeWorkbook(fakeExcelRun(memory.state).run), memory };
    }

    test("the commit fails after the lines, before the invoice row: the retry discards those lines", async () => {
      const { state, port } = await officeWorkbook();
      // The invoices table goes missing for one request, so the commit stops right after the lines.
      const invoices = findTable(state, NAMES.invoicesTable)!;
      const commit = loseInvoicesTableOnCommit(port, invoices);
      await expect(generateInvoice(port, { invoiceDate: "2026-10-31" })).rejects.toThrow();
      expect(invoicesOf(state)).toEqual(["INV-0001"]);
      expect(linesOf(state).filter((l) => String(l).startsWith("INV-0002"))).toHaveLength(8);

      port.commitInvoice = commit;
      expect(await generateInvoice(port, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: true, number: "INV-0002" });
      expect(invoicesOf(state)).toEqual(["INV-0001", "INV-0002"]);
      expect(linesOf(state).filter((l) => String(l).startsWith("INV-0002"))).toHaveLength(8);
      expect(linesOf(state)).toHaveLength(16);
    });

    test("the first invoice's commit fails after its lines filled the empty log: the retry writes over them, and the log has no gap", async () => {
      const memory = await sampleWorkbook();
      const state = memory.state;
      const port = new OfficeWorkbook(fakeExcelRun(state).run);
      const invoices = findTable(state, NAMES.invoicesTable)!;
      const commit = loseInvoicesTableOnCommit(port, invoices);
      await expect(generateInvoice(port, { invoiceDate: "2026-09-30" })).rejects.toThrow();
      expect(linesOf(state)).toHaveLength(8);
      expect(tableValues(state, invoices)).toHaveLength(2);

      port.commitInvoice = commit;
      expect(await generateInvoice(port, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true, number: "INV-0001" });
      expect(invoicesOf(state)).toEqual(["INV-0001"]);
      expect(linesOf(state)).toEqual(["INV-0001/M1", "INV-0001/M2", "INV-0001/M3", "INV-0001/M4", "INV-0001/M5", "INV-0001/T1", "INV-0001/L1", "INV-0001/CO1"]);
      setMilestone(state, "M3", "% complete", 0.5);
      expect(await generateInvoice(port, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: true, number: "INV-0002" });
    });

    test("the commit fails after the invoice row, before the settings and the lock: issued once, said in plain words; the next number catches up", async () => {
      const { state, port, memory } = await officeWorkbook();
      // Protected by someone between the read (which would refuse a protected settings sheet) and the commit.
      const commit = port.commitInvoice.bind(port);
      port.commitInvoice = (c) => {
        findSheet(state, NAMES.settingsSheet)!.protected = true;
        return commit(c);
      };
      expect(await generateInvoice(port, { invoiceDate: "2026-10-31" })).toMatchObject({
        ok: true, number: "INV-0002",
        warnings: [{ code: "ISSUED_INCOMPLETE", message: expect.stringMatching(/^INV-0002 was issued \(the billing log records it\), but the steps after it did not all complete: Excel refused the change: .*Review > Protect Sheet/) }],
      });
      port.commitInvoice = commit;
      findSheet(state, NAMES.settingsSheet)!.protected = false;
      expect(invoicesOf(state)).toEqual(["INV-0001", "INV-0002"]);
      expect(await generateInvoice(port, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: false, problems: [{ code: "PERIOD_ALREADY_BILLED" }] });
      setMilestone(memory.state, "M3", "% complete", 0.6);
      expect(await generateInvoice(port, { invoiceDate: "2026-11-30" })).toMatchObject({ ok: true, number: "INV-0003" });
    });
  });
});
