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
import { useCallback, useEffect, useState } from "react";
import type { IssuedInvoice } from "../core";
import type { ExportFormat } from "../export/exporter";
import { NAMES } from "../workbook/port";
import { type SampleOptions, insertSample } from "../workbook/sample";
import { FinancesPanel } from "./components/finances-panel";
import { HistoryPanel } from "./components/history-panel";
import { InvoicePanel } from "./components/invoice-panel";
import { SettingsForm } from "./components/settings-form";
import type { Delivery, PaneHost } from "./host/host";
import type { PaneKey } from "./i18n/pane-catalog";
import { type PaneText, englishPaneText, loadPaneText } from "./i18n/pane-text";
import { PaneTextContext, usePaneText } from "./i18n/pane-text-context";
import { paneLanguageOf } from "./i18n/pane-language";
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

const PANELS: [PanelName, PaneKey & `app.tab.${PanelName}`][] = [
  ["invoice", "app.tab.invoice"],
  ["contract", "app.tab.contract"],
  ["history", "app.tab.history"],
  ["finances", "app.tab.finances"],
];

export interface AppProps {
  host: PaneHost;
  /** Follow Office's dark theme (or the browser's, in the preview). */
  dark: boolean;
  /** Exports an issued invoice or credit note; replaceable so tests need not load the exporters. */
  exportInvoice: (host: PaneHost, format: ExportFormat, issued: IssuedInvoice) => Promise<Delivery>;
}

/**
 * The task pane in Office's display language: English at once, another language once its
 * catalog has loaded (a moment, from the add-in's own server), so the pane never flashes
 * English words before German ones.
 */
export function App(props: AppProps) {
  const { displayLanguage } = props.host;
  const [text, setText] = useState<PaneText | undefined>(() => (paneLanguageOf(displayLanguage) === "en" ? englishPaneText(displayLanguage) : undefined));
  const [loadFailure, setLoadFailure] = useState<string>();
  useEffect(() => {
    if (paneLanguageOf(displayLanguage) === "en") return;
    let current = true;
    loadPaneText(displayLanguage).then(
      (loaded) => current && setText(loaded),
      (caught: unknown) => {
        // The catalog did not arrive (the network dropped): the pane works in English and says why.
        console.error(caught);
        if (current) {
          setText(englishPaneText(displayLanguage));
          setLoadFailure(displayLanguage);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [displayLanguage]);
  if (text === undefined) return null;
  return (
    <PaneTextContext.Provider value={text}>
      <Pane {...props} languageFailure={loadFailure} />
    </PaneTextContext.Provider>
  );
}

function Pane({ host, dark, exportInvoice, languageFailure }: AppProps & { languageFailure: string | undefined }) {
  useBaseStyles();
  const styles = useStyles();
  const { t } = usePaneText();
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
      announce(options.timesheet === true ? t("app.sampleInsertedTimesheet", { sheet: NAMES.milestones, rates: NAMES.ratesTable }) : t("app.sampleInserted", { sheet: NAMES.milestones }));
      await refresh();
      await host.showSheet(NAMES.milestones);
    } catch (caught) {
      setInsertFailure(failureMessage(caught, t));
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
        {languageFailure === undefined ? null : (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t("app.languageFailed", { language: languageFailure })}</MessageBarBody>
          </MessageBar>
        )}
        {error === undefined ? null : (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{t("app.cannotRead", { reason: error })}</MessageBarBody>
          </MessageBar>
        )}
        {view === undefined ? (
          error === undefined ? <Spinner size="small" label={t("app.loading")} /> : null
        ) : (
          <>
            {view.snapshot.milestones === undefined ? (
              <Card className={styles.welcome}>
                <Text as="p">{t("app.welcome")}</Text>
                <Text as="p">{t("app.trySample")}</Text>
                <div className={styles.sampleButtons}>
                  <Button appearance="primary" disabled={inserting} onClick={() => void insert({})}>
                    {t("app.insertSample")}
                  </Button>
                  <Button disabled={inserting} onClick={() => void insert({ timesheet: true })}>
                    {t("app.insertSampleTimesheet")}
                  </Button>
                </div>
                {insertFailure === undefined ? null : (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>{t("app.sampleFailed", { reason: insertFailure })}</MessageBarBody>
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
                  {t(label)}
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
