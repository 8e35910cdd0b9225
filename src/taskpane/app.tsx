import {
  Button,
  Card,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  Title2,
  makeStaticStyles,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { useCallback, useState } from "react";
import type { IssuedInvoice } from "../core";
import type { ExportFormat } from "../export/exporter";
import { NAMES } from "../workbook/port";
import { type SampleOptions, insertSample } from "../workbook/sample";
import { FinancesPanel } from "./components/finances-panel";
import { HistoryPanel } from "./components/history-panel";
import { InvoicePanel } from "./components/invoice-panel";
import { SettingsForm } from "./components/settings-form";
import type { Delivery, PaneHost } from "./host/host";
import { failureMessage } from "./messages";
import { useWorkbook } from "./use-workbook";

const useBaseStyles = makeStaticStyles({ body: { margin: 0 } });

// No class on the FluentProvider: Fluent copies it onto the nodes that hold a dropdown's list
// (portals, laid over the page), where a min-height or a background would cover the pane.
const useStyles = makeStyles({
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    maxWidth: "640px",
  },
  title: { margin: 0 },
  welcome: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  sampleButtons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
  hidden: {
    position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap",
  },
});

type PanelName = "invoice" | "contract" | "history" | "finances";

const PANELS: [PanelName, string][] = [
  ["invoice", "Invoice"],
  ["contract", "Contract"],
  ["history", "History"],
  ["finances", "Finances"],
];

export interface AppProps {
  host: PaneHost;
  /** Follow Office's dark theme (or the browser's, in the preview). */
  dark: boolean;
  /** Exports an issued invoice or credit note; replaceable so tests need not load the exporters. */
  exportInvoice: (host: PaneHost, format: ExportFormat, issued: IssuedInvoice) => Promise<Delivery>;
}

export function App({ host, dark, exportInvoice }: AppProps) {
  useBaseStyles();
  const styles = useStyles();
  const { view, error, refresh } = useWorkbook(host);
  const [panel, setPanel] = useState<PanelName>("invoice");
  // Once shown, the Finances tab stays mounted like the others, keeping a half-typed payment.
  const [financesShown, setFinancesShown] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [inserting, setInserting] = useState(false);
  const [insertFailure, setInsertFailure] = useState<string>();
  const announce = useCallback((text: string) => setAnnouncement(text), []);

  const insert = async (options: SampleOptions) => {
    if (view === undefined) return;
    setInserting(true);
    setInsertFailure(undefined);
    try {
      // A workbook with its own settings or log keeps them: only what it lacks is added.
      await insertSample(host.workbook, options);
      announce(`Sample milestone table inserted on the ${NAMES.milestones} sheet${options.timesheet === true ? `, with a ${NAMES.ratesTable} table: import a timesheet to bill T1` : ""}.`);
      await refresh();
      await host.showSheet(NAMES.milestones);
    } catch (caught) {
      setInsertFailure(failureMessage(caught));
    } finally {
      setInserting(false);
    }
  };

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.main} aria-labelledby="app-title">
        <Title2 as="h1" id="app-title" className={styles.title}>
          Interim
        </Title2>
        {error === undefined ? null : (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{`Cannot read the workbook: ${error}`}</MessageBarBody>
          </MessageBar>
        )}
        {view === undefined ? (
          error === undefined ? <Spinner size="small" label="Reading the workbook…" /> : null
        ) : (
          <>
            {view.snapshot.milestones === undefined ? (
              <Card className={styles.welcome}>
                <Text as="p">
                  Interim turns the milestone table of this workbook into progress invoices: the work done since the last
                  invoice, less retention, plus tax, numbered and logged.
                </Text>
                <Text as="p">
                  {`To try it in a minute, insert a sample IT-services contract: milestones, a change order and licences at another tax rate. Billed from a timesheet, its time-and-materials line T1 takes its hours from the time tracker exports you import.`}
                </Text>
                <div className={styles.sampleButtons}>
                  <Button appearance="primary" disabled={inserting} onClick={() => void insert({})}>
                    Insert sample milestone table
                  </Button>
                  <Button disabled={inserting} onClick={() => void insert({ timesheet: true })}>
                    Insert sample billed from a timesheet
                  </Button>
                </div>
                {insertFailure === undefined ? null : (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>{`The sample was not inserted: ${insertFailure}`}</MessageBarBody>
                  </MessageBar>
                )}
              </Card>
            ) : null}
            <TabList
              className={styles.tabs}
              selectedValue={panel}
              onTabSelect={(_, data) => {
                setPanel(data.value as PanelName);
                if (data.value === "finances") setFinancesShown(true);
              }}
              aria-label="Interim"
            >
              {PANELS.map(([name, label]) => (
                <Tab key={name} value={name} id={`tab-${name}`} aria-controls={`panel-${name}`}>
                  {label}
                </Tab>
              ))}
            </TabList>
            {/* Panels stay mounted while hidden, so a result or a half-typed form survives a look at another tab. */}
            <div role="tabpanel" id="panel-invoice" aria-labelledby="tab-invoice" hidden={panel !== "invoice"}>
              <InvoicePanel
                host={host}
                snapshot={view.snapshot}
                latestInvoice={view.history.at(-1)?.number}
                refresh={refresh}
                announce={announce}
                exportInvoice={(format, issued) => exportInvoice(host, format, issued)}
              />
            </div>
            <div role="tabpanel" id="panel-contract" aria-labelledby="tab-contract" hidden={panel !== "contract"}>
              <SettingsForm
                key={JSON.stringify(view.snapshot.settings?.values ?? null)}
                workbook={host.workbook}
                table={view.snapshot.settings}
                place={view.settings.place}
                onSaved={refresh}
                announce={announce}
              />
            </div>
            <div role="tabpanel" id="panel-history" aria-labelledby="tab-history" hidden={panel !== "history"}>
              <HistoryPanel invoices={view.history} finances={view.finances} />
            </div>
            <div role="tabpanel" id="panel-finances" aria-labelledby="tab-finances" hidden={panel !== "finances"}>
              {/* Mounted when first shown: its charts load their library then, not when the pane opens. */}
              {financesShown ? (
                <FinancesPanel host={host} snapshot={view.snapshot} today={view.finances} history={view.history} refresh={refresh} announce={announce} />
              ) : null}
            </div>
          </>
        )}
        <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcement">
          {announcement}
        </div>
      </main>
    </FluentProvider>
  );
}
