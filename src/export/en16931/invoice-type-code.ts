import type { IssuedInvoice } from "../../core";
import { bothGerman } from "./en16931-parties";

/** The construction codes of UNTDID 1001: partial (875), partial final (876) and final (877) construction invoice. */
const CONSTRUCTION = new Set(["875", "876", "877"]);

/**
 * BT-3, the document's type code (UNTDID 1001), from its kind and the "E-invoice type code"
 * setting, which says which codes the client accepts. Only codes that EN 16931 and Peppol BIS
 * (PEPPOL-EN16931-P0100, P0112) accept, whatever the setting holds:
 *
 * | kind              | 380 (default) | 326                               | 875 / 876 / 877 (construction)         |
 * | progress invoice  | 380           | 326 between German parties, else 380 | 875, or 876 as set (877 is a final's: 875) |
 * | advance invoice   | 386           | 386                               | 386                                    |
 * | final invoice     | 380           | 380                               | 877                                    |
 * | credit note       | 381           | 381                               | 381                                    |
 *
 * 326, the partial invoice, is Peppol's only between two German parties (P0112); elsewhere a
 * progress invoice is a commercial invoice, 380. 386 is the prepayment invoice for an advance,
 * whoever receives it. A final invoice is a commercial invoice, or the final construction
 * invoice where the client takes construction codes. See docs/decisions/0036-advance-and-final-invoices.md.
 */
export function invoiceTypeCodeOf(invoice: IssuedInvoice): string {
  const setting = invoice.invoiceTypeCode;
  const construction = CONSTRUCTION.has(setting);
  switch (invoice.kind) {
    case "credit note":
      return "381";
    case "advance invoice":
      return "386";
    case "final invoice":
      return construction ? "877" : "380";
    case "invoice":
    case "draft":
      if (construction) return setting === "877" ? "875" : setting;
      return setting === "326" && bothGerman(invoice) ? "326" : "380";
  }
}
