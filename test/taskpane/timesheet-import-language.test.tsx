/**
 * Import timesheet in the pane's language: the English test's Harvest export into the sample
 * billed from a timesheet, in a German and a French Excel. Every word of the panel is the pane's
 * language and its hours are in the locale's format; the bad rows the workbook layer reports stay
 * English; and the rows written to the workbook are the English test's.
 */
import { fireEvent, getDefaultNormalizer, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { serialToIso } from "../../src/workbook/dates";
import { findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { sampleWorkbook, setMilestone } from "../workbook/helpers";

const TODAY = new Date("2026-12-02T12:00:00Z");
// Each test clicks through reads and writes; on a loaded machine that takes more than jest's 5 s.
jest.setTimeout(60_000);

beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => jest.useRealTimers());

const HEADER = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,Last Name,Roles";
/** November's hours on the data migration, as in test/taskpane/timesheet-import.test.tsx. */
const NOVEMBER = [
  "11/03/2026,Contoso Logistics,ERP migration,ERP,Data migration,Mapping workshop,6,Yes,No,Ana,Silva,Analyst",
  "11/10/2026,Contoso Logistics,ERP migration,ERP,Data migration,Load scripts,7.5,Yes,No,Ben,Okafor,Analyst",
  '11/17/2026,Contoso Logistics,ERP migration,ERP,Data migration,"Load test, second run",3.25,Yes,No,Ben,Okafor,Analyst',
];
/** The same export a week later: November's three entries again, and one more. */
const LATER = [...NOVEMBER, "11/24/2026,Contoso Logistics,ERP migration,ERP,Data migration,Cut-over rehearsal,1.5,Yes,No,Ben,Okafor,Analyst"];
/** A row whose date and hours do not read. */
const BAD = "11/31/2026,Contoso Logistics,ERP migration,ERP,Data migration,Review,two,Yes,No,Ana,Silva,Analyst";
const csv = (rows: string[]) => [HEADER, ...rows].join("\r\n");

/** The rows of the Timesheet table the English test's import writes, and the later export's one more. */
const WRITTEN = [
  ["2026-11-03", "Ana Silva", "Analyst", "T1", 6, "Yes", "Mapping workshop"],
  ["2026-11-10", "Ben Okafor", "Analyst", "T1", 7.5, "Yes", "Load scripts"],
  ["2026-11-17", "Ben Okafor", "Analyst", "T1", 3.25, "Yes", "Load test, second run"],
];
const WRITTEN_LATER = [...WRITTEN, ["2026-11-24", "Ben Okafor", "Analyst", "T1", 1.5, "Yes", "Cut-over rehearsal"]];

/** What a language's pane says, each text as a person reads it. */
interface Words {
  tag: string;
  invoiceDate: string;
  periodEnd: string;
  periodShown: RegExp;
  openImport: string;
  heading: string;
  explained: string;
  chooseFile: string;
  chooseAnother: string;
  dayFirst: string;
  import: string;
  importFile: (name: string) => string;
  fixFirst: string;
  refusedProblems: string;
  mappingQuestion: string;
  chooseLine: string;
  rows: string;
  refusedUnmapped: string;
  lineMissing: string;
  importedTitle: string;
  imported: string;
  openSheet: string;
  /** T1's amount this period in the preview, once the 16.75 hours are imported. */
  billed: string;
  importedSkipped: string;
  nothingNew: string;
  close: string;
}

/** Text matched as written: the default matching would read French's no-break spaces as plain ones. */
const AS_WRITTEN = { normalizer: getDefaultNormalizer({ collapseWhitespace: false }) };

// A no-break space, as French sets before a colon and a semicolon and between a figure and the euro; a narrow one groups its thousands.
const NBSP = "\u00a0";

const GERMAN: Words = {
  tag: "de-DE",
  invoiceDate: "Rechnungsdatum",
  periodEnd: "Ende des Leistungszeitraums",
  periodShown: /bis 30\.11\.2026, Rechnungsdatum 30\.11\.2026\.$/,
  openImport: "Stundenzettel importieren",
  heading: "Stundenzettel importieren",
  explained: "Ein CSV-Export des Detailberichts aus Harvest, Toggl Track, Clockify oder Kimai. Seine Stunden kommen in die Tabelle Timesheet; Einträge, die dort schon stehen, werden nicht erneut hinzugefügt, und solange etwas in der Datei fehlerhaft ist, wird nichts importiert.",
  chooseFile: "CSV-Datei auswählen…",
  chooseAnother: "Andere Datei auswählen…",
  dayFirst: "Datumsangaben mit dem Tag zuerst (31/03/2027)",
  import: "Importieren",
  importFile: (name) => `${name} importieren`,
  fixFirst: "Es wurde nichts importiert: Beheben Sie zuerst diese Punkte",
  refusedProblems: "Es wurde nichts importiert: 2 Probleme zu beheben.",
  mappingQuestion: "Welcher Vertragsposition werden diese Stunden zugeordnet?",
  chooseLine: "Position auswählen",
  rows: "3 Zeilen, 16,75 h",
  refusedUnmapped: "Es wurde nichts importiert: Wählen Sie eine Position für 1 Projekt.",
  lineMissing: "Wählen Sie die Position, der die Stunden zugeordnet werden.",
  importedTitle: "Stundenzettel importiert",
  imported: "3 Einträge aus harvest-2026-11.csv (Harvest) importiert: T1 16,75 h. Die Zuordnung wird auf dem Arbeitsblatt Timesheet mapping gespeichert.",
  openSheet: "Blatt öffnen",
  billed: `1.956,25${NBSP}€`,
  importedSkipped: "1 Eintrag aus harvest-2026-11b.csv (Harvest) importiert: T1 1,5 h; 3 bereits in der Tabelle Timesheet.",
  nothingNew: "Nichts Neues in harvest-2026-11b.csv (Harvest): Alle 4 Einträge stehen bereits in der Tabelle Timesheet.",
  close: "Schließen",
};

const FRENCH: Words = {
  tag: "fr-FR",
  invoiceDate: "Date de facture",
  periodEnd: "Fin de la période",
  periodShown: /au 30\/11\/2026, datée du 30\/11\/2026\.$/,
  openImport: "Importer une feuille de temps",
  heading: "Importer une feuille de temps",
  explained: `Un export CSV du rapport détaillé de Harvest, Toggl Track, Clockify ou Kimai. Ses heures vont dans la table Timesheet${NBSP}; les saisies qui y figurent déjà ne sont pas ajoutées de nouveau, et rien n’est importé tant qu’un élément du fichier est incorrect.`,
  chooseFile: "Choisir un fichier CSV…",
  chooseAnother: "Choisir un autre fichier…",
  dayFirst: "Dates avec le jour en premier (31/03/2027)",
  import: "Importer",
  importFile: (name) => `Importer ${name}`,
  fixFirst: `Rien n’a été importé${NBSP}: corrigez d’abord ces points`,
  refusedProblems: `Rien n’a été importé${NBSP}: 2 problèmes à corriger.`,
  mappingQuestion: `À quelle ligne du contrat ces heures se rapportent-elles${NBSP}?`,
  chooseLine: "Choisir une ligne",
  rows: "3 lignes, 16,75 h",
  refusedUnmapped: `Rien n’a été importé${NBSP}: choisissez une ligne pour 1 projet.`,
  lineMissing: "Choisissez la ligne à laquelle vont ses heures.",
  importedTitle: "Feuille de temps importée",
  imported: `3 saisies importées depuis harvest-2026-11.csv (Harvest)${NBSP}: T1 16,75 h. La correspondance est conservée dans la feuille Timesheet mapping.`,
  openSheet: "Ouvrir la feuille",
  billed: `1\u202f956,25${NBSP}€`,
  importedSkipped: `1 saisie importée depuis harvest-2026-11b.csv (Harvest)${NBSP}: T1 1,5 h${NBSP}; 3 déjà dans la table Timesheet.`,
  nothingNew: `Rien de nouveau dans harvest-2026-11b.csv (Harvest)${NBSP}: ses 4 saisies figurent déjà dans la table Timesheet.`,
  close: "Fermer",
};

/** The sample with T1 billed from the timesheet (its typed hours and rate cleared, and the English test's Rates table), in Office's `tag`. */
async function timesheetContract(tag: string): Promise<MemoryHost> {
  const workbook = await sampleWorkbook();
  setMilestone(workbook.state, "T1", "Hours to date", null);
  setMilestone(workbook.state, "T1", "Hourly rate", null);
  await workbook.createMilestoneTable(NAMES.ratesTable, "Rates", [
    ["Role", "Person", "Rate", "Per", "Valid from"],
    ["Analyst", null, 115, "hour", null],
    [null, "Ana Silva", 120, "hour", null],
  ]);
  return new MemoryHost(workbook, tag);
}

/** The Timesheet table's rows below its header: date, person, role, line, hours, billable, note. */
function timesheetRows(host: MemoryHost) {
  const table = findTable(host.memory.state, NAMES.timesheetTable);
  if (table === undefined) return undefined;
  return tableValues(host.memory.state, table).slice(1).map((row) => [serialToIso(Number(row[0])), ...row.slice(1, 5), row[6], row[7]]);
}

/** The preview's amount this period for a line, by its id. */
const thisPeriod = (id: string) => screen.getByRole("rowheader", { name: new RegExp(`^${id} `) }).parentElement?.querySelector("td")?.textContent;

describe.each([GERMAN, FRENCH])("Import timesheet in $tag", (words) => {
  it("speaks the pane's language from the file picker to the import, and writes the English test's rows", async () => {
    const host = await timesheetContract(words.tag);
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
    render(<App host={host} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
    fireEvent.change(await screen.findByLabelText(words.invoiceDate), { target: { value: "2026-11-30" } });
    fireEvent.change(screen.getByLabelText(words.periodEnd), { target: { value: "2026-11-30" } });
    await screen.findByText(words.periodShown);
    await user.click(screen.getByRole("button", { name: words.openImport }));

    const panel = await screen.findByRole("region", { name: words.heading });
    expect(within(panel).getByRole("heading", { name: words.heading })).toBeInTheDocument();
    expect(within(panel).getByText(words.explained, AS_WRITTEN)).toBeInTheDocument();
    expect(within(panel).getByRole("checkbox", { name: words.dayFirst })).not.toBeChecked();
    const input = panel.querySelector<HTMLInputElement>("input[type=file]");
    if (input === null) throw new Error("no file input");
    const choose = async (name: string, text: string) => {
      fireEvent.change(input, { target: { files: [new File([text], name, { type: "text/csv" })] } });
      return within(panel).findByRole("button", { name: words.importFile(name) });
    };
    expect(within(panel).getByRole("button", { name: words.chooseFile })).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: words.import })).toBeDisabled();

    // November's export: its project is asked about, its hours in the locale's format.
    const importNovember = await choose("harvest-2026-11.csv", csv(NOVEMBER));
    expect(within(panel).getByRole("button", { name: words.chooseAnother })).toBeInTheDocument();
    await user.click(importNovember);
    const mapping = await within(panel).findByRole("group", { name: words.mappingQuestion });
    const choice = within(mapping).getByRole("combobox", { name: "ERP migration / Data migration" });
    expect(choice).toHaveTextContent(words.chooseLine);
    expect(within(mapping).getByText(words.rows, AS_WRITTEN)).toBeInTheDocument();
    expect(screen.getByRole("status").textContent).toBe(words.refusedUnmapped);

    await user.click(importNovember);
    expect(within(panel).getByText(words.lineMissing, AS_WRITTEN)).toBeInTheDocument();
    await user.click(choice);
    await user.click(screen.getByRole("option", { name: "T1 — Data migration support (time and materials, capped)" }));
    await user.click(importNovember);

    expect(await within(panel).findByText(words.imported, AS_WRITTEN)).toBeInTheDocument();
    expect(within(panel).getByText(words.importedTitle, AS_WRITTEN)).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: words.openSheet })).toBeInTheDocument();
    expect(screen.getByRole("status").textContent).toBe(words.imported);
    expect(timesheetRows(host)).toEqual(WRITTEN);
    // The English test's €1,956.25, in the locale's format.
    await waitFor(() => expect(thisPeriod("T1")).toBe(words.billed));

    // A file with a bad row: the panel's words are the pane's, the row's problems the workbook layer's English.
    await user.click(await choose("harvest-bad.csv", csv([BAD])));
    expect(await within(panel).findByText(words.fixFirst, AS_WRITTEN)).toBeInTheDocument();
    expect(within(panel).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Line 2: "11\/31\/2026" is not a date/),
      expect.stringMatching(/^Line 2: the duration must be a number, not "two"/),
    ]);
    expect(screen.getByRole("status").textContent).toBe(words.refusedProblems);
    expect(timesheetRows(host)).toEqual(WRITTEN);

    // The export a week later: the mapping is remembered, and only the new entry is added, once.
    const importLater = await choose("harvest-2026-11b.csv", csv(LATER));
    await user.click(importLater);
    expect(await within(panel).findByText(words.importedSkipped, AS_WRITTEN)).toBeInTheDocument();
    expect(within(panel).queryByRole("combobox")).not.toBeInTheDocument();
    await user.click(importLater);
    expect(await within(panel).findByText(words.nothingNew, AS_WRITTEN)).toBeInTheDocument();
    expect(timesheetRows(host)).toEqual(WRITTEN_LATER);

    await user.click(within(panel).getByRole("button", { name: words.close }));
    expect(screen.queryByRole("region", { name: words.heading })).not.toBeInTheDocument();
  });
});
