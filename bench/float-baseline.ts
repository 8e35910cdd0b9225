import type { BillingRequest, computeInvoice as ComputeInvoice } from "../src/core";
import { benchContract } from "./contracts";
import { type Row, medianMs } from "./measure";
import { seededRandom } from "./seeded-random";

/**
 * The baseline a spreadsheet or a quick script would use: the same arithmetic in JavaScript
 * numbers (binary floating point), rounding with Math.round as most code does. Kept to the
 * features the typical contract uses: flat retention on work and stored materials, tax per
 * rate, line 7 given.
 */
interface FloatSummary {
  totalRetention: number;
  currentPaymentDue: number;
  tax: number;
  totalDue: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function computeFloat(request: BillingRequest): FloatSummary {
  const rate = Number(request.retention?.rate ?? 0);
  const storedRate = Number(request.retention?.storedMaterialsRate ?? rate);
  let completed = 0;
  let retention = 0;
  const taxBase = new Map<number, number>();
  for (const line of request.lines) {
    const c = Number(line.scheduledValue);
    const d = Number(line.previouslyCompleted ?? 0);
    const f = Number(line.storedMaterials ?? 0);
    const toDate =
      line.percentComplete !== undefined ? round2(c * Number(line.percentComplete))
      : line.completedToDate !== undefined ? Number(line.completedToDate)
      : line.thisPeriod !== undefined ? d + Number(line.thisPeriod)
      : line.quantityToDate !== undefined ? round2(Number(line.quantityToDate) * Number(line.unitPrice))
      : d;
    completed += toDate + f;
    retention += round2(rate * toDate) + round2(storedRate * f);
    const taxRate = Number(line.taxRate ?? request.tax?.rate ?? 0);
    taxBase.set(taxRate, (taxBase.get(taxRate) ?? 0) + toDate + f - d - Number(line.previousStoredMaterials ?? 0));
  }
  let tax = 0;
  for (const [taxRate, base] of taxBase) tax += round2(taxRate * base);
  const currentPaymentDue = completed - retention - Number(request.previousCertificates ?? 0);
  return { totalRetention: retention, currentPaymentDue, tax, totalDue: currentPaymentDue + tax };
}

/** A small random contract of the typical kind (deterministic from its seed). */
function randomContract(seed: number): BillingRequest {
  const random = seededRandom(seed);
  const cents = (max: number): string => (Math.floor(random() * max * 100) / 100).toFixed(2);
  const lines = Array.from({ length: 3 + Math.floor(random() * 20) }, (_, i) => {
    const scheduled = cents(80000);
    const previous = (Math.floor(Number(scheduled) * random() * 0.5 * 100) / 100).toFixed(2);
    return {
      id: `L${i}`, scheduledValue: scheduled, previouslyCompleted: previous,
      percentComplete: (0.5 + Math.floor(random() * 5000) / 10000).toString(),
      ...(random() < 0.3 ? { storedMaterials: cents(3000) } : {}),
      ...(random() < 0.2 ? { taxRate: "0.07" } : {}),
    };
  });
  return { currency: "USD", retention: { rate: random() < 0.5 ? "0.05" : "0.1", storedMaterialsRate: "0.05" }, tax: { rate: "0.0825" }, previousCertificates: "0.00", allowOverbilling: true, lines };
}

/** `computeInvoice` is the core as the product runs it (bench/core-bundle.ts). */
export function benchFloatBaseline(quick: boolean, computeInvoice: typeof ComputeInvoice): Row[] {
  const contracts = quick ? 2_000 : 10_000;
  let wrong = 0;
  for (let seed = 1; seed <= contracts; seed += 1) {
    const request = randomContract(seed);
    const outcome = computeInvoice(request);
    if (!outcome.ok) throw new Error(`baseline contract ${seed} is invalid`);
    const exact = outcome.result.summary;
    const float = computeFloat(request);
    const fields = ["totalRetention", "currentPaymentDue", "tax", "totalDue"] as const;
    // Wrong by a cent or more once shown with two decimals, as a person would read it.
    if (fields.some((field) => float[field].toFixed(2) !== exact[field])) wrong += 1;
  }
  const request = JSON.parse(JSON.stringify(benchContract(10_000, "typical"))) as BillingRequest;
  const runs = quick ? 5 : 21;
  // Both as the core's budget is judged: steady runs, each paying for its own garbage.
  const coreMs = medianMs(() => computeInvoice(request), runs, 3, "steady");
  const floatMs = medianMs(() => computeFloat(request), runs, 3, "steady");
  return [
    { what: `baseline: the same arithmetic in JavaScript numbers, ${contracts.toLocaleString("en-US")} random contracts: how many it gets wrong by a cent or more`, figure: `${wrong} (${((100 * wrong) / contracts).toFixed(1)} %)`, budget: "0 for the core", within: undefined },
    { what: "baseline: JavaScript numbers against the core, 10,000 lines (time ratio)", figure: `${floatMs.toFixed(1)} ms against ${coreMs.toFixed(1)} ms: the core is ×${(coreMs / floatMs).toFixed(0)} slower`, budget: "reported", within: undefined },
  ];
}
