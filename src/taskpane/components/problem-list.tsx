import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookProblem } from "../../workbook/problems";
import { usePaneText } from "../i18n/pane-text-context";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { overflowWrap: "anywhere" },
  cell: { minWidth: 0, padding: `0 ${tokens.spacingHorizontalXS}`, marginRight: tokens.spacingHorizontalXS, verticalAlign: "baseline" },
});

export interface ProblemListProps {
  title: string;
  problems: WorkbookProblem[];
  intent: "error" | "warning" | "info";
  /** Selects the cell a problem points at. */
  onSelect: (sheet: string, cell: string) => void;
}

/**
 * Problems in plain words; each one in a cell has a button that selects that cell. The
 * problems' own text comes from the workbook layer and is English for now; the title and the
 * button's label are the pane's.
 */
export function ProblemList({ title, problems, intent, onSelect }: ProblemListProps) {
  const styles = useStyles();
  const { t } = usePaneText();
  if (problems.length === 0) return null;
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <ul className={styles.list}>
          {problems.map((p, index) => (
            <li key={`${p.code}-${p.sheet ?? ""}-${p.cell ?? ""}-${index}`} className={styles.item}>
              {p.sheet !== undefined && p.cell !== undefined ? (
                <Button
                  size="small"
                  appearance="transparent"
                  className={styles.cell}
                  aria-label={t("problems.select", { cell: `${p.sheet}!${p.cell}` })}
                  onClick={() => onSelect(p.sheet as string, p.cell as string)}
                >
                  {`${p.sheet}!${p.cell}`}
                </Button>
              ) : null}
              {p.message}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
