import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { EXPORT_FORMATS, type ExportFormat } from "../../export/exporter";

const LABELS: Record<ExportFormat, string> = { pdf: "PDF", csv: "CSV", xml: "E-invoice XML", xlsx: "Excel file" };

const useStyles = makeStyles({
  group: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
});

export interface ExportButtonsProps {
  number: string;
  onExport: (format: ExportFormat) => Promise<void>;
}

/** Saves the issued invoice as a file, one button per format. */
export function ExportButtons({ number, onExport }: ExportButtonsProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState<ExportFormat>();
  const [failure, setFailure] = useState<string>();
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setFailure(undefined);
    try {
      await onExport(format);
    } catch (caught) {
      setFailure(`Could not export ${number} as ${LABELS[format]}: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <div role="group" aria-label={`Export ${number}`} className={styles.group}>
        <Text size={200}>Export</Text>
        {EXPORT_FORMATS.map((format) => (
          <Button key={format} size="small" disabled={busy !== undefined} aria-label={`Export ${number} as ${LABELS[format]}`} onClick={() => void run(format)}>
            {LABELS[format]}
          </Button>
        ))}
      </div>
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
