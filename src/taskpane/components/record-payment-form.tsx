import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { InvoiceReceivable } from "../../core";
import { DATE_RANGE, today } from "../../workbook/dates";
import { recordPayment } from "../../workbook/finances";
import { NAMES, PAYMENT_HEADERS } from "../../workbook/port";
import type { WorkbookProblem } from "../../workbook/problems";
import { isUnpaid } from "../finance-status";
import { displayMoney } from "../format";
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
  const chosen = invoices.find((invoice) => invoice.number === form.document);
  const amount = form.amount ?? (chosen && isUnpaid(chosen) ? chosen.outstanding : "");

  const submit = async () => {
    setRunning(true);
    setRecorded(undefined);
    setRefused([]);
    setFailure(undefined);
    try {
      const plan = await recordPayment(host.workbook, { document: form.document, amount: amount.trim(), date: form.date === "" ? today() : form.date, reference: form.reference.trim() }, { table: NAMES.milestones });
      if (plan.ok) {
        // The amount as written to the cell, whatever the separators typed.
        const written = plan.write.rows[0]?.[PAYMENT_HEADERS.indexOf("Amount")];
        const text = `${money(String(written))} recorded against ${plan.receivable.number}. Outstanding on it now ${money(plan.receivable.outstanding)}.`;
        setRecorded(text);
        announce(`Payment recorded: ${text}`);
        form.set({ amount: undefined, reference: "", date: "" });
      } else {
        setRefused(plan.problems);
        announce(`Nothing was written: ${plan.problems.length === 1 ? "1 problem" : `${plan.problems.length} problems`} to fix.`);
      }
    } catch (caught) {
      const message = failureMessage(caught, t);
      setFailure(message);
      announce(`Recording the payment failed: ${message}`);
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
      <Subtitle2 as="h3" id="record-payment">Record payment</Subtitle2>
      {recorded === undefined ? null : (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Payment recorded</MessageBarTitle>
            {recorded}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Invoice" {...atField("document")}>
        <Select value={form.document} onChange={(_, data) => form.set({ document: data.value, amount: undefined })}>
          {invoices.map((invoice) => (
            <option key={invoice.number} value={invoice.number}>
              {`${invoice.number}: ${money(invoice.outstanding)} outstanding`}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.pair}>
        <Field label={`Amount (${currency})`} hint="A refund is negative." {...atField("amount")}>
          <Input ref={form.amountInput} inputMode="decimal" value={amount} onChange={(_, data) => form.set({ amount: data.value })} />
        </Field>
        <Field label="Payment date" hint={form.date === "" ? "Today" : undefined} {...atField("date")}>
          <Input type="date" min={DATE_RANGE.first} max={DATE_RANGE.last} value={form.date === "" ? today() : form.date} onChange={(_, data) => form.set({ date: data.value })} />
        </Field>
      </div>
      <Field label="Reference" hint="The bank's reference or the client's remittance, for finding it later.">
        <Input value={form.reference} onChange={(_, data) => form.set({ reference: data.value })} />
      </Field>
      <ProblemList title="Nothing was written: fix these first" intent="error" problems={elsewhere} onSelect={onSelect} />
      {refused.length > 0 && elsewhere.length === 0 ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>Nothing was written: fix the fields marked above.</MessageBarBody>
        </MessageBar>
      ) : null}
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={running || form.document === ""}>
          {running ? "Recording…" : "Record payment"}
        </Button>
      </div>
    </form>
  );
}
