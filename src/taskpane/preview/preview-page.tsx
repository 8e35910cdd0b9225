import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "../app";
import { exportInvoice } from "../export-invoice";
import type { MemoryHost } from "../host/memory-host";
import { SheetGrid } from "./sheet-grid";

const useStyles = makeStyles({
  page: { display: "flex", alignItems: "stretch", minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  // The width of Excel's task pane at its narrowest.
  pane: {
    flex: "0 0 320px", width: "320px", height: "100vh", overflowY: "auto", boxSizing: "border-box",
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    // The pane's own background down to the bottom, as Excel's task pane has, however short its content.
    backgroundColor: tokens.colorNeutralBackground1,
  },
  grid: { flex: "1 1 auto", minWidth: 0, color: tokens.colorNeutralForeground1 },
});

/** The task pane as in Excel, beside a grid of the in-memory workbook it works on. */
export function PreviewPage({ host, dark }: { host: MemoryHost; dark: boolean }) {
  const styles = useStyles();
  const theme = dark ? webDarkTheme : webLightTheme;
  return (
    <FluentProvider theme={theme} className={styles.page}>
      <aside className={styles.pane} aria-label="Interim task pane" data-testid="pane">
        <App host={host} dark={dark} exportInvoice={exportInvoice} />
      </aside>
      <div className={styles.grid}>
        <SheetGrid host={host} />
      </div>
    </FluentProvider>
  );
}
