import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useMemo, useState } from "react";
import { type ContractFinances, Dec } from "../../core";
import type { LoggedInvoice } from "../../workbook/billing-log";
import { DATE_RANGE } from "../../workbook/dates";
import { type FinanceReadOutcome, readFinances } from "../../workbook/finances";
import { NAMES, type WorkbookSnapshot } from "../../workbook/port";
import { financeTimeline } from "../finance-timeline";
import { isAboveZero, isUnpaid, paymentStatus } from "../finance-status";
import { displayDate, displayMoney, fractionText } from "../format";
import type { PaneText } from "../i18n/pane-text";
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
        {t("finances.heading")}
      </Subtitle2>
      {outcome.ok && (outcome.contract !== "" || outcome.client !== "") ? (
        <Text size={200}>{[outcome.contract, outcome.client].filter((part) => part !== "").join(", ")}</Text>
      ) : null}
      <Field label={t("finances.asOf")} hint={asOf === "" ? t("finances.today") : undefined}>
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
          <ProblemList title={t("finances.checkThese")} intent="warning" problems={outcome.warnings} onSelect={select} />
          <Figures finances={outcome.finances} />
          {timeline === undefined ? null : (
            <Suspense fallback={<Spinner size="tiny" label={t("finances.drawingCharts")} />}>
              <FinanceCharts finances={outcome.finances} timeline={timeline} />
            </Suspense>
          )}
          <Invoices finances={outcome.finances} payable={unpaidToday} onPay={form.choose} />
        </>
      ) : (
        <ProblemList title={t("finances.fixToSee")} intent="warning" problems={outcome.problems} onSelect={select} />
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
  const { t, locale, language } = usePaneText();
  const money = (amount: string) => displayMoney(amount, f.currency, locale);
  const receivables: Row[] = [
    [t("finances.invoicedToDate"), money(f.invoicedToDate)],
    [t("finances.paid"), money(f.paidToDate)],
    [t("finances.outstanding"), money(f.outstanding)],
    [t("finances.overdue"), money(f.overdue), isAboveZero(f.overdue)],
    [t("finances.retentionHeld"), money(f.retentionHeld)],
    [t("finances.advanceOutstanding"), money(f.advanceOutstanding)],
  ];
  const work: Row[] = [
    [t("finances.contractSumToDate"), money(f.contractSumToDate)],
    [t("finances.billedToDate"), money(f.billedToDate)],
    ...(f.estimatedCost === null ? [] : [[t("finances.estimatedCost"), money(f.estimatedCost)] as Row]),
    [t("finances.costToDate"), money(f.costToDate)],
    ...(f.percentCompleteByCost === null ? [] : [[t("finances.completeByCost"), fractionText(f.percentCompleteByCost, locale)] as Row]),
    ...(f.earnedRevenue === null ? [] : [[t("finances.earnedRevenue"), money(f.earnedRevenue)] as Row]),
    ...(f.overUnderBilling === null ? [] : [billingRow(f.overUnderBilling, money, t)]),
    ...(f.estimatedGrossProfit === null ? [] : [[t("finances.estimatedGrossProfit"), money(f.estimatedGrossProfit), new Dec(f.estimatedGrossProfit).isNeg()] as Row]),
    ...(f.estimatedMargin === null ? [] : [[t("finances.estimatedMargin"), fractionText(f.estimatedMargin, locale), new Dec(f.estimatedMargin).isNeg()] as Row]),
    ...(f.grossProfitToDate === null ? [] : [[t("finances.grossProfitToDate"), money(f.grossProfitToDate), new Dec(f.grossProfitToDate).isNeg()] as Row]),
  ];
  return (
    <>
      <FigureTable title={t("finances.receivables", { date: displayDate(f.asOf, { language, locale }) })} rows={receivables} />
      <FigureTable title={t("finances.work")} rows={work} />
      {f.estimatedCost === null ? (
        <Text size={200} className={styles.note}>
          {t("finances.addEstimatedCost")}
        </Text>
      ) : null}
    </>
  );
}

/** Over/under billing in words, as a WIP schedule says it: the sign alone is easy to misread. */
function billingRow(overUnder: string, money: (amount: string) => string, t: PaneText["t"]): Row {
  const amount = new Dec(overUnder);
  if (amount.isZero()) return [t("finances.billedAsEarned"), money("0")];
  return amount.isPos() ? [t("finances.overbilled"), money(overUnder)] : [t("finances.underbilled"), money(amount.abs().toString()), true];
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
  const text = usePaneText();
  const { t, locale } = text;
  const date = (iso: string) => displayDate(iso, text);
  if (f.invoices.length === 0) return <Text size={200}>{t("finances.noInvoice", { date: date(f.asOf) })}</Text>;
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>
        <Text weight="semibold">{t("finances.invoices")}</Text>
      </caption>
      <thead>
        <tr>
          <th scope="col" className={styles.cell}>{t("finances.invoice")}</th>
          <th scope="col" className={mergeClasses(styles.cell, styles.amount)}>{t("finances.outstanding")}</th>
          <th scope="col" className={styles.cell}>
            <span className={styles.note}>{t("finances.action")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {f.invoices.map((invoice) => (
          <tr key={invoice.number}>
            <th scope="row" className={styles.cell}>
              <span className={styles.strong}>{invoice.number}</span>
              <span className={styles.note}>{t("finances.due", { date: date(invoice.dueDate) })}</span>
            </th>
            <td className={mergeClasses(styles.cell, styles.amount)}>
              {displayMoney(invoice.outstanding, f.currency, locale)}
              <span className={mergeClasses(styles.note, invoice.daysOverdue > 0 && styles.danger)}>{paymentStatus(invoice, t)}</span>
            </td>
            <td className={styles.cell}>
              {payable.has(invoice.number) ? (
                <Button size="small" aria-label={t("finances.recordPaymentFor", { number: invoice.number })} onClick={() => onPay(invoice.number)}>
                  {t("finances.recordPayment")}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
