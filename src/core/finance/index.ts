export * from "./types";
export { computeFinances } from "./compute-finances";
export { computeReceivables, type ReceivableInput } from "./receivables";
export { computeWip, type WipInput, type WipOutcome } from "./wip";
export { computeForecast, type ForecastInput, type ForecastOutcome } from "./forecast";
export { documentsInForce } from "./documents-in-force";
export { summariseByCurrency } from "./summarise";
export { lineKey } from "./line-key";
export { rowName } from "./reader";
export {
  COST_COLUMNS, PAYMENT_COLUMNS, PAYMENT_FIELDS, readCostRows, readPaymentRows, readTableRows,
  type ColumnSpec, type CostField, type PaymentField, type TableRows,
} from "./finance-rows";
