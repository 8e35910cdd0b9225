import { Subtitle2, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type InvoiceReceivable, addAmounts } from "../../core";
import type { LoggedInvoice, LoggedKind } from "../../workbook/billing-log";
import type { FinanceReadOutcome } from "../../workbook/finances";
import { paymentStatus } from "../finance-status";
import { displayDate, displayMoney } from "../format";
import type { PaneKey } from "../i18n/pane-catalog";
import type { PaneText } from "../i18n/pane-text";
import { usePaneText } from "../i18n/pane-text-context";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXXS} 0`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, textAlign: "left" },
  amount: { textAlign: "right", whiteSpace: "nowrap" },
  status: { display: "block", color: tokens.colorNeutralForeground2 },
  overdue: { color: tokens.colorStatusDangerForeground3, fontWeight: tokens.fontWeightSemibold },
  figure: { margin: 0 },
  chart: { width: "100%", height: "auto", overflow: "visible" },
  bar: { fill: tokens.colorBrandBackground },
  sum: { stroke: tokens.colorNeutralForeground2, strokeWidth: 1.5, strokeDasharray: "4 3", fill: "none" },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground2, fontSize: "10px" },
});

/** An invoice's place in the project: billed to date (work completed and stored) against the contract sum. */
export interface Progress {
  number: string;
  billedToDate: string;
  contractSum: string;
}

export function progressOf(invoice: LoggedInvoice): Progress {
  // An advance invoice bills no work; its lines are the advance per VAT rate.
  if (invoice.kind === "advance invoice") return { number: invoice.number, billedToDate: "0", contractSum: invoice.contractSumToDate };
  return {
    number: invoice.number,
    billedToDate: addAmounts(invoice.lines.map((line) => line.completedAndStoredToDate)),
    contractSum: addAmounts(invoice.lines.map((line) => line.scheduledValue)),
  };
}

/** The name of each kind of the billing log's Kind column, as the pane shows it. */
const KIND_NAMES = {
  invoice: "history.kind.progress",
  "advance invoice": "history.kind.advance",
  "final invoice": "history.kind.final",
  "credit note": "history.kind.creditNote",
} as const satisfies Record<LoggedKind, PaneKey>;

export interface HistoryPanelProps {
  invoices: LoggedInvoice[];
  /** The finances as of today: each invoice's payment status and outstanding. */
  finances: FinanceReadOutcome;
}

/** The issued invoices, how far the project has been billed, and what the client has paid of each. */
export function HistoryPanel({ invoices, finances }: HistoryPanelProps) {
  const styles = useStyles();
  const { t, locale, language } = usePaneText();
  if (invoices.length === 0) {
    return (
      <section className={styles.panel} aria-labelledby="history">
        <Subtitle2 as="h2" id="history">{t("history.heading")}</Subtitle2>
        <Text>{t("history.empty")}</Text>
      </section>
    );
  }
  const currency = invoices[invoices.length - 1]?.currency ?? "USD";
  const money = (amount: string) => displayMoney(amount, currency, locale);
  const receivables = new Map<string, InvoiceReceivable>(finances.ok ? finances.finances.invoices.map((r) => [r.number, r]) : []);
  return (
    <section className={styles.panel} aria-labelledby="history">
      <Subtitle2 as="h2" id="history">{t("history.heading")}</Subtitle2>
      <ProgressChart progress={invoices.map(progressOf)} money={money} />
      <table className={styles.table}>
        <caption className={styles.cell}>
          <Text weight="semibold">{t("history.issued")}</Text>
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>{t("history.invoice")}</th>
            <th scope="col" className={styles.cell}>{t("history.periodEnd")}</th>
            <th scope="col" className={`${styles.cell} ${styles.amount}`}>{t("history.totalDue")}</th>
            <th scope="col" className={`${styles.cell} ${styles.amount}`}>{t("history.outstanding")}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.number}>
              <th scope="row" className={styles.cell}>
                {invoice.number}
                <span className={styles.status}>{t(KIND_NAMES[invoice.kind])}</span>
              </th>
              <td className={styles.cell}>{displayDate(invoice.periodEnd, { language, locale })}</td>
              <td className={`${styles.cell} ${styles.amount}`}>{money(invoice.totalDue)}</td>
              <Outstanding receivable={receivables.get(invoice.number)} money={money} t={t} />
            </tr>
          ))}
        </tbody>
      </table>
      {finances.ok ? null : <Text size={200}>{t("history.noStatus")}</Text>}
    </section>
  );
}

/** What the client still owes on an invoice, and its status in words; blank for an invoice dated after today. */
function Outstanding({ receivable, money, t }: { receivable: InvoiceReceivable | undefined; money: (amount: string) => string; t: PaneText["t"] }) {
  const styles = useStyles();
  if (receivable === undefined) return <td className={`${styles.cell} ${styles.amount}`} />;
  return (
    <td className={`${styles.cell} ${styles.amount}`}>
      {money(receivable.outstanding)}
      <span className={mergeClasses(styles.status, receivable.daysOverdue > 0 && styles.overdue)}>{paymentStatus(receivable, t)}</span>
    </td>
  );
}

const WIDTH = 280;
const HEIGHT = 120;
const TOP = 14;
const BOTTOM = 18;

/** Bars of billed to date per invoice under the contract sum's dashed line: a small inline chart. */
function ProgressChart({ progress, money }: { progress: Progress[]; money: (amount: string) => string }) {
  const styles = useStyles();
  const { t, locale } = usePaneText();
  const last = progress[progress.length - 1] as Progress;
  // Screen positions only: the amounts themselves stay decimal text.
  const top = Math.max(...progress.map((p) => Math.max(Number(p.contractSum), Number(p.billedToDate))), 1);
  const y = (amount: string) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - Number(amount) / top);
  const slot = WIDTH / progress.length;
  const barWidth = Math.min(36, slot * 0.6);
  const share = Number(last.contractSum) === 0 ? 0 : Number(last.billedToDate) / Number(last.contractSum);
  const sumPath = progress.map((p, i) => `${i === 0 ? "M" : "L"}${i * slot},${y(p.contractSum)} H${(i + 1) * slot}`).join(" ");
  const summary = t("history.progress", {
    billed: money(last.billedToDate),
    contractSum: money(last.contractSum),
    // A whole percentage, as a glance at the chart reads it: 38%, 38 %.
    share: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share),
    number: last.number,
  });
  return (
    <figure className={styles.figure}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={styles.chart} role="img" aria-label={summary}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className={styles.axis} />
        {progress.map((p, i) => (
          <g key={p.number}>
            <rect x={i * slot + (slot - barWidth) / 2} width={barWidth} y={y(p.billedToDate)} height={HEIGHT - BOTTOM - y(p.billedToDate)} className={styles.bar} />
            <text x={i * slot + slot / 2} y={HEIGHT - 5} textAnchor="middle" className={styles.label}>{p.number}</text>
          </g>
        ))}
        <path d={sumPath} className={styles.sum} />
        <text x={WIDTH} y={TOP - 4} textAnchor="end" className={styles.label}>{t("history.contractSum", { amount: money(last.contractSum) })}</text>
      </svg>
      <Text as="p" size={200} className={styles.figure}>{summary}</Text>
    </figure>
  );
}
