import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AGING_BUCKETS, type AgingBucket, type ContractFinances } from "../../core";
import type { Timeline } from "../finance-timeline";
import { compactMoney, displayDate, displayMoney } from "../format";
import type { PaneKey } from "../i18n/pane-catalog";
import { usePaneText } from "../i18n/pane-text-context";

/**
 * The Finances tab's charts. This module (with recharts) is loaded only when the tab first
 * shows them, so the pane opens as fast as before. Each chart is an image whose accessible name
 * holds every figure it draws, with a caption in words below it.
 */

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  caption: { color: tokens.colorNeutralForeground2 },
  chart: { width: "100%", height: "180px" },
  legend: { color: tokens.colorNeutralForeground1 },
});

const SERIES = {
  billed: { label: "finances.chart.billed", colour: tokens.colorBrandForeground1 },
  earned: { label: "finances.chart.earned", colour: tokens.colorPaletteGreenForeground1 },
  cost: { label: "finances.chart.cost", colour: tokens.colorPaletteDarkOrangeForeground1 },
  billing: { label: "finances.chart.billing", colour: tokens.colorBrandForeground1 },
  cash: { label: "finances.chart.cash", colour: tokens.colorPaletteGreenForeground1 },
} as const satisfies Record<string, { label: PaneKey; colour: string }>;

const BUCKET_LABELS = {
  current: "finances.aging.current", "1-30": "finances.aging.days1to30", "31-60": "finances.aging.days31to60", "61-90": "finances.aging.days61to90", "over-90": "finances.aging.over90",
} as const satisfies Record<AgingBucket, PaneKey>;
// The buckets past due are ranges of days, figures in any language; only "not due" is a word.
const BUCKET_TICKS: Record<Exclude<AgingBucket, "current">, string> = { "1-30": "1–30", "31-60": "31–60", "61-90": "61–90", "over-90": "90+" };
const BUCKET_COLOURS: Record<AgingBucket, string> = {
  current: tokens.colorPaletteGreenForeground1,
  "1-30": tokens.colorPaletteMarigoldForeground1,
  "31-60": tokens.colorPaletteDarkOrangeForeground1,
  "61-90": tokens.colorPaletteRedForeground1,
  "over-90": tokens.colorPaletteBerryForeground1,
};

const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const AXIS_WIDTH = 52;
// The charts draw in the pane's own colours (CSS variables of its theme), so they read in dark as in light.
const TICK = { fontSize: 10, fill: tokens.colorNeutralForeground2 };
const AXIS = tokens.colorNeutralStroke1;
const GRID = tokens.colorNeutralStroke2;

export interface FinanceChartsProps {
  finances: ContractFinances;
  timeline: Timeline;
}

/** Three charts: billed against earned and cost over time, the aging of what is outstanding, and the forecast by month. */
export default function FinanceCharts({ finances, timeline }: FinanceChartsProps) {
  const styles = useStyles();
  // Recharts colours a legend's text as its series; the pane's text colour reads better in both themes.
  const legendText = (value: string) => <span className={styles.legend}>{value}</span>;
  const { currency } = finances;
  const { t, locale, language } = usePaneText();
  const money = (amount: string) => displayMoney(amount, currency, locale);
  // Screen positions only: the amounts themselves stay decimal text.
  const axis = (value: number) => compactMoney(value, currency, locale);
  const tip = (value: unknown) => (typeof value === "number" ? displayMoney(String(value), currency, locale) : String(value));
  const date = (iso: string) => displayDate(iso, { language, locale });
  const figures = (items: { name: string; amount: string }[]) => items.map(({ name, amount }) => t("finances.chart.figure", { name, amount: money(amount) })).join(t("finances.chart.figureSeparator"));
  const last = timeline.points.at(-1);

  const timelineData = timeline.points.map((p) => ({ date: p.date, billed: Number(p.billed), earned: p.earned === null ? null : Number(p.earned), cost: p.cost === null ? null : Number(p.cost) }));
  const timelineText = [
    ...timeline.points.slice(0, -1).map((p) =>
      p.cost === null
        ? t("finances.chart.pointBilled", { date: date(p.date), billed: money(p.billed) })
        : t("finances.chart.point", { date: date(p.date), billed: money(p.billed), earned: p.earned === null ? t("finances.chart.unknown") : money(p.earned), cost: money(p.cost) }),
    ),
    last === undefined
      ? ""
      : t("finances.chart.pointAsOf", {
          date: date(last.date),
          billed: money(last.billed),
          earned: last.earned === null ? t("finances.chart.unknownEarned") : money(last.earned),
          cost: last.cost === null ? t("finances.chart.unknown") : money(last.cost),
        }),
  ].join(t("finances.chart.pointSeparator"));

  const agingData = AGING_BUCKETS.map((bucket) => ({ bucket, amount: Number(finances.aging[bucket]) }));
  const agingText = figures(AGING_BUCKETS.map((bucket) => ({ name: t(BUCKET_LABELS[bucket]), amount: finances.aging[bucket] })));

  const forecastData = finances.forecast.map((m) => ({ month: m.month, billing: Number(m.billing), cash: Number(m.cash) }));
  // In words a month follows the pane's dates (displayDate): ISO in English, as its documents write it, named elsewhere.
  const month = (iso: string) => (language === "en" ? iso : monthText(iso, locale, "long"));
  const forecastText = finances.forecast
    .map((m) => t("finances.chart.forecastMonth", { month: month(m.month), billing: money(m.billing), cash: money(m.cash) }))
    .join(t("finances.chart.pointSeparator"));
  const unplanned = finances.unplanned.length === 0 ? "" : ` ${t("finances.chart.unplanned", { lines: figures(finances.unplanned.map((u) => ({ name: u.id, amount: u.balance }))) })}`;

  return (
    <>
      <Chart label={t("finances.chart.timeline", { figures: timelineText })} caption={t(timeline.datedCosts ? "finances.chart.timelineDated" : "finances.chart.timelineUndated")}>
        <LineChart responsive data={timelineData} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis stroke={AXIS} dataKey="date" tick={TICK} tickMargin={4} tickFormatter={date} />
          <YAxis stroke={AXIS} width={AXIS_WIDTH} tick={TICK} tickFormatter={axis} />
          <Tooltip formatter={tip} labelFormatter={(label: ReactNode) => (typeof label === "string" ? date(label) : label)} contentStyle={TOOLTIP} />
          <Legend iconSize={10} wrapperStyle={LEGEND} formatter={legendText} />
          {/* A series the workbook says nothing of (earned revenue without an estimate) is left out, legend and all. */}
          {(["billed", "earned", "cost"] as const).filter((key) => timelineData.some((point) => point[key] !== null)).map((key) => (
            <Line key={key} dataKey={key} name={t(SERIES[key].label)} stroke={SERIES[key].colour} fill={SERIES[key].colour} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </Chart>
      <Chart label={t("finances.chart.aging", { figures: agingText })} caption={t("finances.chart.agingCaption", { amount: money(finances.outstanding) })}>
        <BarChart responsive data={agingData} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis stroke={AXIS} dataKey="bucket" tick={TICK} tickFormatter={(bucket: AgingBucket) => (bucket === "current" ? t("finances.aging.currentTick") : BUCKET_TICKS[bucket])} interval={0} />
          <YAxis stroke={AXIS} width={AXIS_WIDTH} tick={TICK} tickFormatter={axis} />
          <Tooltip formatter={tip} labelFormatter={(bucket) => t(BUCKET_LABELS[bucket as AgingBucket])} contentStyle={TOOLTIP} />
          <Bar dataKey="amount" name={t("finances.chart.outstanding")} isAnimationActive={false}>
            {agingData.map((d) => (
              <Cell key={d.bucket} fill={BUCKET_COLOURS[d.bucket]} />
            ))}
          </Bar>
        </BarChart>
      </Chart>
      <Chart label={t("finances.chart.forecast", { figures: forecastText })} caption={`${t("finances.chart.forecastCaption")}${unplanned}`}>
        <BarChart responsive data={forecastData} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis stroke={AXIS} dataKey="month" tick={TICK} tickFormatter={(month: string) => monthText(month, locale, "short")} />
          <YAxis stroke={AXIS} width={AXIS_WIDTH} tick={TICK} tickFormatter={axis} />
          <Tooltip formatter={tip} labelFormatter={(label: ReactNode) => (typeof label === "string" ? monthText(label, locale, "long") : label)} contentStyle={TOOLTIP} />
          <Legend iconSize={10} wrapperStyle={LEGEND} formatter={legendText} />
          {(["billing", "cash"] as const).map((key) => (
            <Bar key={key} dataKey={key} name={t(SERIES[key].label)} fill={SERIES[key].colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </Chart>
    </>
  );
}

/**
 * A forecast's month ("2027-01") named as `locale` names it, on an axis short ("Jan 2027",
 * "janv. 2027"), in a tooltip or a sentence long ("Januar 2027"); Intl's names, not ours.
 */
function monthText(month: string, locale: string, width: "short" | "long"): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  // A calendar month, not an instant: formatted in UTC so no time zone moves it.
  return new Intl.DateTimeFormat(locale, { month: width, year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

const TOOLTIP = { backgroundColor: tokens.colorNeutralBackground1, borderColor: tokens.colorNeutralStroke1, color: tokens.colorNeutralForeground1, fontSize: 12 };
const LEGEND = { fontSize: 11 };

/** A chart as an image named by its figures, with a caption in words. */
function Chart({ label, caption, children }: { label: string; caption: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <figure className={styles.figure}>
      <div role="img" aria-label={label} className={styles.chart}>
        {children}
      </div>
      <figcaption className={styles.caption}>
        <Text size={200}>{caption}</Text>
      </figcaption>
    </figure>
  );
}
