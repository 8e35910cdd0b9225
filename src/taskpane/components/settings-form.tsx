import { Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { type FormEvent, useMemo, useState } from "react";
import { DOCUMENT_LANGUAGES, DOCUMENT_LANGUAGE_NAMES, type DocumentLanguage, parseDocumentLanguage } from "../../i18n";
import { NAMES, type CellValue, type TableData } from "../../workbook/port";
import { settingsRows } from "../../workbook/sample";
import { DEFAULT_SETTINGS, INVOICE_TYPE_CODES, SETTINGS, type SettingsPlace, VAT_TREATMENTS, readSettings, settingWrites } from "../../workbook/settings";
import type { WorkbookPort } from "../../workbook/port";
import { percentText } from "../format";
import type { PaneKey } from "../i18n/pane-catalog";
import type { PaneText } from "../i18n/pane-text";
import { usePaneText } from "../i18n/pane-text-context";
import { failureMessage } from "../messages";

type Spec = (typeof SETTINGS)[number];

type GroupKey = Extract<PaneKey, `contract.group.${string}`>;
type ChoiceKey = Extract<PaneKey, `contract.choice.${string}`>;

/** The first setting of each group, and the group's heading. */
const GROUPS: Readonly<Record<string, GroupKey>> = {
  "Supplier name": "contract.group.supplier",
  "Client name": "contract.group.client",
  "Contract reference": "contract.group.contract",
  "Retention rate": "contract.group.retention",
  "Tax rate": "contract.group.tax",
  "Advance payment": "contract.group.advance",
  "Allow overbilling": "contract.group.payment",
  "Document language": "contract.group.documents",
};

/**
 * Settings the table holds after their group (a new setting is appended, so that no setting's row
 * moves: see SETTINGS), and the setting the form shows each after, in its group.
 */
const SHOWN_AFTER: Readonly<Record<string, string>> = { "Late payment interest": "Payment terms" };
const SHOWN: readonly Spec[] = SETTINGS
  .filter((spec) => SHOWN_AFTER[spec.key] === undefined)
  .flatMap((spec) => [spec, ...SETTINGS.filter((moved) => SHOWN_AFTER[moved.key] === spec.key)]);

const VAT_TREATMENT_LABELS: Readonly<Record<(typeof VAT_TREATMENTS)[number], ChoiceKey>> = {
  standard: "contract.choice.standard",
  "reverse charge": "contract.choice.reverseCharge",
  exempt: "contract.choice.exempt",
  "zero-rated": "contract.choice.zeroRated",
  export: "contract.choice.export",
};

/**
 * Settings chosen from a list rather than typed: each choice as the cell holds it, in English
 * whatever the pane's language (the workbook reads it so), and the key of what the list shows.
 */
const CHOICES: Partial<Record<Spec["kind"], readonly (readonly [string, ChoiceKey])[]>> = {
  rounding: [["half-up", "contract.choice.halfUp"], ["half-even", "contract.choice.halfEven"]],
  mode: [["whole", "contract.choice.whole"], ["marginal", "contract.choice.marginal"]],
  taxBase: [["period", "contract.choice.period"], ["payment", "contract.choice.payment"]],
  yesNo: [["no", "contract.choice.no"], ["yes", "contract.choice.yes"]],
  vatTreatment: VAT_TREATMENTS.map((treatment) => [treatment, VAT_TREATMENT_LABELS[treatment]]),
};

const listed = (spec: Spec): boolean => spec.key === "E-invoice type code" || spec.kind === "language" || CHOICES[spec.kind] !== undefined;

interface Choice {
  /** What the cell is written. */
  value: string;
  /** What the list shows. */
  label: string;
}

/**
 * A document language as the list shows it: by its name in the pane's language (Intl's, CLDR's
 * names) and, unless that is the same, by its own ("Französisch (Français)"), so that a person
 * finds their own language whatever the pane's. The name is capitalised as it starts a list
 * item, as CLDR's context transforms do for a menu, which Intl.DisplayNames does not apply
 * ("allemand" becomes "Allemand").
 */
function languageLabel(language: DocumentLanguage, names: Intl.DisplayNames, locale: string): string {
  const name = names.of(language) ?? language;
  const shown = name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  const { own } = DOCUMENT_LANGUAGE_NAMES[language];
  return shown.toLocaleLowerCase(language) === own.toLocaleLowerCase(language) ? own : `${shown} (${own})`;
}

/** The choices of a setting chosen from a list, in the pane's language; undefined for a setting typed. */
function choicesOf(spec: Spec, text: PaneText): readonly Choice[] | undefined {
  if (spec.key === "E-invoice type code") return INVOICE_TYPE_CODES.map((code) => ({ value: code, label: code }));
  if (spec.kind === "language") {
    const names = new Intl.DisplayNames([text.locale], { type: "language" });
    // The settings table names a language in English, as it names everything else.
    return DOCUMENT_LANGUAGES.map((language) => ({ value: DOCUMENT_LANGUAGE_NAMES[language].english, label: languageLabel(language, names, text.locale) }));
  }
  return CHOICES[spec.kind]?.map(([value, key]) => ({ value, label: text.t(key) }));
}

/**
 * A setting's label and help in the pane's language, by its name in the settings table
 * ("contract.setting.Retention rate"). SETTINGS names its settings as plain strings, so the
 * compiler cannot hold the catalogs to them: test/taskpane/settings-form-language.test.tsx does,
 * every setting in every language.
 */
const labelOf = (spec: Spec, text: PaneText): string => text.t(`contract.setting.${spec.key}` as Extract<PaneKey, `contract.setting.${string}`>);

/**
 * What the field says under its label: its help, none where SETTINGS gives none, and in a language
 * other than English the setting's English name, which the settings table and the workbook's
 * problems use, so that a person finds the cell a problem names.
 */
function hintOf(spec: Spec, text: PaneText): string | undefined {
  const help = spec.help === "" ? [] : [text.t(`contract.help.${spec.key}` as Extract<PaneKey, `contract.help.${string}`>)];
  const tableName = text.language === "en" ? [] : [text.t("contract.tableName", { name: spec.key })];
  const hint = [...help, ...tableName].join(" ");
  return hint === "" ? undefined : hint;
}

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
  return listed(spec) ? String(value).toLowerCase() : String(value);
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
  const text = usePaneText();
  const { t } = text;
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
      announce(t("contract.needsFixing", { count: messages.size }));
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
      announce(t("contract.saved", { sheet: NAMES.settingsSheet }));
      await onSaved();
    } catch (caught) {
      setFailure(failureMessage(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const groups: { title: string; specs: Spec[] }[] = [];
  for (const spec of SHOWN) {
    const title = GROUPS[spec.key];
    if (title !== undefined || groups.length === 0) groups.push({ title: t(title ?? "contract.group.settings"), specs: [] });
    groups[groups.length - 1]?.specs.push(spec);
  }

  return (
    <form className={styles.form} onSubmit={(event) => void save(event)} noValidate aria-label={t("contract.form")}>
      {groups.map((group) => (
        <fieldset key={group.title} className={styles.group}>
          <legend className={styles.legend}>{group.title}</legend>
          {group.specs.map((spec) => {
            const message = shown(spec.key) ? messages.get(spec.key) : undefined;
            const choices = choicesOf(spec, text);
            const value = texts[spec.key] ?? "";
            return (
              <Field
                key={spec.key}
                label={labelOf(spec, text)}
                hint={hintOf(spec, text)}
                validationMessage={message}
                validationState={message === undefined ? "none" : "error"}
                required={spec.key === "Supplier name" || spec.key === "Client name"}
              >
                {choices === undefined ? (
                  <Input value={value} onChange={(_, data) => update(spec.key, data.value)} />
                ) : (
                  <Select value={value} onChange={(_, data) => update(spec.key, data.value)}>
                    {choices.some((choice) => choice.value === value) ? null : <option value={value}>{value}</option>}
                    {choices.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            );
          })}
        </fieldset>
      ))}
      {failure === undefined ? null : <Field validationMessage={t("contract.notSaved", { reason: failure })} validationState="error" />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving || (table !== undefined && changed.length === 0)}>
          {t(table === undefined ? "contract.create" : "contract.save")}
        </Button>
      </div>
    </form>
  );
}
