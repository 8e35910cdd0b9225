import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { ProjectMapping } from "../../core";
import { readCsvRows } from "../../import/timesheet-csv";
import { NAMES } from "../../workbook/port";
import { type TimesheetImportPlan, type TimesheetImportRequest, type UnmappedProject, importTimesheet } from "../../workbook/timesheet-import";
import type { PaneHost } from "../host/host";
import type { PaneText } from "../i18n/pane-text";
import { usePaneText } from "../i18n/pane-text-context";
import { failureMessage } from "../messages";
import { ProblemList } from "./problem-list";

const useStyles = makeStyles({
  panel: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0,
    paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0 },
  file: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  fileName: { overflowWrap: "anywhere", minWidth: 0 },
  mapping: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  // A line's description can be long: the choice stays within the pane, cut with an ellipsis.
  dropdown: { minWidth: 0, width: "100%" },
  option: { overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** File-line problems shown at most; a file refused for a wrong date format has one per row. */
const SHOWN_PROBLEMS = 50;

/** The file chosen: its name and its records (or its CSV syntax problems), read once when chosen. */
interface ChosenFile {
  name: string;
  csv: TimesheetImportRequest["csv"];
}

type Refusal = Extract<TimesheetImportPlan, { ok: false }>;

export interface TimesheetImportProps {
  host: PaneHost;
  /** The sheet of the workbook's Timesheet table, once it has one. */
  timesheetSheet: string | undefined;
  /** While the invoice is written, nothing is imported. */
  disabled: boolean;
  refresh: () => Promise<void>;
  announce: (text: string) => void;
  onSelect: (sheet: string, cell: string) => void;
  onClose: () => void;
}

/**
 * Import timesheet: a tool's CSV export into the Timesheet table, whole or not at all. A project
 * no mapping covers is offered the milestone lines to choose from; the choices go with the next
 * try and the workbook remembers them, so the next month's export imports in one click.
 */
export default function TimesheetImport({ host, timesheetSheet, disabled, refresh, announce, onSelect, onClose }: TimesheetImportProps) {
  const styles = useStyles();
  // The pane's language throughout; the tables' and sheets' names (Timesheet, Timesheet mapping) are the workbook's own, so values in it.
  const text = usePaneText();
  const { t } = text;
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<ChosenFile>();
  const [dayFirst, setDayFirst] = useState(false);
  const [running, setRunning] = useState(false);
  const [imported, setImported] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  /**
   * The projects of this file asked about so far: their lines go with every try until one is
   * imported, even after a refusal for another reason (which lists no project, as all are mapped).
   */
  const [asked, setAsked] = useState<UnmappedProject[]>([]);
  /** The line chosen for each project asked about (and task), by mappingKey. */
  const [choices, setChoices] = useState<Record<string, string>>({});
  /** Set when Import was clicked with a project left without a line: its field says so. */
  const [incomplete, setIncomplete] = useState(false);
  const [failure, setFailure] = useState<string>();

  const choose = async (file: File) => {
    setImported(undefined);
    setRefusal(undefined);
    setAsked([]);
    setChoices({});
    setIncomplete(false);
    setFailure(undefined);
    try {
      setChosen({ name: file.name, csv: readCsvRows(await file.text()) });
    } catch (caught) {
      setChosen(undefined);
      // The browser's words (NotReadableError) would not help a person; the console keeps them for whoever diagnoses it.
      console.error(caught);
      setFailure(t("timesheet.unreadable", { file: file.name }));
    }
  };

  const run = async () => {
    if (chosen === undefined) return;
    const mappings = asked.map((project): ProjectMapping | undefined => {
      const line = choices[mappingKey(project)];
      return line === undefined ? undefined : { project: project.project, ...(project.task === "" ? {} : { task: project.task }), line };
    });
    if (mappings.some((mapping) => mapping === undefined)) {
      setIncomplete(true);
      announce(t("timesheet.chooseEachFirst"));
      return;
    }
    setRunning(true);
    setImported(undefined);
    setFailure(undefined);
    try {
      const request: TimesheetImportRequest = {
        csv: chosen.csv, fileName: chosen.name, mappings: mappings.filter((mapping) => mapping !== undefined),
        dateOrder: dayFirst ? "day-first" : "month-first",
      };
      const plan = await importTimesheet(host.workbook, request, { table: NAMES.milestones });
      if (plan.ok) {
        const outcome = importedText(chosen.name, plan, text);
        setImported(outcome);
        setRefusal(undefined);
        setAsked([]);
        setChoices({});
        setIncomplete(false);
        announce(outcome);
      } else {
        setRefusal(plan);
        const known = new Set(asked.map(mappingKey));
        setAsked([...asked, ...plan.unmapped.filter((project) => !known.has(mappingKey(project)))]);
        announce(plan.unmapped.length > 0 ? t("timesheet.refusedUnmapped", { count: plan.unmapped.length }) : t("timesheet.refusedProblems", { count: plan.problems.length }));
      }
    } catch (caught) {
      const message = failureMessage(caught, t);
      setFailure(message);
      announce(t("timesheet.failed", { reason: message }));
    } finally {
      setRunning(false);
      await refresh();
    }
  };

  // The projects to map are asked for above; their rows' problems would only repeat it.
  const problems = (refusal?.problems ?? []).filter((p) => p.code !== "UNMAPPED_PROJECT" || refusal?.unmapped.length === 0);
  const shown = problems.slice(0, SHOWN_PROBLEMS);

  return (
    <section className={styles.panel} aria-labelledby="timesheet-import">
      <Subtitle2 as="h3" id="timesheet-import" className={styles.title}>
        {t("timesheet.heading")}
      </Subtitle2>
      <Text size={200}>{t("timesheet.explained", { table: NAMES.timesheetTable })}</Text>
      <div className={styles.file}>
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          hidden
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Cleared, so that choosing the same file again after fixing it reads it again.
            event.currentTarget.value = "";
            if (file !== undefined) void choose(file);
          }}
        />
        <Button disabled={running} onClick={() => input.current?.click()}>
          {chosen === undefined ? t("timesheet.chooseFile") : t("timesheet.chooseAnother")}
        </Button>
        {chosen === undefined ? null : <Text className={styles.fileName} weight="semibold">{chosen.name}</Text>}
      </div>
      <Checkbox checked={dayFirst} onChange={(_, data) => setDayFirst(data.checked === true)} label={t("timesheet.dayFirst")} />
      {asked.length > 0 && refusal !== undefined ? (
        <div className={styles.mapping} role="group" aria-labelledby="timesheet-mapping">
          <Text weight="semibold" id="timesheet-mapping">
            {t("timesheet.mappingQuestion")}
          </Text>
          <Text size={200}>{t("timesheet.mappingKept", { sheet: NAMES.mappingSheet })}</Text>
          {asked.map((project) => {
            const key = mappingKey(project);
            const line = refusal.lines.find((candidate) => candidate.id === choices[key]);
            return (
              <Field
                key={key}
                label={project.task === "" ? project.project : `${project.project} / ${project.task}`}
                hint={t("timesheet.rows", { count: project.rows, hours: hoursText(project.hours, text) })}
                {...(incomplete && line === undefined ? { validationState: "error" as const, validationMessage: t("timesheet.lineMissing") } : {})}
              >
                <Dropdown
                  className={styles.dropdown}
                  placeholder={t("timesheet.chooseLine")}
                  value={line === undefined ? "" : lineText(line)}
                  selectedOptions={line === undefined ? [] : [line.id]}
                  onOptionSelect={(_, data) => {
                    const id = data.optionValue;
                    if (id !== undefined) setChoices((current) => ({ ...current, [key]: id }));
                  }}
                >
                  {refusal.lines.map((candidate) => (
                    <Option key={candidate.id} value={candidate.id} text={lineText(candidate)} className={styles.option}>
                      {lineText(candidate)}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            );
          })}
        </div>
      ) : null}
      <ProblemList title={t("timesheet.fixFirst")} intent="error" problems={shown} onSelect={onSelect} />
      {problems.length > shown.length ? <Text size={200}>{t("timesheet.moreProblems", { count: problems.length - shown.length })}</Text> : null}
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {imported === undefined ? null : (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("timesheet.importedTitle")}</MessageBarTitle>
            {imported}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void host.showSheet(timesheetSheet ?? NAMES.timesheetSheet).catch((e: unknown) => setFailure(failureMessage(e, t)))}>
              {t("invoice.openSheet")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {running ? <ProgressBar aria-label={t("timesheet.importing")} /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={chosen === undefined || running || disabled} onClick={() => void run()}>
          {chosen === undefined ? t("timesheet.import") : t("timesheet.importFile", { file: chosen.name })}
        </Button>
        <Button disabled={running} onClick={onClose}>
          {t("timesheet.close")}
        </Button>
      </div>
    </section>
  );
}

function mappingKey(project: UnmappedProject): string {
  return `${project.project}\u0000${project.task}`;
}

function lineText(line: { id: string; description: string }): string {
  return line.description === "" ? line.id : `${line.id} — ${line.description}`;
}

/** Hours as a person writes them in the pane's locale, with their unit: "120.5 h", "120,5 h", never 120.50. */
function hoursText(hours: string, { t, locale }: PaneText): string {
  // Display only: the file's hours have six decimals at most, which survive the trip through a double.
  return t("timesheet.hours", { hours: new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(Number(hours)) });
}

/** What an import did, in a sentence or two: "Imported 124 entries from harvest.csv (Harvest): L1 120.5 h, L2 3 h; 3 already in the Timesheet table." */
function importedText(fileName: string, plan: Extract<TimesheetImportPlan, { ok: true }>, text: PaneText): string {
  const { t } = text;
  const source = `${fileName} (${plan.formatName})`;
  const table = NAMES.timesheetTable;
  if (plan.imported.length === 0) {
    return plan.skipped === 0 ? t("timesheet.noEntries", { source }) : t("timesheet.nothingNew", { source, count: plan.skipped, table });
  }
  const byLine = plan.byLine.map((line) => `${line.line} ${hoursText(line.hours, text)}`).join(", ");
  const imported =
    plan.skipped === 0
      ? t("timesheet.imported", { count: plan.imported.length, source, byLine })
      : t("timesheet.importedSkipped", { count: plan.imported.length, source, byLine, skipped: t("timesheet.skipped", { count: plan.skipped, table }) });
  return plan.mapped.length > 0 ? `${imported} ${t("timesheet.mappingRemembered", { sheet: NAMES.mappingSheet })}` : imported;
}
