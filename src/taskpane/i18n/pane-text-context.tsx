import { createContext, useContext } from "react";
import { type PaneText, englishPaneText } from "./pane-text";

/**
 * The pane's text for the components below it. Without a provider (a component rendered
 * alone) it is English, in the browser's own formats as before.
 */
export const PaneTextContext = createContext<PaneText>(englishPaneText(typeof navigator === "undefined" ? "en" : navigator.language));

export const usePaneText = (): PaneText => useContext(PaneTextContext);
