import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AGING_BUCKETS, type AgingBucket, type ContractFinances } from "../../core";
import type { Timeline } from "../finance-timeline";
import { compactMoney, displayMoney } from "../format";
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
  billed: { label: "Billed to date", colour: tokens.colorBrandForeground1 },
  earned: { label: "Earned revenue", colour: tokens.colorPaletteGreenForeground1 },
  cost: { label: "Cost to date", colour: tokens.colorPaletteDarkOrangeForeground1 },
  billing: { label: "Billing", colour: tokens.colorBrandForeground1 },
  cash: { label: "Cash in", colour: tokens.colorPaletteGreenForeground1 },
} as const;

const BUCKET_LABELS: Record<AgingBucket, string> = {
  current: "Not yet due", "1-30": "1–30 days", "31-60": "31–60 days", "61-90": "61–90 days", "over-90": "Over 90 days",
};
const BUCKET_TICKS: Record<AgingBucket, string> = { current: "Not due", "1-30": "1–30", "31-60": "31–60", "61-90": "61–90", "over-90": "90+" };
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
  const { locale } = usePaneText();
  const money = (amount: string) => displayMoney(amount, currency, locale);
  // Screen positions only: the amounts themselves stay decimal text.
  const axis = (value: number) => compactMoney(value, currency, locale);
  const tip = (value: unknown) => (typeof value === "number" ? displayMoney(String(value), currency, locale) : String(value));
  const last = timeline.points.at(-1);

  const timelineData = timeline.points.map((p) => ({ date: p.date, billed: Number(p.billed), earned: p.earned === null ? null : Number(p.earned), cost: p.cost === null ? null : Number(p.cost) }));
  const timelineText = [
    ...timeline.points.slice(0, -1).map((p) => `${p.date}: billed ${money(p.billed)}${p.cost === null ? "" : `, earned ${p.earned === null ? "unknown" : money(p.earned)}, cost ${money(p.cost)}`}`),
    last === undefined ? "" : `as of ${last.date}: billed ${money(last.billed)}, earned ${last.earned === null ? "unknown (no estimated cost)" : money(last.earned)}, cost ${last.cost === null ? "unknown" : money(last.cost)}`,
  ].join("; ");

  const agingData = AGING_BUCKETS.map((bucket) => ({ bucket, amount: Number(finances.aging[bucket]) }));
  const agingText = AGING_BUCKETS.map((bucket) => `${BUCKET_LABELS[bucket]} ${money(finances.aging[bucket])}`).join(", ");

  const forecastData = finances.forecast.map((m) => ({ month: m.month, billing: Number(m.billing), cash: Number(m.cash) }));
  const forecastText = finances.forecast.map((m) => `${m.month}: billing ${money(m.billing)}, cash in ${money(m.cash)}`).join("; ");

  return (
    <>
      <Chart
        label={`Billed, earned and cost to date: ${timelineText}.`}
        caption={
          timeline.datedCosts
            ? "Billed to date at each invoice; earned revenue and cost from the dated rows of the Costs table, with today's estimates."
            : "Billed to date at each invoice; earned revenue and cost as of the chosen date only (the Cost to date column says nothing of earlier dates)."
        }
      >
        <LineChart responsive data={timelineData} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis stroke={AXIS} dataKey="date" tick={TICK} tickMargin={4} />
          <YAxis stroke={AXIS} width={AXIS_WIDTH} tick={TICK} tickFormatter={axis} />
          <Tooltip formatter={tip} contentStyle={TOOLTIP} />
          <Legend iconSize={10} wrapperStyle={LEGEND} formatter={legendText} />
          {/* A series the workbook says nothing of (earned revenue without an estimate) is left out, legend and all. */}
          {(["billed", "earned", "cost"] as const).filter((key) => timelineData.some((point) => point[key] !== null)).map((key) => (
            <Line key={key} dataKey={key} name={SERIES[key].label} stroke={SERIES[key].colour} fill={SERIES[key].colour} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </Chart>
      <Chart label={`Outstanding by days overdue: ${agingText}.`} caption={`Outstanding ${money(finances.outstanding)}, by days past the due date.`}>
        <BarChart responsive data={agingData} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis stroke={AXIS} dataKey="bucket" tick={TICK} tickFormatter={(bucket: AgingBucket) => BUCKET_TICKS[bucket]} interval={0} />
          <YAxis stroke={AXIS} width={AXIS_WIDTH} tick={TICK} tickFormatter={axis} />
          <Tooltip formatter={tip} labelFormatter={(bucket) => BUCKET_LABELS[bucket as AgingBucket]} contentStyle={TOOLTIP} />
          <Bar dataKey="amount" name="Outstanding" isAnimationActive={false}>
            {agingData.map((d) => (
              <Cell key={d.bucket} fill={BUCKET_COLOURS[d.bucket]} />
            ))}
          </Bar>
        </BarChart>
      </Chart>
      <Chart
        label={`Forecast by month: ${forecastText}.`}
        caption={finances.unplanned.length === 0 ? "Billing of the lines planned to complete each month, and the cash expected in." : `Billing of the lines planned to complete each month, and the cash expected in. Without a planned completion: ${finances.unplanned.map((u) => `${u.id} ${money(u.balance)}`).join(", ")}.`}
      >
        <BarChart responsive data={forecastData} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: "100%" }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis stroke={AXIS} dataKey="month" tick={TICK} />
          <YAxis stroke={AXIS} width={AXIS_WIDTH} tick={TICK} tickFormatter={axis} />
          <Tooltip formatter={tip} contentStyle={TOOLTIP} />
          <Legend iconSize={10} wrapperStyle={LEGEND} formatter={legendText} />
          {(["billing", "cash"] as const).map((key) => (
            <Bar key={key} dataKey={key} name={SERIES[key].label} fill={SERIES[key].colour} isAnimationActive={false} />
          ))}
        </BarChart>
      </Chart>
    </>
  );
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
