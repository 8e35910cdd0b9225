import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { InvoiceReceivable } from "../../core";
import { DATE_RANGE, today } from "../../workbook/dates";
import { recordPayment } from "../../workbook/finances";
import { NAMES, PAYMENT_HEADERS } from "../../workbook/port";
import { type WorkbookProblem, problem } from "../../workbook/problems";
import { isUnpaid } from "../finance-status";
import { displayMoney } from "../format";
import type { PaneText } from "../i18n/pane-text";
import { usePaneText } from "../i18n/pane-text-context";
import type { PaneHost } from "../host/host";
import { failureMessage } from "../messages";
import { ProblemList } from "./problem-list";

const useStyles = makeStyles({
  form: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Amount and date side by side down to 320 px, one above the other below that.
  pair: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(130px, 1fr))", gap: tokens.spacingHorizontalS },
});

type PaymentField = "document" | "amount" | "date";

/** The field a refused payment's problem is about, by its code; the others are listed under the form. */
const FIELD_OF: Readonly<Record<string, PaymentField>> = {
  UNKNOWN_DOCUMENT: "document", CANCELLED_DOCUMENT: "document", CREDIT_NOTE_PAYMENT: "document",
  PAYMENT_BEFORE_INVOICE: "date", NOT_A_DATE: "date", DATE_OUT_OF_RANGE: "date",
  OVERPAID: "amount", REFUND_EXCEEDS_PAID: "amount", NOT_A_NUMBER: "amount", AMBIGUOUS_NUMBER: "amount",
  TOO_MANY_DECIMALS: "amount", AMOUNT_TOO_LARGE: "amount",
};

/** The decimal separator a person types in `locale`: "." in English, "," in German and French. */
function decimalSeparatorOf(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
}

/**
 * An amount as typed in the pane's locale ("1250,50" in German) as the decimal text the workbook
 * reads ("1250.50"), or what is wrong with it. No thousands separators, as the workbook's own
 * rule: "1.250" would be 1250 to a German and 1.25 to an Englishman.
 */
function readAmount(typed: string, separator: string, t: PaneText["t"]): { ok: true; amount: string } | { ok: false; problem: WorkbookProblem } {
  const text = typed.trim();
  if (text === "") return { ok: false, problem: problem("NOT_A_NUMBER", t("payment.enterAmount")) };
  const [whole = "", fraction = "", ...more] = text.replace(/^-/, "").split(separator);
  const digits = /^\d*$/;
  if (more.length > 0 || !digits.test(whole) || !digits.test(fraction) || whole + fraction === "") {
    const example = (amount: string) => amount.replace(".", separator);
    return { ok: false, problem: problem("NOT_A_NUMBER", t("payment.notAnAmount", { amount: text, example: example("1250.50"), refund: example("-1250.50") })) };
  }
  return { ok: true, amount: text.replace(separator, ".") };
}

/** What the Record payment form holds; kept by the Finances tab so that an invoice's own button can fill it. */
export interface PaymentForm {
  document: string;
  /** undefined: the document's outstanding, as prefilled. */
  amount: string | undefined;
  /** "": today. */
  date: string;
  reference: string;
  set: (change: Partial<Omit<PaymentForm, "set" | "choose" | "amountInput">>) => void;
  /** Fills the form for an invoice (its outstanding as the amount) and puts the cursor in the amount. */
  choose: (document: string) => void;
  amountInput: React.RefObject<HTMLInputElement | null>;
}

export function usePaymentForm(invoices: readonly InvoiceReceivable[]): PaymentForm {
  const [fields, setFields] = useState({ document: "", amount: undefined as string | undefined, date: "", reference: "" });
  const amountInput = useRef<HTMLInputElement>(null);
  // Until one is chosen: the oldest invoice the client still owes on, or else the latest.
  const document = fields.document !== "" ? fields.document : (invoices.find(isUnpaid) ?? invoices.at(-1))?.number ?? "";
  return {
    ...fields,
    document,
    amountInput,
    set: (change) => setFields((current) => ({ ...current, ...change })),
    choose: (chosen) => {
      setFields((current) => ({ ...current, document: chosen, amount: undefined }));
      amountInput.current?.focus();
    },
  };
}

export interface RecordPaymentFormProps {
  host: PaneHost;
  form: PaymentForm;
  /** The invoices in force as of today, with what is outstanding on each. */
  invoices: readonly InvoiceReceivable[];
  currency: string;
  refresh: () => Promise<void>;
  announce: (text: string) => void;
  onSelect: (sheet: string, cell: string) => void;
}

/** Record payment: one row into the Payments table, or the problems at their fields and nothing written. */
export function RecordPaymentForm({ host, form, invoices, currency, refresh, announce, onSelect }: RecordPaymentFormProps) {
  const styles = useStyles();
  const [running, setRunning] = useState(false);
  const [recorded, setRecorded] = useState<string>();
  const [refused, setRefused] = useState<WorkbookProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const { t, locale } = usePaneText();
  const money = (amount: string) => displayMoney(amount, currency, locale);
  const separator = decimalSeparatorOf(locale);
  const chosen = invoices.find((invoice) => invoice.number === form.document);
  // Prefilled as the person would type it: 22359,75 in German.
  const amount = form.amount ?? (chosen && isUnpaid(chosen) ? chosen.outstanding.replace(".", separator) : "");

  const refuse = (problems: WorkbookProblem[]) => {
    setRefused(problems);
    announce(t("invoice.nothingWritten", { count: problems.length }));
  };

  const submit = async () => {
    setRecorded(undefined);
    setRefused([]);
    setFailure(undefined);
    const read = readAmount(amount, separator, t);
    if (!read.ok) {
      refuse([read.problem]);
      return;
    }
    setRunning(true);
    try {
      const plan = await recordPayment(host.workbook, { document: form.document, amount: read.amount, date: form.date === "" ? today() : form.date, reference: form.reference.trim() }, { table: NAMES.milestones });
      if (plan.ok) {
        // The amount as written to the cell, not as typed.
        const written = plan.write.rows[0]?.[PAYMENT_HEADERS.indexOf("Amount")];
        const summary = t("payment.recorded", { amount: money(String(written)), number: plan.receivable.number, outstanding: money(plan.receivable.outstanding) });
        setRecorded(summary);
        announce(t("payment.recordedAnnouncement", { summary }));
        form.set({ amount: undefined, reference: "", date: "" });
      } else {
        refuse(plan.problems);
      }
    } catch (caught) {
      const message = failureMessage(caught, t);
      setFailure(message);
      announce(t("payment.failed", { reason: message }));
    } finally {
      setRunning(false);
      await refresh();
    }
  };

  const atField = (field: PaymentField) => {
    const messages = refused.filter((p) => p.cell === undefined && FIELD_OF[p.code] === field).map((p) => p.message);
    return messages.length === 0 ? {} : { validationState: "error" as const, validationMessage: messages.join(" ") };
  };
  const elsewhere = refused.filter((p) => p.cell !== undefined || FIELD_OF[p.code] === undefined);

  return (
    <form
      className={styles.form}
      aria-labelledby="record-payment"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Subtitle2 as="h3" id="record-payment">{t("payment.heading")}</Subtitle2>
      {recorded === undefined ? null : (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("payment.recordedTitle")}</MessageBarTitle>
            {recorded}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label={t("payment.invoice")} {...atField("document")}>
        <Select value={form.document} onChange={(_, data) => form.set({ document: data.value, amount: undefined })}>
          {invoices.map((invoice) => (
            <option key={invoice.number} value={invoice.number}>
              {t("payment.choice", { number: invoice.number, outstanding: money(invoice.outstanding) })}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.pair}>
        <Field label={t("payment.amount", { currency })} hint={t("payment.amountHint")} {...atField("amount")}>
          <Input ref={form.amountInput} inputMode="decimal" value={amount} onChange={(_, data) => form.set({ amount: data.value })} />
        </Field>
        <Field label={t("payment.date")} hint={form.date === "" ? t("invoice.today") : undefined} {...atField("date")}>
          <Input type="date" min={DATE_RANGE.first} max={DATE_RANGE.last} value={form.date === "" ? today() : form.date} onChange={(_, data) => form.set({ date: data.value })} />
        </Field>
      </div>
      <Field label={t("payment.reference")} hint={t("payment.referenceHint")}>
        <Input value={form.reference} onChange={(_, data) => form.set({ reference: data.value })} />
      </Field>
      <ProblemList title={t("invoice.fixFirst")} intent="error" problems={elsewhere} onSelect={onSelect} />
      {refused.length > 0 && elsewhere.length === 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t("payment.fixFields")}</MessageBarBody>
        </MessageBar>
      ) : null}
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={running || form.document === ""}>
          {running ? t("payment.recording") : t("payment.record")}
        </Button>
      </div>
    </form>
  );
}
