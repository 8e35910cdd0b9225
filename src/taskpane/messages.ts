import { ExportError } from "../export/export-error";
import { WorkbookError } from "../workbook/port";
import { DeliveryError } from "./host/host";
import type { PaneText } from "./i18n/pane-text";

/**
 * What the pane says about a failure. Interim's own errors (the workbook port's, the
 * exporters', the export's hand-over) are written for people and shown as they are; anything
 * else (Excel's RichApi text, a bug) is not meant for them: the pane says a plain sentence,
 * and the detail goes to the console for whoever diagnoses it. Interim's own errors come from
 * the workbook and export layers and are English for now; the plain sentence is in `t`'s language.
 */
export function failureMessage(caught: unknown, t: PaneText["t"]): string {
  if (caught instanceof WorkbookError || caught instanceof ExportError || caught instanceof DeliveryError) return caught.message;
  console.error(caught);
  return t("app.unexpected");
}
