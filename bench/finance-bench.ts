import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type * as Core from "../src/core";
import { LibreOffice } from "../test/cli/libreoffice";
import { type FinanceSize, financeContract } from "./finance-contract";
import { TOTAL_ROWS, type TotalName, writeFinanceSheets } from "./finance-sheets";
import { type Row, medianMs, timed } from "./measure";

const SIZE: FinanceSize = { lines: 10_000, costRows: 100_000, invoices: 100, payments: 1_000 };
const FRACTIONS: ReadonlySet<TotalName> = new Set(["percentCompleteByCost", "estimatedMargin"]);

/**
 * The core's figures may take at most this share of LibreOffice's recalculation of the same
 * figures as native formulas. The core reads every cost row and payment once; SUMIFS compares
 * every cost row for each line (lines × rows). A core that is not twenty times faster at this
 * size has lost that linearity, or its exact arithmetic has become the cost a person waits for.
 */
const RATIO_BUDGET = 0.05;
/** LibreOffice's SUMIFS over 100,000 rows for 10,000 lines took 1.5 minutes of processor time (5 minutes on a busy machine). */
const FORMULAS_TIMEOUT_MS = 15 * 60_000;

const sized = `${SIZE.lines.toLocaleString("en-US")} lines, ${SIZE.costRows.toLocaleString("en-US")} cost rows, ${SIZE.payments.toLocaleString("en-US")} payments`;

/**
 * The core's receivables, aging, WIP, margin and forecast of one large contract
 * (computeFinances: every check, then every figure), and, in a full run, the same WIP and aging
 * as a workbook of native formulas recalculated by LibreOffice headless in the same run.
 * LibreOffice's time to load and save that workbook without its formulas is taken off its
 * time with them, so that what is compared is the computing of the figures on both sides; the
 * two must give the same totals, to the cent.
 */
export async function benchFinances(quick: boolean, core: typeof Core): Promise<Row[]> {
  const input = financeContract(SIZE);
  const compute = (): Core.ContractFinances => {
    const outcome = core.computeFinances(input);
    if (!outcome.ok) throw new Error(`the finance bench contract is invalid: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    return outcome.finances;
  };
  const runs = quick ? 3 : 7;
  const ms = medianMs(compute, runs, 1, "steady");
  const rows: Row[] = [{ what: `finances: the core's receivables, aging, WIP, margin and forecast of one contract, ${sized} (median of ${runs})`, figure: `${ms.toFixed(0)} ms`, budget: quick ? "–" : "against LibreOffice, below", within: undefined }];
  if (quick) return rows;

  const folder = mkdtempSync(join(tmpdir(), "interim-finance-baseline-"));
  try {
    const office = new LibreOffice(folder);
    const formulas = join(folder, "formulas.xlsx");
    const values = join(folder, "values.xlsx");
    await writeFinanceSheets(formulas, input);
    await writeFinanceSheets(values, input, false);
    // A first conversion sets up LibreOffice's profile; then one timed run of each (the formulas take minutes).
    office.convert(values, "xlsx", join(folder, "warm"));
    const loadAndSave = timed(() => office.convert(values, "xlsx", join(folder, "values-out")));
    const withFormulas = timed(() => office.convert(formulas, "xlsx", join(folder, "formulas-out"), FORMULAS_TIMEOUT_MS));
    await expectSameTotals(join(folder, "formulas-out", "formulas.xlsx"), compute());
    const recalculation = withFormulas - loadAndSave;
    const ratio = ms / recalculation;
    rows.push({
      what: `baseline: the same WIP and aging as native formulas (SUMIFS of the cost rows per line, MIN, ROUND; SUMIFS of the payments per invoice, IF, MAX for the buckets), recalculated by LibreOffice headless, against the core (same totals, to the cent)`,
      figure: `LibreOffice ${(withFormulas / 1000).toFixed(1)} s, of which loading and saving without the formulas ${(loadAndSave / 1000).toFixed(1)} s: recalculation ${(recalculation / 1000).toFixed(1)} s; the core ${ms.toFixed(0)} ms (×${ratio.toFixed(4)})`,
      budget: `core at most ×${RATIO_BUDGET} of the recalculation`,
      within: ratio <= RATIO_BUDGET,
    });
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** LibreOffice's totals, as it saved them, against the core's: amounts to the cent, fractions to 4 decimals. */
async function expectSameTotals(file: string, finances: Core.ContractFinances): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("Totals");
  if (sheet === undefined) throw new Error("LibreOffice's output has no Totals sheet");
  const differences = TOTAL_ROWS.flatMap((name, i) => {
    const cell = sheet.getCell(i + 2, 2).value;
    const result = typeof cell === "object" && cell !== null && "result" in cell ? cell.result : cell;
    const ours = name in finances.aging ? finances.aging[name as keyof typeof finances.aging] : finances[name as Exclude<TotalName, keyof typeof finances.aging>];
    const theirs = typeof result === "number" ? result.toFixed(FRACTIONS.has(name) ? 4 : 2) : JSON.stringify(result);
    return theirs === ours ? [] : [`${name}: LibreOffice ${theirs}, the core ${String(ours)}`];
  });
  if (differences.length > 0) throw new Error(`the baseline's totals differ from the core's:\n${differences.join("\n")}`);
}
