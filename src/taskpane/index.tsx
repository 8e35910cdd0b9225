import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { exportInvoice } from "./export-invoice";
import { excelHost } from "./host/excel-host";

/** Whether Office shows a dark theme; false outside Office, where there is no theme. */
function isOfficeThemeDark(): boolean {
  const theme = (Office.context as Office.Context | undefined)?.officeTheme;
  if (!theme) return false;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  // Older clients lack isDarkTheme: judge by the body background's luminance.
  const rgb = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(theme.bodyBackgroundColor);
  if (!rgb) return false;
  const [r, g, b] = rgb.slice(1).map((hex) => parseInt(hex, 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

void Office.onReady().then((info) => {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element.");
  if (info.host !== Office.HostType.Excel) {
    container.textContent = "Interim runs in Excel: open it from the Interim button on Excel's Home tab.";
    return;
  }
  createRoot(container).render(
    <StrictMode>
      <App host={excelHost()} dark={isOfficeThemeDark()} exportInvoice={exportInvoice} />
    </StrictMode>,
  );
});
