import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Suspense, lazy, useMemo, useRef, useState } from "react";
import { type IssuedInvoice, addAmounts } from "../../core";
import { eInvoiceRefusals } from "../../export/en16931/en16931-checks";
import type { ExportFormat } from "../../export/exporter";
import { issueCreditNote } from "../../workbook/credit-note";
import { issueAdvanceInvoice } from "../../workbook/plan-advance-invoice";
import { DATE_RANGE } from "../../workbook/dates";
import { generateInvoice } from "../../workbook/generate-invoice";
import { type GenerateOptions, type PlanOutcome, planInvoice } from "../../workbook/plan-invoice";
import type { WorkbookSnapshot } from "../../workbook/port";
import { type WorkbookProblem, problem } from "../../workbook/problems";
import { displayDate, displayMoney } from "../format";
import type { Delivery, PaneHost } from "../host/host";
import { usePaneText } from "../i18n/pane-text-context";
import { failureMessage } from "../messages";
import { AdvanceInvoiceAction, FinalInvoiceSwitch, FinalStatementPreview } from "./advance-final-controls";
import { ExportButtons } from "./export-buttons";
import { ProblemList } from "./problem-list";

/**
 * Loaded when first opened, as the finance charts are (decision 0032): the CSV parser and the
 * import planner serve the consultants who bill hours, and the pane's first load stays small.
 */
const TimesheetImport = lazy(() => import("./timesheet-import"));

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { padding: `${tokens.spacingVerticalXXS} 0`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: "top" },
  amount: { textAlign: "right", whiteSpace: "nowrap", paddingLeft: tokens.spacingHorizontalS },
  label: { textAlign: "left", fontWeight: tokens.fontWeightRegular },
  total: { fontWeight: tokens.fontWeightSemibold },
  caption: { textAlign: "left", paddingBottom: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Two date fields side by side down to 320 px, one above the other below that.
  dates: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))", gap: tokens.spacingHorizontalS },
  credit: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** Lines shown in the preview; the sheet has them all. */
const SHOWN_LINES = 50;

/** An invoice, draft or credit note just written, and what to say about it. */
interface Written {
  number: string;
  sheet: string;
  title: string;
  summary: string;
  issued: IssuedInvoice;
  warnings: WorkbookProblem[];
}

export interface InvoicePanelProps {
  host: PaneHost;
  /** The workbook as last read: the preview is planned from it with the dates chosen here. */
  snapshot: WorkbookSnapshot;
  /** The latest invoice in force, which a credit note would cancel. */
  latestInvoice: string | undefined;
  /** Reads the workbook again after writing to it. */
  refresh: () => Promise<void>;
  /** Says something to a screen reader. */
  announce: (text: string) => void;
  /** Exports an issued document; apart so each format's code loads only when asked for. */
  exportInvoice: (format: ExportFormat, issued: IssuedInvoice) => Promise<Delivery>;
}

/**
 * The next invoice as Generate would write it with the dates chosen (or the plan's own: the
 * period a finance team bills), the buttons that write it or cancel the latest one with a
 * credit note, and the outcome with its exports.
 */
export function InvoicePanel({ host, snapshot, latestInvoice, refresh, announce, exportInvoice }: InvoicePanelProps) {
  const styles = useStyles();
  const { t, locale } = usePaneText();
  // Empty means "not chosen": the plan's default applies.
  const [invoiceDate, setInvoiceDate] = useState("");
  const [periodEnd, setPeriodEnd] = useState("");
  const [draft, setDraft] = useState(false);
  const [final, setFinal] = useState(false);
  const options = useMemo<GenerateOptions>(
    () => ({ invoiceDate: invoiceDate === "" ? undefined : invoiceDate, periodEnd: periodEnd === "" ? undefined : periodEnd, draft, final }),
    [invoiceDate, periodEnd, draft, final],
  );
  const plan = useMemo(() => planInvoice(snapshot, options), [snapshot, options]);
  // A draft is never sent as an e-invoice; an invoice is, after it is issued, so say first what would stop it.
  const eInvoiceNotes = useMemo(() => (plan.ok && !plan.draft ? eInvoiceRefusals(plan.issued).map((refusal) => problem("E_INVOICE_SETTINGS", refusal)) : []), [plan]);
  /** What is being written, while it is. */
  const [running, setRunning] = useState<string>();
  const [written, setWritten] = useState<Written>();
  const [refused, setRefused] = useState<WorkbookProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [crediting, setCrediting] = useState(false);
  const [creditDate, setCreditDate] = useState("");
  const [importing, setImporting] = useState(false);
  const importButton = useRef<HTMLButtonElement>(null);
  const select = (sheet: string, cell: string) => void host.selectCell(sheet, cell).catch((e: unknown) => setFailure(failureMessage(e, t)));

  /** Runs a write: one at a time, the outcome shown and announced, the workbook read again after. */
  const write = async (what: "invoice.generating" | "invoice.crediting" | "advance.issuing", action: () => Promise<{ ok: true; written: Written } | { ok: false; problems: WorkbookProblem[] }>) => {
    setRunning(t(what));
    setWritten(undefined);
    setRefused([]);
    setFailure(undefined);
    try {
      const outcome = await action();
      if (outcome.ok) {
        setWritten(outcome.written);
        setCrediting(false);
        announce(`${outcome.written.title}. ${outcome.written.summary}`);
      } else {
        setRefused(outcome.problems);
        announce(t("invoice.nothingWritten", { count: outcome.problems.length }));
      }
    } catch (caught) {
      const message = failureMessage(caught, t);
      setFailure(message);
      announce(t("invoice.failed", { what: t(what), reason: message }));
    } finally {
      setRunning(undefined);
      await refresh();
    }
  };

  const generate = (allowZeroInvoice: boolean) =>
    write("invoice.generating", async () => {
      const outcome = await generateInvoice(host.workbook, { ...options, allowZeroInvoice });
      if (!outcome.ok) return outcome;
      if (!outcome.draft) {
        // The dates chosen were this invoice's: the next one starts from the plan's own again.
        setInvoiceDate("");
        setPeriodEnd("");
        setFinal(false);
      }
      const due = displayMoney(outcome.result.summary.totalDue, outcome.result.currency, locale);
      const where = { due, sheet: outcome.sheet };
      return {
        ok: true,
        written: {
          number: outcome.number, sheet: outcome.sheet, issued: outcome.issued, warnings: outcome.warnings,
          title: t(outcome.draft ? "invoice.draftWritten" : "invoice.issued", { number: outcome.number }),
          summary: outcome.draft ? t("invoice.draftSummary", where) : t("invoice.issuedSummary", where),
        },
      };
    });

  const credit = () =>
    write("invoice.crediting", async () => {
      const outcome = await issueCreditNote(host.workbook, { date: creditDate === "" ? undefined : creditDate });
      if (!outcome.ok) return outcome;
      setCreditDate("");
      return {
        ok: true,
        written: {
          number: outcome.number, sheet: outcome.sheet, issued: outcome.issued, warnings: [],
          title: t("invoice.issued", { number: outcome.number }),
          summary: t("invoice.creditSummary", {
            cancels: outcome.cancels, amount: displayMoney(outcome.totalCredited, outcome.issued.result.currency, locale), sheet: outcome.sheet,
          }),
        },
      };
    });

  const advance = () =>
    write("advance.issuing", async () => {
      const outcome = await issueAdvanceInvoice(host.workbook, invoiceDate === "" ? {} : { date: invoiceDate });
      if (!outcome.ok) return outcome;
      setInvoiceDate("");
      return {
        ok: true,
        written: {
          number: outcome.number, sheet: outcome.sheet, issued: outcome.issued, warnings: outcome.warnings,
          title: t("invoice.issued", { number: outcome.number }),
          summary: t("advance.issuedSummary", { due: displayMoney(outcome.issued.result.summary.totalDue, outcome.issued.result.currency, locale), sheet: outcome.sheet }),
        },
      };
    });

  const problems = plan.ok ? refused : plan.problems;
  const nothingBilled = problems.some((p) => p.code === "NOTHING_BILLED");
  const header = plan.ok ? plan.header : undefined;

  return (
    <section className={styles.panel} aria-labelledby="next-invoice">
      {/* The outcome first: right after issuing, the next invoice usually cannot be billed yet. */}
      {written ? (
        <>
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{written.title}</MessageBarTitle>
              {written.summary}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => void host.showSheet(written.sheet).catch((e: unknown) => setFailure(failureMessage(e, t)))}>
                {t("invoice.openSheet")}
              </Button>
            </MessageBarActions>
          </MessageBar>
          <ProblemList title={t("invoice.writtenCheck", { number: written.number })} intent="warning" problems={written.warnings} onSelect={select} />
          <ExportButtons number={written.number} unavailable={(format) => host.unavailable(format)} onExport={(format) => exportInvoice(format, written.issued)} />
        </>
      ) : null}
      <Subtitle2 as="h2" id="next-invoice">
        {plan.ok ? t("invoice.headingNumbered", { number: plan.number }) : t("invoice.heading")}
      </Subtitle2>
      <div className={styles.dates}>
        <Field label={t("invoice.invoiceDate")} hint={invoiceDate === "" ? t("invoice.today") : undefined}>
          <Input type="date" min={DATE_RANGE.first} max={DATE_RANGE.last} value={invoiceDate === "" ? (header?.invoiceDate ?? "") : invoiceDate} onChange={(_, data) => setInvoiceDate(data.value)} />
        </Field>
        <Field label={t("invoice.periodEnd")} hint={periodEnd === "" ? t("invoice.asUsuallyBilled") : undefined}>
          <Input type="date" min={DATE_RANGE.first} max={DATE_RANGE.last} value={periodEnd === "" ? (header?.periodEnd ?? "") : periodEnd} onChange={(_, data) => setPeriodEnd(data.value)} />
        </Field>
      </div>
      <Switch checked={draft} onChange={(_, data) => setDraft(data.checked)} label={t("invoice.draftSwitch")} />
      <FinalInvoiceSwitch final={final} onChange={setFinal} plan={plan} />
      {plan.ok ? <Preview plan={plan} /> : null}
      {plan.ok && plan.issued.finalStatement !== undefined ? <FinalStatementPreview statement={plan.issued.finalStatement} currency={plan.result.currency} /> : null}
      {/* The workbook's problems as they stand now; after a refused Generate, titled so. */}
      {plan.ok ? null : (
        <ProblemList
          title={refused.length > 0 ? t("invoice.fixFirst") : t("invoice.fixToGenerate")}
          intent={refused.length > 0 ? "error" : "warning"}
          problems={plan.problems}
          onSelect={select}
        />
      )}
      {plan.ok ? <ProblemList title={t("invoice.checkBefore")} intent="warning" problems={plan.warnings} onSelect={select} /> : null}
      <ProblemList title={t("invoice.eInvoiceNotes")} intent="info" problems={eInvoiceNotes} onSelect={select} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={running !== undefined} onClick={() => void generate(false)}>
          {plan.ok
            ? t(draft ? "invoice.generateDraftNumbered" : final ? "invoice.generateFinalNumbered" : "invoice.generateInvoiceNumbered", { number: plan.number })
            : t(draft ? "invoice.generateDraft" : final ? "invoice.generateFinal" : "invoice.generateInvoice")}
        </Button>
        {nothingBilled ? (
          <Button disabled={running !== undefined} onClick={() => void generate(true)}>
            {t("invoice.zeroAnyway")}
          </Button>
        ) : null}
        {/* Beside Generate: the hours a consultant bills come in from the timesheet just before. */}
        <Button ref={importButton} aria-expanded={importing} aria-controls={importing ? "timesheet-import-panel" : undefined} onClick={() => setImporting((open) => !open)}>
          {t("invoice.importTimesheet")}
        </Button>
      </div>
      {importing ? (
        <div id="timesheet-import-panel">
          <Suspense fallback={<Spinner size="tiny" label={t("invoice.openingImport")} />}>
            <TimesheetImport
              host={host}
              timesheetSheet={snapshot.timesheet?.sheet}
              disabled={running !== undefined}
              refresh={refresh}
              announce={announce}
              onSelect={select}
              onClose={() => {
                setImporting(false);
                // The panel and the focus in it are gone: back to the button that opened it.
                importButton.current?.focus();
              }}
            />
          </Suspense>
        </div>
      ) : null}
      {running !== undefined ? (
        <div aria-busy="true">
          <ProgressBar aria-label={running} />
          <Text size={200}>{t("invoice.working")}</Text>
        </div>
      ) : null}
      {plan.ok ? <ProblemList title={t("invoice.fixFirst")} intent="error" problems={refused} onSelect={select} /> : null}
      <AdvanceInvoiceAction snapshot={snapshot} date={invoiceDate} busy={running !== undefined} onIssue={() => void advance()} />
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {latestInvoice === undefined ? null : (
        <div className={styles.credit} role="group" aria-label={t("invoice.cancelGroup")}>
          {crediting ? (
            <>
              <Text>{t("invoice.creditExplained", { number: latestInvoice })}</Text>
              <Field label={t("invoice.creditDate")} hint={creditDate === "" ? t("invoice.today") : undefined}>
                <Input type="date" min={DATE_RANGE.first} max={DATE_RANGE.last} value={creditDate} onChange={(_, data) => setCreditDate(data.value)} />
              </Field>
              <div className={styles.actions}>
                <Button appearance="primary" disabled={running !== undefined} onClick={() => void credit()}>
                  {t("invoice.issueCredit", { number: latestInvoice })}
                </Button>
                <Button disabled={running !== undefined} onClick={() => setCrediting(false)}>
                  {t("invoice.keepIt")}
                </Button>
              </div>
            </>
          ) : (
            <div>
              <Button disabled={running !== undefined} onClick={() => setCrediting(true)}>
                {t("invoice.creditCancel", { number: latestInvoice })}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function Preview({ plan }: { plan: Extract<PlanOutcome, { ok: true }> }) {
  const styles = useStyles();
  const { t, locale, language } = usePaneText();
  const { result, header } = plan;
  const money = (amount: string) => displayMoney(amount, result.currency, locale);
  const date = (iso: string) => displayDate(iso, { language, locale });
  const s = result.summary;
  type TotalKey = "invoice.completedToDate" | "invoice.retentionHeld" | "invoice.lessPrevious" | "invoice.lessAdvance" | "invoice.currentDue" | "invoice.tax";
  const totals: [TotalKey, string][] = [
    ["invoice.completedToDate", s.totalCompletedAndStoredToDate],
    ["invoice.retentionHeld", s.totalRetention],
    ["invoice.lessPrevious", s.previousCertificates],
    ...(Number(s.advanceRecovery) === 0 ? [] : [["invoice.lessAdvance", s.advanceRecovery] as [TotalKey, string]]),
    ["invoice.currentDue", s.currentPaymentDue],
    ["invoice.tax", s.tax],
  ];
  // Already in the tax: the VAT the advance invoice charged on the advance this invoice recovers.
  const advanceVat = addAmounts((result.advanceTaxDeducted ?? []).map((d) => d.tax));
  const lines = result.lines.slice(0, SHOWN_LINES);
  return (
    <>
      <Text size={200}>{t("invoice.period", { start: date(header.periodStart), end: date(header.periodEnd), date: date(header.invoiceDate) })}</Text>
      <table className={styles.table}>
        <caption className={styles.caption}>
          <Text weight="semibold">{t("invoice.byLine")}</Text>
        </caption>
        <thead>
          <tr>
            <th scope="col" className={`${styles.cell} ${styles.label}`}>{t("invoice.line")}</th>
            <th scope="col" className={`${styles.cell} ${styles.amount}`}>{t("invoice.thisPeriod")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row" className={`${styles.cell} ${styles.label}`}>
                {`${line.id} ${line.description}`}
              </th>
              <td className={`${styles.cell} ${styles.amount}`}>{money(addAmounts([line.thisPeriod, line.storedMaterials]))}</td>
            </tr>
          ))}
          {result.lines.length > lines.length ? (
            <tr>
              <td colSpan={2} className={styles.cell}>{t("invoice.moreLines", { count: result.lines.length - lines.length })}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <table className={styles.table}>
        <caption className={styles.caption}>
          <Text weight="semibold">{t("invoice.totals")}</Text>
        </caption>
        <tbody>
          {totals.map(([label, amount]) => (
            <tr key={label}>
              <th scope="row" className={`${styles.cell} ${styles.label}`}>{t(label)}</th>
              <td className={`${styles.cell} ${styles.amount}`}>{money(amount)}</td>
            </tr>
          ))}
          {advanceVat === "0" ? null : (
            <tr>
              <td colSpan={2} className={styles.cell}>
                <Text size={200}>{t("invoice.advanceVatDeducted", { amount: money(advanceVat) })}</Text>
              </td>
            </tr>
          )}
          <tr>
            <th scope="row" className={`${styles.cell} ${styles.label} ${styles.total}`}>{t("invoice.totalDue")}</th>
            <td className={`${styles.cell} ${styles.amount} ${styles.total}`} data-testid="preview-total-due">{money(s.totalDue)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
