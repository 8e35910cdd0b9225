import type { BillingRequest, MilestoneInput } from "../src/core";
import { seededRandom } from "./seeded-random";

export type ContractKind = "typical" | "every-feature";

/**
 * A deterministic contract of `count` lines that uses every way of stating progress, stored
 * materials, change orders (some deductive) and two tax rates.
 * - "typical": what the add-in sends for most contracts: a flat 10 % retention (5 % on stored
 *   materials) and line 7 taken from the billing log.
 * - "every-feature": marginal step-down retention allocated to the lines, an advance to
 *   recover and line 7 derived (a second retention pass), the most work a request can ask.
 */
export function benchContract(count: number, kind: ContractKind = "every-feature", seed = 1): BillingRequest {
  const random = seededRandom(seed);
  const cents = (max: number): string => (Math.floor(random() * max * 100) / 100).toFixed(2);
  const lines: MilestoneInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const deductive = i % 97 === 0;
    const scheduled = deductive ? `-${cents(5000)}` : cents(250000);
    const line: MilestoneInput = { id: `M${i}`, description: `Milestone ${i}`, scheduledValue: scheduled, changeOrder: i % 13 === 0 || deductive };
    const kind = i % 4;
    if (deductive || kind === 0) line.percentComplete = (Math.floor(random() * 10000) / 10000).toString();
    else if (kind === 1) {
      const to = (Number(scheduled) * random()).toFixed(2);
      line.previouslyCompleted = (Number(to) / 2).toFixed(2);
      line.completedToDate = to;
    } else if (kind === 2) line.thisPeriod = (Number(scheduled) * random() * 0.5).toFixed(2);
    else {
      line.quantityToDate = (Math.floor(random() * 400) / 4).toString();
      line.unitPrice = (Math.floor(Number(scheduled) / 200) / 100).toFixed(2);
    }
    if (!deductive && i % 5 === 0) line.storedMaterials = cents(1000);
    if (i % 7 === 0) line.taxRate = "0.09";
    lines.push(line);
  }
  if (kind === "typical") {
    return {
      currency: "USD",
      retention: { rate: "0.10", storedMaterialsRate: "0.05" },
      previousCertificates: "0.00",
      tax: { rate: "0.21" },
      allowOverbilling: true,
      lines,
    };
  }
  return {
    currency: "USD",
    retention: { steps: [{ from: "0", rate: "0.10" }, { from: "0.5", rate: "0.05" }], mode: "marginal", storedMaterialsRate: "0.05" },
    tax: { rate: "0.21" },
    advance: { amount: "100000.00" },
    allowOverbilling: true,
    lines,
  };
}
