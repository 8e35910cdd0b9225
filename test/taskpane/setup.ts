import "@testing-library/jest-dom";
import { TextDecoder as NodeTextDecoder } from "node:util";
import { TextEncoder as NodeTextEncoder } from "node:util";

// jsdom has no matchMedia; Fluent UI asks it for reduced motion.
if (typeof window.matchMedia !== "function") {
  Object.defineProperty(window, "matchMedia", {
    value: (query: string) => ({
      matches: false, media: query, onchange: null,
      addListener: () => undefined, removeListener: () => undefined,
      addEventListener: () => undefined, removeEventListener: () => undefined, dispatchEvent: () => false,
    }),
  });
}

// jsdom has no TextEncoder; every browser Excel runs in has, and the Office.js port sizes its requests with it.
if (typeof globalThis.TextEncoder !== "function") {
  Object.defineProperty(globalThis, "TextEncoder", { value: NodeTextEncoder });
}

// jsdom has no TextDecoder, which every browser and web view has.
if (typeof globalThis.TextDecoder !== "function") Object.defineProperty(globalThis, "TextDecoder", { value: NodeTextDecoder });

// jsdom's File has no text(), which every browser Excel runs in has (and the pane reads a file with).
if (typeof File.prototype.text !== "function") {
  Object.defineProperty(File.prototype, "text", {
    writable: true,
    value(this: File): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        // readAsText always gives a string.
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
        reader.readAsText(this);
      });
    },
  });
}
