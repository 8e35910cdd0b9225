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
import { Dec, type ProjectMapping } from "../../core";
import { readCsvRows } from "../../import/timesheet-csv";
import { NAMES } from "../../workbook/port";
import { type TimesheetImportPlan, type TimesheetImportRequest, type UnmappedProject, importTimesheet } from "../../workbook/timesheet-import";
import type { PaneHost } from "../host/host";
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
  // The panel's own words are English yet; the failure sentence the pane shares is in its language.
  const { t } = usePaneText();
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
      setFailure(`${file.name} could not be read. Check that the file is still there, then choose it again.`);
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
      announce("Choose a line for each project first.");
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
        const text = importedText(chosen.name, plan);
        setImported(text);
        setRefusal(undefined);
        setAsked([]);
        setChoices({});
        setIncomplete(false);
        announce(text);
      } else {
        setRefusal(plan);
        const known = new Set(asked.map(mappingKey));
        setAsked([...asked, ...plan.unmapped.filter((project) => !known.has(mappingKey(project)))]);
        announce(plan.unmapped.length > 0 ? `Nothing was imported: choose a line for ${count(plan.unmapped.length, "project")}.` : `Nothing was imported: ${count(plan.problems.length, "problem")} to fix.`);
      }
    } catch (caught) {
      const message = failureMessage(caught, t);
      setFailure(message);
      announce(`Importing the timesheet failed: ${message}`);
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
        Import timesheet
      </Subtitle2>
      <Text size={200}>
        A detailed-report CSV export of Harvest, Toggl Track, Clockify or Kimai. Its hours go into the Timesheet table; entries already there are not added again, and nothing is imported while anything in the file is wrong.
      </Text>
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
          {chosen === undefined ? "Choose CSV file…" : "Choose another file…"}
        </Button>
        {chosen === undefined ? null : <Text className={styles.fileName} weight="semibold">{chosen.name}</Text>}
      </div>
      <Checkbox checked={dayFirst} onChange={(_, data) => setDayFirst(data.checked === true)} label="Dates are day first (31/03/2027)" />
      {asked.length > 0 && refusal !== undefined ? (
        <div className={styles.mapping} role="group" aria-labelledby="timesheet-mapping">
          <Text weight="semibold" id="timesheet-mapping">
            Which line of the contract do these hours go to?
          </Text>
          <Text size={200}>{`Interim keeps your choice on the ${NAMES.mappingSheet} sheet for the next import.`}</Text>
          {asked.map((project) => {
            const key = mappingKey(project);
            const line = refusal.lines.find((candidate) => candidate.id === choices[key]);
            return (
              <Field
                key={key}
                label={project.task === "" ? project.project : `${project.project} / ${project.task}`}
                hint={`${count(project.rows, "row")}, ${hoursText(project.hours)} h`}
                {...(incomplete && line === undefined ? { validationState: "error" as const, validationMessage: "Choose the line its hours go to." } : {})}
              >
                <Dropdown
                  className={styles.dropdown}
                  placeholder="Choose a line"
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
      <ProblemList title="Nothing was imported: fix these first" intent="error" problems={shown} onSelect={onSelect} />
      {problems.length > shown.length ? <Text size={200}>{`and ${problems.length - shown.length} more of the same file`}</Text> : null}
      {failure === undefined ? null : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      )}
      {imported === undefined ? null : (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Timesheet imported</MessageBarTitle>
            {imported}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void host.showSheet(timesheetSheet ?? NAMES.timesheetSheet).catch((e: unknown) => setFailure(failureMessage(e, t)))}>
              Open sheet
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {running ? <ProgressBar aria-label="Importing the timesheet" /> : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={chosen === undefined || running || disabled} onClick={() => void run()}>
          {chosen === undefined ? "Import" : `Import ${chosen.name}`}
        </Button>
        <Button disabled={running} onClick={onClose}>
          Close
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

/** Hours as a person writes them: 120.5, not 120.50. */
function hoursText(hours: string): string {
  return new Dec(hours).toFixed();
}

function count(n: number, noun: string): string {
  if (noun === "entry") return n === 1 ? "1 entry" : `${n} entries`;
  return n === 1 ? `1 ${noun}` : `${n} ${noun}s`;
}

/** What an import did, in one sentence: "Imported 124 entries from harvest.csv (Harvest): L1 120.5 h, L2 3 h; 3 already in the Timesheet table." */
function importedText(fileName: string, plan: Extract<TimesheetImportPlan, { ok: true }>): string {
  const source = `${fileName} (${plan.formatName})`;
  const remembered = plan.mapped.length > 0 ? ` The mapping is kept on the ${NAMES.mappingSheet} sheet.` : "";
  if (plan.imported.length === 0) {
    return plan.skipped === 0 ? `${source} holds no entries.` : `Nothing new in ${source}: its ${count(plan.skipped, "entry")} ${plan.skipped === 1 ? "is" : "are"} in the Timesheet table already.`;
  }
  const byLine = plan.byLine.map((line) => `${line.line} ${hoursText(line.hours)} h`).join(", ");
  const skipped = plan.skipped === 0 ? "" : `; ${plan.skipped} already in the Timesheet table`;
  return `Imported ${count(plan.imported.length, "entry")} from ${source}: ${byLine}${skipped}.${remembered}`;
}
