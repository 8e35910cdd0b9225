import { Button, MessageBar, MessageBarActions, MessageBarBody, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import type { FinalStatement } from "../../core";
import { planAdvanceInvoice } from "../../workbook/plan-advance-invoice";
import type { PlanOutcome } from "../../workbook/plan-invoice";
import type { WorkbookSnapshot } from "../../workbook/port";
import { displayDate, displayMoney } from "../format";
import { usePaneText } from "../i18n/pane-text-context";

/**
 * The Invoice tab's controls for the advance and the final invoice (docs/decisions/0036): the
 * advance invoice to issue while the contract has an advance and no invoice in force yet, and the
 * final invoice's switch, suggested once every line is complete, never chosen for the person.
 */

const useStyles = makeStyles({
  group: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { padding: `${tokens.spacingVerticalXXS} 0`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: "top" },
  label: { textAlign: "left", fontWeight: tokens.fontWeightRegular },
  amount: { textAlign: "right", whiteSpace: "nowrap", paddingLeft: tokens.spacingHorizontalS },
  caption: { textAlign: "left", paddingBottom: tokens.spacingVerticalXS },
});

export interface AdvanceInvoiceActionProps {
  snapshot: WorkbookSnapshot;
  /** The date chosen on the tab (empty: today). */
  date: string;
  busy: boolean;
  onIssue: () => void;
}

/**
 * "Issue advance invoice", with what it will charge, shown only when the contract can have one
 * now: an Advance payment, no advance invoice in force and no progress invoice yet.
 */
export function AdvanceInvoiceAction({ snapshot, date, busy, onIssue }: AdvanceInvoiceActionProps) {
  const styles = useStyles();
  const { t, locale } = usePaneText();
  const plan = useMemo(() => planAdvanceInvoice(snapshot, date === "" ? {} : { date }), [snapshot, date]);
  if (!plan.ok) return null;
  const { result } = plan.issued;
  const money = (amount: string) => displayMoney(amount, result.currency, locale);
  return (
    <div className={styles.group} role="group" aria-label={t("advance.group")}>
      <Text>
        {t("advance.explained", {
          advance: money(result.summary.currentPaymentDue), number: plan.number, tax: money(result.summary.tax), total: money(result.summary.totalDue),
        })}
      </Text>
      <div>
        <Button disabled={busy} onClick={onIssue}>{t("advance.issue", { number: plan.number })}</Button>
      </div>
    </div>
  );
}

export interface FinalInvoiceSwitchProps {
  final: boolean;
  onChange: (final: boolean) => void;
  plan: PlanOutcome;
}

/** The final invoice's switch, and the suggestion when the invoice would complete every line. */
export function FinalInvoiceSwitch({ final, onChange, plan }: FinalInvoiceSwitchProps) {
  const { t } = usePaneText();
  return (
    <>
      <Switch checked={final} onChange={(_, data) => onChange(data.checked)} label={t("final.switch")} />
      {!final && plan.ok && plan.suggestFinal ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("final.suggested")}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => onChange(true)}>{t("final.makeFinal")}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
    </>
  );
}

/** A final invoice's statement in the preview: the contract, the partial invoices deducted, the balance due. */
export function FinalStatementPreview({ statement, currency }: { statement: FinalStatement; currency: string }) {
  const styles = useStyles();
  const { t, locale, language } = usePaneText();
  const money = (amount: string) => displayMoney(amount, currency, locale);
  const rows: [string, string][] = [
    [t("final.contractTotal"), statement.contractTotal],
    ...statement.preceding.map((p): [string, string] => [t("final.lessInvoice", { number: p.number, date: displayDate(p.invoiceDate, { language, locale }) }), p.total]),
    [t("final.balance"), statement.balance],
    [t("final.balanceDue"), statement.balanceDue],
  ];
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>
        <Text weight="semibold">{t("final.caption")}</Text>
      </caption>
      <tbody>
        {rows.map(([label, amount]) => (
          <tr key={label}>
            <th scope="row" className={`${styles.cell} ${styles.label}`}>{label}</th>
            <td className={`${styles.cell} ${styles.amount}`}>{money(amount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
