import {
  FluentProvider,
  Text,
  Title2,
  makeStaticStyles,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";

const useBaseStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  provider: { minHeight: "100vh" },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    minWidth: 0,
  },
  title: { margin: 0 },
});

export interface AppProps {
  /** Follow Office's dark theme. */
  dark: boolean;
}

export function App({ dark }: AppProps) {
  useBaseStyles();
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.provider}>
      <main className={styles.main}>
        <Title2 as="h1" className={styles.title}>
          Interim
        </Title2>
        <Text>Progress invoices from the milestone table in this workbook.</Text>
      </main>
    </FluentProvider>
  );
}
