/** @jest-environment jsdom */
import { documentText, formatDocumentAmount, formatDocumentDate } from "../../src/i18n";

// The task pane's bundle uses the same module in the browser: no Node API, and the catalogs ready at once.
test("the document language works in a browser, synchronously, with nothing fetched", () => {
  expect(typeof window).toBe("object");
  expect(documentText("nl").t("page.number", { page: "1", pages: "3" })).toBe("Pagina 1 van 3");
  expect(formatDocumentAmount("-1234.50", "nl", 2)).toBe("-1.234,50");
  expect(formatDocumentDate("2027-03-31", "nl")).toBe("31-03-2027");
});
