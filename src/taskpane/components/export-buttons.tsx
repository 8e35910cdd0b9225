import { Button, Field, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { EXPORT_FORMATS, type ExportFormat } from "../../export/exporter";
import type { Delivery } from "../host/host";
import type { PaneKey } from "../i18n/pane-catalog";
import { usePaneText } from "../i18n/pane-text-context";
import { failureMessage } from "../messages";

const LABELS: Record<ExportFormat, PaneKey & `export.${ExportFormat}`> = {
  pdf: "export.pdf", csv: "export.csv", xml: "export.xml", xrechnung: "export.xrechnung", facturx: "export.facturx", xlsx: "export.xlsx",
};

const useStyles = makeStyles({
  group: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  text: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  textarea: { fontFamily: tokens.fontFamilyMonospace },
});

export interface ExportButtonsProps {
  /** The document's number: INV-0004, CN-0001. */
  number: string;
  onExport: (format: ExportFormat) => Promise<Delivery>;
  /** Why a format cannot be exported here, saying what to do instead; undefined when it can. */
  unavailable: (format: ExportFormat) => string | undefined;
}

type Shown = { format: ExportFormat; delivery: Delivery } | { format: ExportFormat; failure: string };

/** Saves an issued document as a file, one button per format, and says how it was handed over. */
export function ExportButtons({ number, onExport, unavailable }: ExportButtonsProps) {
  const styles = useStyles();
  const { t } = usePaneText();
  const label = (format: ExportFormat) => t(LABELS[format]);
  const [busy, setBusy] = useState<ExportFormat>();
  const [shown, setShown] = useState<Shown>();
  const [copied, setCopied] = useState<string>();
  const offered = EXPORT_FORMATS.filter((format) => unavailable(format) === undefined);
  const refused = EXPORT_FORMATS.flatMap((format) => {
    const reason = unavailable(format);
    return reason === undefined ? [] : [{ format, reason }];
  });

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setShown(undefined);
    setCopied(undefined);
    try {
      setShown({ format, delivery: await onExport(format) });
    } catch (caught) {
      setShown({ format, failure: t("export.failed", { number, format: label(format), reason: failureMessage(caught, t) }) });
    } finally {
      setBusy(undefined);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t("export.copied"));
    } catch {
      // The web view may refuse the clipboard; the text stays selectable in the box.
      setCopied(t("export.noClipboard"));
    }
  };

  return (
    <>
      <div role="group" aria-label={t("export.group", { number })} className={styles.group}>
        <Text size={200}>{t("export.heading")}</Text>
        {offered.map((format) => (
          <Button key={format} size="small" disabled={busy !== undefined} aria-label={t("export.as", { number, format: label(format) })} onClick={() => void run(format)}>
            {label(format)}
          </Button>
        ))}
      </div>
      {refused.map(({ format, reason }) => (
        <MessageBar key={format} intent="info" layout="multiline">
          <MessageBarBody>{t("export.unavailable", { format: label(format), reason })}</MessageBarBody>
        </MessageBar>
      ))}
      {shown === undefined ? null : "failure" in shown ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{shown.failure}</MessageBarBody>
        </MessageBar>
      ) : shown.delivery.kind === "new-workbook" ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{t("export.newWorkbook", { number })}</MessageBarBody>
        </MessageBar>
      ) : shown.delivery.kind === "text" ? (
        <div className={styles.text}>
          <Field label={t("export.textField", { number, format: label(shown.format) })} hint={t("export.textHint", { name: shown.delivery.name })}>
            <Textarea className={styles.textarea} readOnly resize="vertical" rows={6} value={shown.delivery.text} />
          </Field>
          <div>
            <Button size="small" onClick={() => void copy((shown.delivery as { text: string }).text)}>
              {t("export.copy")}
            </Button>
          </div>
          {copied === undefined ? null : <Text size={200} role="status">{copied}</Text>}
        </div>
      ) : (
        <Text size={200} role="status">{t("export.downloaded", { number, format: label(shown.format) })}</Text>
      )}
    </>
  );
}
