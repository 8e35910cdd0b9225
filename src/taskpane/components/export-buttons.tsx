import { Button, Field, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { EXPORT_FORMATS, type ExportFormat } from "../../export/exporter";
import type { Delivery } from "../host/host";
import { failureMessage } from "../messages";

const LABELS: Record<ExportFormat, string> = { pdf: "PDF", csv: "CSV", xml: "E-invoice XML", xrechnung: "XRechnung", facturx: "Factur-X PDF", xlsx: "Excel file" };

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
      setShown({ format, failure: `Could not export ${number} as ${LABELS[format]}: ${failureMessage(caught)}` });
    } finally {
      setBusy(undefined);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("Copied. Paste it into a text editor and save it.");
    } catch {
      // The web view may refuse the clipboard; the text stays selectable in the box.
      setCopied("Interim cannot reach the clipboard here: select the text in the box (Cmd+A) and copy it (Cmd+C).");
    }
  };

  return (
    <>
      <div role="group" aria-label={`Export ${number}`} className={styles.group}>
        <Text size={200}>Export</Text>
        {offered.map((format) => (
          <Button key={format} size="small" disabled={busy !== undefined} aria-label={`Export ${number} as ${LABELS[format]}`} onClick={() => void run(format)}>
            {LABELS[format]}
          </Button>
        ))}
      </div>
      {refused.map(({ format, reason }) => (
        <MessageBar key={format} intent="info" layout="multiline">
          <MessageBarBody>{`${LABELS[format]}: ${reason}`}</MessageBarBody>
        </MessageBar>
      ))}
      {shown === undefined ? null : "failure" in shown ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{shown.failure}</MessageBarBody>
        </MessageBar>
      ) : shown.delivery.kind === "new-workbook" ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{`${number} opened in Excel as a new workbook: save it from there (File > Save As).`}</MessageBarBody>
        </MessageBar>
      ) : shown.delivery.kind === "text" ? (
        <div className={styles.text}>
          <Field label={`${number} as ${LABELS[shown.format]}`} hint={`Copy it and save it as ${shown.delivery.name}.`}>
            <Textarea className={styles.textarea} readOnly resize="vertical" rows={6} value={shown.delivery.text} />
          </Field>
          <div>
            <Button size="small" onClick={() => void copy((shown.delivery as { text: string }).text)}>
              Copy
            </Button>
          </div>
          {copied === undefined ? null : <Text size={200} role="status">{copied}</Text>}
        </div>
      ) : (
        <Text size={200} role="status">{`${number} as ${LABELS[shown.format]}: saved to your downloads.`}</Text>
      )}
    </>
  );
}
