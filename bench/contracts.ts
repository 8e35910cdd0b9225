import type { BillingRequest, MilestoneInput } from "../src/core";

/**
 * A deterministic contract of `count` lines that uses every way of stating progress, stored
 * materials, change orders (some deductive), two tax rates and step-down retention, so that a
 * benchmark exercises the whole of the core.
 */
export function benchContract(count: number, seed = 1): BillingRequest {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
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
  return {
    currency: "USD",
    retention: { steps: [{ from: "0", rate: "0.10" }, { from: "0.5", rate: "0.05" }], mode: "marginal", storedMaterialsRate: "0.05" },
    tax: { rate: "0.21" },
    advance: { amount: "100000.00" },
    allowOverbilling: true,
    lines,
  };
}
