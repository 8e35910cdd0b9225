import type { PaneCatalog } from "../pane-catalog";
import { contract } from "./contract/nl";
import { history } from "./history/nl";
import { finances } from "./finances/nl";
import { timesheet } from "./timesheet/nl";

/** The pane in Dutch (termijnfactuur, garantie-inhouding, creditnota: decision 0035); the rest falls back to English. */
export const nl = {
  ...contract,
  ...history,
  ...finances,
  ...timesheet,
  "app.loading": "Werkmap wordt gelezen…",
  "app.cannotRead": "Kan de werkmap niet lezen: {{reason}}",
  "app.insertSample": "Voorbeeldtabel met mijlpalen invoegen",
  "app.tab.invoice": "Factuur",
  "app.tab.contract": "Contract",
  "app.tab.history": "Geschiedenis",
  "app.tab.finances": "Financiën",
  "invoice.heading": "Volgende factuur",
  "invoice.headingNumbered": "Volgende factuur: {{number}}",
  "invoice.invoiceDate": "Factuurdatum",
  "invoice.today": "Vandaag",
  "invoice.periodEnd": "Einde periode",
  "invoice.generateInvoice": "Factuur maken",
  "invoice.generateInvoiceNumbered": "Factuur {{number}} maken",
  "invoice.generateDraft": "Concept maken",
  "invoice.generateDraftNumbered": "Concept {{number}} maken",
  "invoice.issued": "{{number}} uitgereikt",
  "invoice.openSheet": "Blad openen",
  "invoice.line": "Regel",
  "invoice.thisPeriod": "Deze periode",
  "invoice.totals": "Totalen",
  "invoice.retentionHeld": "Garantie-inhouding",
  "invoice.tax": "Btw",
  "invoice.totalDue": "Te betalen",
  "export.heading": "Exporteren",
  "export.xlsx": "Excel-bestand",
  "export.copy": "Kopiëren",
} as const satisfies PaneCatalog;
