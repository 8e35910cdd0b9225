import { useCallback, useEffect, useRef, useState } from "react";
import { setContractCurrency } from "../functions/contract-currency";
import { type LoggedInvoice, readBillingLog } from "../workbook/billing-log";
import { today } from "../workbook/dates";
import { type FinanceReadOutcome, readFinances } from "../workbook/finances";
import { numberingOf } from "../workbook/plan-invoice";
import { NAMES, type WorkbookSnapshot } from "../workbook/port";
import { readSettings } from "../workbook/settings";
import type { PaneHost } from "./host/host";
import { usePaneText } from "./i18n/pane-text-context";
import { failureMessage } from "./messages";

/** What the pane shows of the workbook: one read, and what follows from it. */
export interface WorkbookView {
  snapshot: WorkbookSnapshot;
  settings: ReturnType<typeof readSettings>;
  /** The invoices in force, oldest first. */
  history: LoggedInvoice[];
  /** The contract's receivables, WIP and forecast as of today: worked out once per read, for History and Finances. */
  finances: FinanceReadOutcome;
}

export function viewOf(snapshot: WorkbookSnapshot): WorkbookView {
  const settings = readSettings(snapshot.settings);
  return {
    snapshot,
    settings,
    // Without valid settings the log cannot be numbered: the history waits for them.
    history: settings.settings === undefined ? [] : readBillingLog(snapshot.invoices, snapshot.invoiceLines, numberingOf(settings.settings)).log.active,
    finances: readFinances(snapshot, { table: NAMES.milestones, asOf: today() }),
  };
}

/** A burst of edits (a paste, a fill-down) is read once, after it settles. */
const SETTLE_MS = 250;

/**
 * Reads the workbook when the pane opens, whenever its tables change, and on request; only the
 * latest read is shown, so a slow read never overwrites a newer one.
 */
export function useWorkbook(host: PaneHost): {
  view: WorkbookView | undefined;
  error: string | undefined;
  refresh: () => Promise<void>;
} {
  const [view, setView] = useState<WorkbookView>();
  const [error, setError] = useState<string>();
  const latest = useRef(0);
  const { t } = usePaneText();

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const next = viewOf(await host.workbook.read(NAMES.milestones));
      if (ticket !== latest.current) return;
      // The custom functions compute in the contract's currency when theirs is blank.
      if (next.settings.settings !== undefined) setContractCurrency(next.settings.settings.currency);
      setView(next);
      setError(undefined);
    } catch (caught) {
      if (ticket === latest.current) setError(failureMessage(caught, t));
    }
  }, [host, t]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => void) | undefined;
    let closed = false;
    void refresh();
    host
      .watch(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh(), SETTLE_MS);
      })
      .then((unwatch) => (closed ? unwatch() : (stop = unwatch)))
      .catch((caught: unknown) => setError(t("app.cannotFollow", { reason: failureMessage(caught, t) })));
    return () => {
      closed = true;
      clearTimeout(timer);
      stop?.();
    };
  }, [host, refresh, t]);

  return { view, error, refresh };
}
