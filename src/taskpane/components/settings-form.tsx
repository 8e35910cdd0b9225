import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { type FormEvent, useMemo, useState } from "react";
import { DOCUMENT_LANGUAGES, DOCUMENT_LANGUAGE_NAMES, parseDocumentLanguage } from "../../i18n";
import { NAMES, type CellValue, type TableData } from "../../workbook/port";
import { settingsRows } from "../../workbook/sample";
import { DEFAULT_SETTINGS, INVOICE_TYPE_CODES, SETTINGS, type SettingsPlace, VAT_TREATMENTS, readSettings, settingWrites } from "../../workbook/settings";
import type { WorkbookPort } from "../../workbook/port";
import { percentText } from "../format";
import { usePaneText } from "../i18n/pane-text-context";
import { failureMessage } from "../messages";

type Spec = (typeof SETTINGS)[number];

/** The first setting of each group, and the group's heading. */
const GROUPS: Record<string, string> = {
  "Supplier name": "Supplier",
  "Client name": "Client",
  "Contract reference": "Contract",
  "Retention rate": "Retention",
  "Tax rate": "Tax",
  "Advance payment": "Advance payment",
  "Allow overbilling": "Payment and numbering",
  "Document language": "Documents",
};

/** Settings chosen from a list rather than typed. */
const CHOICES: Partial<Record<Spec["kind"], readonly string[]>> = {
  rounding: ["half-up", "half-even"],
  mode: ["whole", "marginal"],
  taxBase: ["period", "payment"],
  yesNo: ["no", "yes"],
  vatTreatment: VAT_TREATMENTS,
  // The settings table names a language in English, as it names everything else.
  language: DOCUMENT_LANGUAGES.map((language) => DOCUMENT_LANGUAGE_NAMES[language].english),
};

/** What the list shows for a choice: a language also by its own name ("German (Deutsch)"), so that a person finds their own. */
function choiceLabel(spec: Spec, choice: string): string {
  if (spec.kind !== "language") return choice;
  const parsed = parseDocumentLanguage(choice);
  if (!parsed.ok) return choice;
  const { english, own } = DOCUMENT_LANGUAGE_NAMES[parsed.language];
  return english === own ? english : `${english} (${own})`;
}

const choicesOf = (spec: Spec): readonly string[] | undefined =>
  spec.key === "E-invoice type code" ? INVOICE_TYPE_CODES : CHOICES[spec.kind];

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  group: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0,
    padding: `${tokens.spacingVerticalS} 0 0`, border: "none", borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS} 0 0` },
  actions: { position: "sticky", bottom: 0, padding: `${tokens.spacingVerticalS} 0`, backgroundColor: tokens.colorNeutralBackground1 },
});

/**
 * What the form shows of a settings cell: rates as percentages, blanks as empty, a language as
 * its English name however it was typed ("de", "Deutsch"), and blank as English, which it means.
 */
function textOf(spec: Spec, value: CellValue): string {
  if (spec.kind === "language") {
    const parsed = parseDocumentLanguage(value === null ? "en" : String(value));
    return parsed.ok ? DOCUMENT_LANGUAGE_NAMES[parsed.language].english : String(value);
  }
  if (value === null) return "";
  if (spec.kind === "rate") return percentText(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return choicesOf(spec) === undefined ? String(value) : String(value).toLowerCase();
}

/** What is written to the cell for what was typed: numbers as numbers; a percentage as typed, which Excel reads as a percentage. */
export function cellOf(spec: Spec, text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if ((spec.kind === "amount" || spec.kind === "whole") && /^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (spec.kind === "currency" || spec.kind === "country") return trimmed.toUpperCase();
  return trimmed;
}

/** The settings as the workbook holds them, with the defaults for what it lacks. */
export function settingsTexts(table: TableData | undefined): Record<string, string> {
  const held = new Map<string, CellValue>();
  for (const row of table?.values.slice(1) ?? []) {
    if (typeof row[0] === "string") held.set(row[0].trim().toLowerCase(), row[1] ?? null);
  }
  return Object.fromEntries(
    SETTINGS.map((spec) => [spec.key, textOf(spec, held.get(spec.key.toLowerCase()) ?? DEFAULT_SETTINGS[spec.key] ?? null)]),
  );
}

/** Checks the form by the same rules the workbook's settings are read with: each message by setting. */
export function validateSettings(texts: Record<string, string>): Map<string, string> {
  const table: TableData = {
    name: NAMES.settingsTable, sheet: NAMES.settingsSheet, top: 0, left: 0,
    values: [["Setting", "Value"], ...SETTINGS.map((spec) => [spec.key, cellOf(spec, texts[spec.key] ?? "")])],
  };
  const messages = new Map<string, string>();
  for (const problem of readSettings(table).problems) {
    // The problem's cell is the value's: row 2 holds the first setting.
    const row = Number(/\d+$/.exec(problem.cell ?? "")?.[0] ?? 0) - 2;
    const spec = SETTINGS[row];
    if (spec !== undefined && !messages.has(spec.key)) messages.set(spec.key, problem.message);
  }
  return messages;
}

export interface SettingsFormProps {
  workbook: WorkbookPort;
  /** The settings table as read, or undefined when the workbook has none yet. */
  table: TableData | undefined;
  place: SettingsPlace;
  onSaved: () => Promise<void>;
  announce: (text: string) => void;
}

/** Contract settings, checked as they are typed and saved to the workbook's settings table. */
export function SettingsForm({ workbook, table, place, onSaved, announce }: SettingsFormProps) {
  const styles = useStyles();
  const { t } = usePaneText();
  const saved = useMemo(() => settingsTexts(table), [table]);
  const [texts, setTexts] = useState(saved);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const messages = useMemo(() => validateSettings(texts), [texts]);
  const changed = SETTINGS.filter((spec) => texts[spec.key] !== saved[spec.key]);
  // What the workbook already holds is checked at once; what is typed, once it is typed.
  const shown = (key: string) => submitted || touched.has(key) || table !== undefined;

  const update = (key: string, value: string) => {
    setTexts((current) => ({ ...current, [key]: value }));
    setTouched((current) => new Set(current).add(key));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (messages.size > 0) {
      announce(`Not saved: ${messages.size === 1 ? "1 setting needs" : `${messages.size} settings need`} fixing.`);
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      const values = Object.fromEntries(SETTINGS.map((spec) => [spec.key, cellOf(spec, texts[spec.key] ?? "")]));
      if (table === undefined) {
        await workbook.writeSettings(settingsRows(values), true);
      } else {
        const edits = Object.fromEntries(changed.map((spec) => [spec.key, values[spec.key] ?? null]));
        await workbook.writeSettings(settingWrites(edits, place), false);
      }
      announce(`Contract settings saved to the ${NAMES.settingsSheet} sheet.`);
      await onSaved();
    } catch (caught) {
      setFailure(failureMessage(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const groups: { title: string; specs: Spec[] }[] = [];
  for (const spec of SETTINGS) {
    const title = GROUPS[spec.key];
    if (title !== undefined || groups.length === 0) groups.push({ title: title ?? "Settings", specs: [] });
    groups[groups.length - 1]?.specs.push(spec);
  }

  return (
    <form className={styles.form} onSubmit={(event) => void save(event)} noValidate aria-label="Contract settings">
      {groups.map((group) => (
        <fieldset key={group.title} className={styles.group}>
          <legend className={styles.legend}>{group.title}</legend>
          {group.specs.map((spec) => {
            const message = shown(spec.key) ? messages.get(spec.key) : undefined;
            const choices = choicesOf(spec);
            const value = texts[spec.key] ?? "";
            return (
              <Field
                key={spec.key}
                label={spec.key}
                hint={spec.help === "" ? undefined : spec.help}
                validationMessage={message}
                validationState={message === undefined ? "none" : "error"}
                required={spec.key === "Supplier name" || spec.key === "Client name"}
              >
                {choices === undefined ? (
                  <Input value={value} onChange={(_, data) => update(spec.key, data.value)} />
                ) : (
                  <Select value={value} onChange={(_, data) => update(spec.key, data.value)}>
                    {choices.includes(value) ? null : <option value={value}>{value}</option>}
                    {choices.map((choice) => (
                      <option key={choice} value={choice}>
                        {choiceLabel(spec, choice)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            );
          })}
        </fieldset>
      ))}
      {failure === undefined ? null : <Field validationMessage={`Not saved: ${failure}`} validationState="error" />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving || (table !== undefined && changed.length === 0)}>
          {table === undefined ? "Create contract settings" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
