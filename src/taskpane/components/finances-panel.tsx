import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useMemo, useState } from "react";
import { type ContractFinances, Dec } from "../../core";
import type { LoggedInvoice } from "../../workbook/billing-log";
import { DATE_RANGE } from "../../workbook/dates";
import { type FinanceReadOutcome, readFinances } from "../../workbook/finances";
import { NAMES, type WorkbookSnapshot } from "../../workbook/port";
import { financeTimeline } from "../finance-timeline";
import { isAboveZero, isUnpaid, paymentStatus } from "../finance-status";
import { displayMoney, fractionText } from "../format";
import { usePaneText } from "../i18n/pane-text-context";
import type { PaneHost } from "../host/host";
import { failureMessage } from "../messages";
import { ProblemList } from "./problem-list";
import { RecordPaymentForm, usePaymentForm } from "./record-payment-form";

// The charts and their library load when the tab first shows them, not when the pane opens.
const FinanceCharts = lazy(() => import("./finance-charts"));

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, textAlign: "left", verticalAlign: "top",
    fontWeight: tokens.fontWeightRegular,
  },
  amount: { textAlign: "right", whiteSpace: "nowrap" },
  caption: { textAlign: "left", paddingBottom: tokens.spacingVerticalXS },
  strong: { fontWeight: tokens.fontWeightSemibold },
  // Foreground3 keeps the contrast of small text in the dark theme too (Foreground1 does not there).
  danger: { color: tokens.colorStatusDangerForeground3, fontWeight: tokens.fontWeightSemibold },
  note: { display: "block", color: tokens.colorNeutralForeground2 },
});

export interface FinancesPanelProps {
  host: PaneHost;
  snapshot: WorkbookSnapshot;
  /** The finances as of today, worked out once with the workbook's read. */
  today: FinanceReadOutcome;
  /** The invoices in force, oldest first: billed to date at each, for the chart over time. */
  history: LoggedInvoice[];
  refresh: () => Promise<void>;
  announce: (text: string) => void;
}

/** The contract's money after the invoice, as of a date: receivables, WIP and margin, charts, and Record payment. */
export function FinancesPanel({ host, snapshot, today, history, refresh, announce }: FinancesPanelProps) {
  const styles = useStyles();
  // "" is today: the figures read with the workbook serve, and none are worked out again.
  const [asOf, setAsOf] = useState("");
  const outcome = useMemo(() => (asOf === "" ? today : readFinances(snapshot, { table: NAMES.milestones, asOf })), [asOf, today, snapshot]);
  const timeline = useMemo(() => (outcome.ok ? financeTimeline(snapshot, history, outcome.finances) : undefined), [outcome, snapshot, history]);
  const payable = today.ok ? today.finances.invoices : [];
  const form = usePaymentForm(payable);
  const [failure, setFailure] = useState<string>();
  const { t } = usePaneText();
  const select = (sheet: string, cell: string) => void host.selectCell(sheet, cell).catch((e: unknown) => setFailure(failureMessage(e, t)));
  const unpaidToday = new Set(payable.filter(isUnpaid).map((invoice) => invoice.number));

  return (
    <section className={styles.panel} aria-labelledby="finances">
      <Subtitle2 as="h2" id="finances">
        Finances
      </Subtitle2>
      {outcome.ok && (outcome.contract !== "" || outcome.client !== "") ? (
        <Text size={200}>{[outcome.contract, outcome.client].filter((part) => part !== "").join(", ")}</Text>
      ) : null}
      <Field label="As of" hint={asOf === "" ? "Today" : undefined}>
        <Input
          type="date"
          min={DATE_RANGE.first}
          max={DATE_RANGE.last}
          value={asOf === "" ? (today.ok ? today.finances.asOf : "") : asOf}
          onChange={(_, data) => setAsOf(data.value)}
        />
      </Field>
      {outcome.ok ? (
        <>
          <ProblemList title="Check these" intent="warning" problems={outcome.warnings} onSelect={select} />
          <Figures finances={outcome.finances} />
          {timeline === undefined ? null : (
            <Suspense fallback={<Spinner size="tiny" label="Drawing the charts…" />}>
              <FinanceCharts finances={outcome.finances} timeline={timeline} />
            </Suspense>
          )}
          <Invoices finances={outcome.finances} payable={unpaidToday} onPay={form.choose} />
        </>
      ) : (
        <ProblemList title="Fix these to see the finances" intent="warning" problems={outcome.problems} onSelect={select} />
      )}
      {today.ok && payable.length > 0 ? (
        <RecordPaymentForm host={host} form={form} invoices={payable} currency={today.finances.currency} refresh={refresh} announce={announce} onSelect={select} />
      ) : null}
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** One row of a figures table: its label, its value, and whether it is a warning sign. */
type Row = [label: string, value: string, alarm?: boolean];

function Figures({ finances: f }: { finances: ContractFinances }) {
  const styles = useStyles();
  const { locale } = usePaneText();
  const money = (amount: string) => displayMoney(amount, f.currency, locale);
  const receivables: Row[] = [
    ["Invoiced to date (with tax)", money(f.invoicedToDate)],
    ["Paid", money(f.paidToDate)],
    ["Outstanding", money(f.outstanding)],
    ["Overdue", money(f.overdue), isAboveZero(f.overdue)],
    ["Retention held by the client", money(f.retentionHeld)],
    ["Advance not yet recovered", money(f.advanceOutstanding)],
  ];
  const work: Row[] = [
    ["Contract sum to date", money(f.contractSumToDate)],
    ["Billed to date (work, before retention)", money(f.billedToDate)],
    ...(f.estimatedCost === null ? [] : [["Estimated cost", money(f.estimatedCost)] as Row]),
    ["Cost to date", money(f.costToDate)],
    ...(f.percentCompleteByCost === null ? [] : [["Complete by cost", fractionText(f.percentCompleteByCost, locale)] as Row]),
    ...(f.earnedRevenue === null ? [] : [["Earned revenue", money(f.earnedRevenue)] as Row]),
    ...(f.overUnderBilling === null ? [] : [billingRow(f.overUnderBilling, money)]),
    ...(f.estimatedGrossProfit === null ? [] : [["Estimated gross profit", money(f.estimatedGrossProfit), new Dec(f.estimatedGrossProfit).isNeg()] as Row]),
    ...(f.estimatedMargin === null ? [] : [["Estimated margin", fractionText(f.estimatedMargin, locale), new Dec(f.estimatedMargin).isNeg()] as Row]),
    ...(f.grossProfitToDate === null ? [] : [["Gross profit to date", money(f.grossProfitToDate), new Dec(f.grossProfitToDate).isNeg()] as Row]),
  ];
  return (
    <>
      <FigureTable title={`Receivables as of ${f.asOf}`} rows={receivables} />
      <FigureTable title="Work in progress and margin" rows={work} />
      {f.estimatedCost === null ? (
        <Text size={200} className={styles.note}>
          Add an Estimated cost column to the milestone table (each line&apos;s cost at completion) to see the work earned by cost, over- or underbilling and the margin.
        </Text>
      ) : null}
    </>
  );
}

/** Over/under billing in words, as a WIP schedule says it: the sign alone is easy to misread. */
function billingRow(overUnder: string, money: (amount: string) => string): Row {
  const amount = new Dec(overUnder);
  if (amount.isZero()) return ["Billed as earned", money("0")];
  return amount.isPos() ? ["Overbilled (billed ahead of the work)", money(overUnder)] : ["Underbilled: invoice it", money(amount.abs().toString()), true];
}

function FigureTable({ title, rows }: { title: string; rows: Row[] }) {
  const styles = useStyles();
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>
        <Text weight="semibold">{title}</Text>
      </caption>
      <tbody>
        {rows.map(([label, value, alarm]) => (
          <tr key={label}>
            <th scope="row" className={styles.cell}>{label}</th>
            <td className={mergeClasses(styles.cell, styles.amount, alarm === true && styles.danger)}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The invoices in force as of the date, what is outstanding on each, and a Record payment button where the client still owes. */
function Invoices({ finances: f, payable, onPay }: { finances: ContractFinances; payable: ReadonlySet<string>; onPay: (number: string) => void }) {
  const styles = useStyles();
  const { locale } = usePaneText();
  if (f.invoices.length === 0) return <Text size={200}>{`No invoice dated on or before ${f.asOf}.`}</Text>;
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>
        <Text weight="semibold">Invoices</Text>
      </caption>
      <thead>
        <tr>
          <th scope="col" className={styles.cell}>Invoice</th>
          <th scope="col" className={mergeClasses(styles.cell, styles.amount)}>Outstanding</th>
          <th scope="col" className={styles.cell}>
            <span className={styles.note}>Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {f.invoices.map((invoice) => (
          <tr key={invoice.number}>
            <th scope="row" className={styles.cell}>
              <span className={styles.strong}>{invoice.number}</span>
              <span className={styles.note}>{`due ${invoice.dueDate}`}</span>
            </th>
            <td className={mergeClasses(styles.cell, styles.amount)}>
              {displayMoney(invoice.outstanding, f.currency, locale)}
              <span className={mergeClasses(styles.note, invoice.daysOverdue > 0 && styles.danger)}>{paymentStatus(invoice)}</span>
            </td>
            <td className={styles.cell}>
              {payable.has(invoice.number) ? (
                <Button size="small" aria-label={`Record payment for ${invoice.number}`} onClick={() => onPay(invoice.number)}>
                  Record payment
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
