import type { PaneCatalog } from "../pane-catalog";
import { contract } from "./contract/it";
import { history } from "./history/it";
import { finances } from "./finances/it";
import { timesheet } from "./timesheet/it";

/** The pane in Italian (stato di avanzamento lavori, ritenuta di garanzia, nota di credito: decision 0035); the rest falls back to English. */
export const it = {
  ...contract,
  ...history,
  ...finances,
  ...timesheet,
  "app.loading": "Lettura della cartella di lavoro…",
  "app.cannotRead": "Impossibile leggere la cartella di lavoro: {{reason}}",
  "app.insertSample": "Inserisci una tabella di milestone di esempio",
  "app.tab.invoice": "Fattura",
  "app.tab.contract": "Contratto",
  "app.tab.history": "Cronologia",
  "app.tab.finances": "Finanze",
  "invoice.heading": "Prossima fattura",
  "invoice.headingNumbered": "Prossima fattura: {{number}}",
  "invoice.invoiceDate": "Data fattura",
  "invoice.today": "Oggi",
  "invoice.periodEnd": "Fine periodo",
  "invoice.generateInvoice": "Genera fattura",
  "invoice.generateInvoiceNumbered": "Genera fattura {{number}}",
  "invoice.generateDraft": "Genera bozza",
  "invoice.generateDraftNumbered": "Genera bozza {{number}}",
  "invoice.issued": "{{number}} emessa",
  "invoice.openSheet": "Apri foglio",
  "invoice.line": "Riga",
  "invoice.thisPeriod": "Questo periodo",
  "invoice.totals": "Totali",
  "invoice.retentionHeld": "Ritenuta di garanzia",
  "invoice.tax": "IVA",
  "invoice.totalDue": "Totale da pagare",
  "export.heading": "Esporta",
  "export.xlsx": "File di Excel",
  "export.copy": "Copia",
} as const satisfies PaneCatalog;
