import { Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { type KeyboardEvent, useEffect, useSyncExternalStore } from "react";
import { Dec } from "../../core";
import { cellAddress, columnLetters } from "../../workbook/a1";
import { DATE_FORMAT, serialToIso } from "../../workbook/dates";
import { type MemorySheet, cellOf, findSheet, findTable } from "../../workbook/memory-workbook";
import { NAMES, type CellValue } from "../../workbook/port";
import type { MemoryHost } from "../host/memory-host";

const useStyles = makeStyles({
  grid: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, padding: tokens.spacingHorizontalM },
  tabs: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  tab: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1, cursor: "pointer", fontSize: tokens.fontSizeBase200,
  },
  selectedTab: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  scroll: { overflow: "auto", maxHeight: "calc(100vh - 110px)", border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  head: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular, padding: `0 ${tokens.spacingHorizontalXS}`, position: "sticky", top: 0 },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: `1px ${tokens.spacingHorizontalXS}`,
    whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis",
    ":focus": { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  },
  number: { textAlign: "right" },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  input: {
    border: "none", font: "inherit", color: "inherit", backgroundColor: "transparent", padding: 0,
    ":focus": { outline: `2px solid ${tokens.colorBrandStroke1}` },
  },
});

/** The id of a cell's element in the grid, so that selecting a problem can focus it. */
export const cellElementId = (sheet: string, cell: string): string => `cell-${sheet.replace(/\W/g, "_")}-${cell}`;

/** What a person types into a cell, as Excel would store it: 55% → 0.55, 12 → 12, text as text. */
export function typedValue(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const percent = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(trimmed);
  if (percent) return new Dec(percent[1] as string).dividedBy(100).toNumber();
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * A cell as Excel would show it with the number formats Interim writes (see workbook/formats.ts):
 * percentages, amounts with separators and their decimals, dates (serial numbers) as dates;
 * the rest as stored.
 */
function shown(sheet: MemorySheet, row: number, column: number, value: CellValue): string {
  if (typeof value !== "number") return value === null ? "" : String(value);
  const format = sheet.numberFormats.get(`${row},${column}`) ?? "";
  const decimals = /0\.(0+)/.exec(format)?.[1]?.length ?? 0;
  if (format === DATE_FORMAT) return serialToIso(value);
  if (format.includes("%")) return `${(value * 100).toFixed(decimals)}%`;
  if (format.includes("#,##0")) return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return String(value);
}

/** The widest a column grows to fit its text, in characters; longer text is cut, and shown in full on hover. */
const MAX_COLUMN_CH = 40;

/** Rows shown per sheet: the preview is for looking, not for 10,000-line tables. */
const SHOWN_ROWS = 200;

/**
 * The tables whose data cells the grid lets a person type into: those a person fills in (the
 * milestones, the hours, the rates that price them). The records Interim keeps (the billing log,
 * billed time, payments) stay as written: the preview is for trying a change, not editing a log.
 */
const TYPABLE_TABLES = [NAMES.milestones, NAMES.timesheetTable, NAMES.ratesTable];

/**
 * The preview's stand-in for Excel: the sheets of the in-memory workbook, read only except for
 * the data cells of TYPABLE_TABLES, which can be typed into to try a change.
 */
export function SheetGrid({ host }: { host: MemoryHost }) {
  const styles = useStyles();
  const view = useSyncExternalStore(host.subscribe, host.getView);
  const { state } = host.memory;
  const sheet = (view.sheet === undefined ? undefined : findSheet(state, view.sheet)) ?? state.sheets[0];
  const typable = TYPABLE_TABLES.flatMap((name) => {
    const table = findTable(state, name);
    return table !== undefined && table.sheet === sheet?.name ? [table] : [];
  });

  useEffect(() => {
    if (sheet !== undefined && view.cell !== undefined) document.getElementById(cellElementId(sheet.name, view.cell))?.focus();
  }, [sheet, view]);

  if (sheet === undefined) {
    return (
      <section className={styles.grid} aria-labelledby="grid-title">
        <Subtitle2 as="h2" id="grid-title">Workbook</Subtitle2>
        <p>The workbook is empty. Insert the sample milestone table from the pane.</p>
      </section>
    );
  }
  const editable = (row: number, column: number) =>
    !sheet.protected &&
    typable.some((table) => row > table.top && row < table.top + table.rows && column >= table.left && column < table.left + table.columns);
  const width = Math.max(1, ...sheet.cells.map((cells) => cells.length));
  const rows = Math.min(sheet.cells.length, SHOWN_ROWS);
  // Each column as wide as its longest text (headers included), so that no header is cut.
  const columnCh = Array.from({ length: width }, (_, c) =>
    Math.min(MAX_COLUMN_CH, Math.max(4, ...Array.from({ length: rows }, (_, r) => shown(sheet, r, c, cellOf(sheet, r, c)).length + 1))),
  );

  const commit = (row: number, column: number, text: string) => {
    if (text !== shown(sheet, row, column, cellOf(sheet, row, column))) host.edit(sheet.name, row, column, typedValue(text));
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>, row: number, column: number) => {
    if (event.key === "Enter") commit(row, column, event.currentTarget.value);
    if (event.key === "Escape") event.currentTarget.value = shown(sheet, row, column, cellOf(sheet, row, column));
  };

  return (
    <section className={styles.grid} aria-labelledby="grid-title">
      <Subtitle2 as="h2" id="grid-title">{`Workbook: ${sheet.name}${sheet.protected ? " (protected)" : ""}`}</Subtitle2>
      <div role="tablist" aria-label="Sheets" className={styles.tabs}>
        {state.sheets.map((s) => (
          <button
            key={s.name}
            type="button"
            role="tab"
            aria-selected={s === sheet}
            className={`${styles.tab} ${s === sheet ? styles.selectedTab : ""}`}
            onClick={() => void host.showSheet(s.name)}
          >
            {s.name}
          </button>
        ))}
      </div>
      <div className={styles.scroll} role="region" aria-label={`Cells of ${sheet.name}`} tabIndex={0}>
        <table className={styles.table}>
          <colgroup>
            <col />
            {columnCh.map((ch, c) => (
              <col key={c} style={{ width: `${ch}ch` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <td className={styles.head} />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} scope="col" className={styles.head}>{columnLetters(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th scope="row" className={styles.head}>{r + 1}</th>
                {Array.from({ length: width }, (_, c) => {
                  const address = cellAddress(r, c);
                  const value = cellOf(sheet, r, c);
                  const text = shown(sheet, r, c, value);
                  const id = cellElementId(sheet.name, address);
                  const selected = view.cell === address;
                  const classes = `${styles.cell} ${typeof value === "number" ? styles.number : ""} ${selected ? styles.selected : ""}`;
                  const fit = { minWidth: `${columnCh[c] ?? 4}ch`, maxWidth: `${MAX_COLUMN_CH}ch` };
                  return editable(r, c) ? (
                    <td key={`${c}-${text}`} className={classes} style={fit}>
                      <input
                        id={id}
                        className={styles.input}
                        style={{ width: `${columnCh[c] ?? 4}ch` }}
                        aria-label={`${sheet.name}!${address}`}
                        defaultValue={text}
                        onBlur={(event) => commit(r, c, event.currentTarget.value)}
                        onKeyDown={(event) => onKey(event, r, c)}
                      />
                    </td>
                  ) : (
                    <td key={c} id={id} className={classes} style={fit} tabIndex={selected ? 0 : -1} data-cell={address} title={text}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sheet.cells.length > rows ? <p>{`Showing the first ${rows} of ${sheet.cells.length} rows.`}</p> : null}
    </section>
  );
}
