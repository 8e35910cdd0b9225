import type { FontSource } from "../pdf/fonts";
import type { FinanceReport } from "./report";

export { buildFinanceReport, type FinanceReport, type ReportContract, type ReportFailure, type ReportNote } from "./report";
export { toReportJson } from "./report-json";
export { noteText, toReportText } from "./report-text";

/** The files a report is written to. */
export const REPORT_FORMATS = ["xlsx", "csv", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The report's files in the formats asked for, named after its date (interim-report-2026-12-31.xlsx;
 * the CSV is two files, -wip.csv and -aging.csv). Each format is loaded on demand, as the
 * invoice's exporters are.
 */
export async function reportFiles(report: FinanceReport, formats: readonly ReportFormat[], options: { fonts: FontSource }): Promise<ReportFile[]> {
  const stem = `interim-report-${report.asOf}`;
  const files: ReportFile[] = [];
  for (const format of formats) {
    if (format === "xlsx") {
      files.push({ name: `${stem}.xlsx`, bytes: await (await import("./report-xlsx")).toReportXlsx(report) });
    } else if (format === "csv") {
      const { wip, aging } = (await import("./report-csv")).toReportCsv(report);
      files.push({ name: `${stem}-wip.csv`, bytes: new TextEncoder().encode(wip) }, { name: `${stem}-aging.csv`, bytes: new TextEncoder().encode(aging) });
    } else {
      files.push({ name: `${stem}.pdf`, bytes: await (await import("./report-pdf")).toReportPdf(report, options) });
    }
  }
  return files;
}
