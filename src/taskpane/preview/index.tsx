import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MemoryHost } from "../host/memory-host";
import { PreviewPage } from "./preview-page";

// Outside Excel there is no Office to wait for: the pane works on an in-memory workbook and
// follows the browser's light or dark scheme.
const container = document.getElementById("root");
if (!container) throw new Error("The preview page has no #root element.");
const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
createRoot(container).render(
  <StrictMode>
    <PreviewPage host={new MemoryHost()} dark={dark} />
  </StrictMode>,
);
