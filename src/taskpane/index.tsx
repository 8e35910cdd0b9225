import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";

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

void Office.onReady().then(() => {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element.");
  createRoot(container).render(
    <StrictMode>
      <App dark={isOfficeThemeDark()} />
    </StrictMode>,
  );
});
