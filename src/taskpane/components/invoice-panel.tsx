import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { type BillingResult, type IssuedInvoice, addAmounts } from "../../core";
import type { ExportFormat } from "../../export/exporter";
import { generateInvoice } from "../../workbook/generate-invoice";
import type { PlanOutcome } from "../../workbook/plan-invoice";
import type { WorkbookProblem } from "../../workbook/problems";
import { displayMoney } from "../format";
import type { PaneHost } from "../host/host";
import { ExportButtons } from "./export-buttons";
import { ProblemList } from "./problem-list";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { padding: `${tokens.spacingVerticalXXS} 0`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: "top" },
  amount: { textAlign: "right", whiteSpace: "nowrap", paddingLeft: tokens.spacingHorizontalS },
  label: { textAlign: "left", fontWeight: tokens.fontWeightRegular },
  total: { fontWeight: tokens.fontWeightSemibold },
  caption: { textAlign: "left", paddingBottom: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Lines shown in the preview; the sheet has them all. */
const SHOWN_LINES = 50;

export interface Generated {
  number: string;
  sheet: string;
  result: BillingResult;
  issued: IssuedInvoice;
}

export interface InvoicePanelProps {
  host: PaneHost;
  plan: PlanOutcome;
  /** Reads the workbook again after writing to it. */
  refresh: () => Promise<void>;
  /** Says something to a screen reader. */
  announce: (text: string) => void;
  /** Loads the exporter of a format; apart so its code loads only when asked for. */
  exportInvoice: (format: ExportFormat, issued: IssuedInvoice) => Promise<void>;
}

/** The next invoice as Generate would write it, the button that writes it, and the outcome. */
export function InvoicePanel({ host, plan, refresh, announce, exportInvoice }: InvoicePanelProps) {
  const styles = useStyles();
  const [running, setRunning] = useState(false);
  const [generated, setGenerated] = useState<Generated>();
  const [refused, setRefused] = useState<WorkbookProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const select = (sheet: string, cell: string) => void host.selectCell(sheet, cell).catch((e: unknown) => setFailure(messageOf(e)));

  const generate = async () => {
    setRunning(true);
    setGenerated(undefined);
    setRefused([]);
    setFailure(undefined);
    try {
      const outcome = await generateInvoice(host.workbook);
      if (outcome.ok) {
        setGenerated(outcome);
        announce(`${outcome.number} issued. Amount due ${displayMoney(outcome.result.summary.totalDue, outcome.result.currency)}.`);
      } else {
        setRefused(outcome.problems);
        announce(`Nothing was written: ${problemCount(outcome.problems.length)} to fix.`);
      }
    } catch (caught) {
      setFailure(messageOf(caught));
      announce(`Generate failed: ${messageOf(caught)}`);
    } finally {
      setRunning(false);
      await refresh();
    }
  };

  return (
    <section className={styles.panel} aria-labelledby="next-invoice">
      {/* The outcome first: right after issuing, the next invoice usually cannot be billed yet. */}
      {generated ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${generated.number} issued`}</MessageBarTitle>
            {`Amount due ${displayMoney(generated.result.summary.totalDue, generated.result.currency)}, written to the sheet ${generated.sheet} and the billing log.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void host.showSheet(generated.sheet).catch((e: unknown) => setFailure(messageOf(e)))}>
              Open sheet
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {generated ? <ExportButtons number={generated.number} onExport={(format) => exportInvoice(format, generated.issued)} /> : null}
      <Subtitle2 as="h2" id="next-invoice">
        {plan.ok ? `Next invoice: ${plan.number}` : "Next invoice"}
      </Subtitle2>
      {plan.ok ? <Preview plan={plan} /> : null}
      {/* The workbook's problems as they stand now; after a refused Generate, titled so. */}
      {plan.ok ? null : (
        <ProblemList
          title={refused.length > 0 ? "Nothing was written: fix these first" : "Fix these to generate the invoice"}
          intent={refused.length > 0 ? "error" : "warning"}
          problems={plan.problems}
          onSelect={select}
        />
      )}
      {plan.ok ? <ProblemList title="Check before you generate" intent="warning" problems={plan.warnings} onSelect={select} /> : null}
      <div>
        <Button appearance="primary" disabled={running} onClick={() => void generate()}>
          {plan.ok ? `Generate invoice ${plan.number}` : "Generate invoice"}
        </Button>
      </div>
      {running ? (
        <div aria-busy="true">
          <ProgressBar aria-label="Generating the invoice" />
          <Text size={200}>Reading the table, writing the invoice sheet and the billing log…</Text>
        </div>
      ) : null}
      {plan.ok ? <ProblemList title="Nothing was written: fix these first" intent="error" problems={refused} onSelect={select} /> : null}
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function Preview({ plan }: { plan: Extract<PlanOutcome, { ok: true }> }) {
  const styles = useStyles();
  const { result, header } = plan;
  const money = (amount: string) => displayMoney(amount, result.currency);
  const s = result.summary;
  const totals: [string, string][] = [
    ["Completed and stored to date", s.totalCompletedAndStoredToDate],
    ["Retention held", s.totalRetention],
    ["Less previous invoices", s.previousCertificates],
    ...(Number(s.advanceRecovery) === 0 ? [] : [["Less advance recovery", s.advanceRecovery] as [string, string]]),
    ["Current payment due", s.currentPaymentDue],
    ["Tax", s.tax],
  ];
  const lines = result.lines.slice(0, SHOWN_LINES);
  return (
    <>
      <Text size={200}>{`Period ${header.periodStart} to ${header.periodEnd}, dated ${header.invoiceDate}.`}</Text>
      <table className={styles.table}>
        <caption className={styles.caption}>
          <Text weight="semibold">This period, by line</Text>
        </caption>
        <thead>
          <tr>
            <th scope="col" className={`${styles.cell} ${styles.label}`}>Line</th>
            <th scope="col" className={`${styles.cell} ${styles.amount}`}>This period</th>
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
              <td colSpan={2} className={styles.cell}>{`and ${result.lines.length - lines.length} more lines on the sheet`}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <table className={styles.table}>
        <caption className={styles.caption}>
          <Text weight="semibold">Totals</Text>
        </caption>
        <tbody>
          {totals.map(([label, amount]) => (
            <tr key={label}>
              <th scope="row" className={`${styles.cell} ${styles.label}`}>{label}</th>
              <td className={`${styles.cell} ${styles.amount}`}>{money(amount)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className={`${styles.cell} ${styles.label} ${styles.total}`}>Total due</th>
            <td className={`${styles.cell} ${styles.amount} ${styles.total}`} data-testid="preview-total-due">{money(s.totalDue)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

export function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}

function problemCount(n: number): string {
  return n === 1 ? "1 problem" : `${n} problems`;
}
