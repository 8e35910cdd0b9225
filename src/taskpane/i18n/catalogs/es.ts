import type { PaneCatalog } from "../pane-catalog";
import { contract } from "./contract/es";
import { history } from "./history/es";
import { finances } from "./finances/es";
import { timesheet } from "./timesheet/es";

/** The pane in Spanish (certificación de obra, retención de garantía, factura rectificativa: decision 0035); the rest falls back to English. */
export const es = {
  ...contract,
  ...history,
  ...finances,
  ...timesheet,
  "app.loading": "Leyendo el libro…",
  "app.cannotRead": "No se puede leer el libro: {{reason}}",
  "app.insertSample": "Insertar una tabla de hitos de ejemplo",
  "app.tab.invoice": "Factura",
  "app.tab.contract": "Contrato",
  "app.tab.history": "Historial",
  "app.tab.finances": "Finanzas",
  "invoice.heading": "Próxima factura",
  "invoice.headingNumbered": "Próxima factura: {{number}}",
  "invoice.invoiceDate": "Fecha de factura",
  "invoice.today": "Hoy",
  "invoice.periodEnd": "Fin del periodo",
  "invoice.generateInvoice": "Generar factura",
  "invoice.generateInvoiceNumbered": "Generar factura {{number}}",
  "invoice.generateDraft": "Generar borrador",
  "invoice.generateDraftNumbered": "Generar borrador {{number}}",
  "invoice.issued": "{{number}} emitida",
  "invoice.openSheet": "Abrir hoja",
  "invoice.line": "Línea",
  "invoice.thisPeriod": "Este periodo",
  "invoice.totals": "Totales",
  "invoice.retentionHeld": "Retención de garantía",
  "invoice.tax": "IVA",
  "invoice.totalDue": "Total a pagar",
  "export.heading": "Exportar",
  "export.xlsx": "Archivo de Excel",
  "export.copy": "Copiar",
} as const satisfies PaneCatalog;
