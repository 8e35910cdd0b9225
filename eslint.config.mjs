import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

// The plugin's own "recommended" preset also brings Prettier and an older typescript-eslint
// parser; take only its Office rules, at the severities it recommends.
const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);

// Layers and what each may import from the others (see docs: core at the bottom, i18n, the
// document language, just above it, taskpane and cli on top). Packages are free except in
// core, which may use decimal.js only.
const layers = {
  core: [],
  i18n: ["core"],
  functions: ["core"],
  workbook: ["core", "i18n"],
  export: ["core", "i18n"],
  import: ["core"],
  taskpane: ["core", "i18n", "functions", "workbook", "export", "import"],
  cli: ["core", "i18n", "workbook", "export", "import"],
};
const corePackages = ["decimal.js"];
// Deep enough for any folder a layer is likely to grow; deeper files get no layer check.
const maxDepth = 6;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One config per layer and folder depth: for a file `depth` folders below src/<layer>/,
 * a relative import leaves the layer exactly when it starts with `depth` times "../", so
 * a regex on the specifier alone can say where it lands.
 */
function layerConfigs(layer, allowed) {
  return Array.from({ length: maxDepth }, (_, i) => {
    const depth = i + 1;
    const up = `(\\.\\./){${depth}}`;
    const allowedTargets = allowed.length > 0 ? `(?!(${allowed.join("|")})(/|$))` : "";
    const patterns = [
      {
        regex: `^${up}${allowedTargets}`,
        message:
          allowed.length > 0
            ? `src/${layer} may import only from ${allowed.map((l) => `src/${l}`).join(", ")} outside itself.`
            : `src/${layer} may not import from outside src/${layer}.`,
      },
    ];
    if (layer === "core") {
      patterns.push({
        regex: `^(?!\\.|(${corePackages.map(escape).join("|")})$)`,
        message: `src/core is pure arithmetic: it may import only ${corePackages.join(", ")} and its own files.`,
      });
    }
    return {
      name: `interim/layer-${layer}-${depth}`,
      files: [`src/${layer}/${"*/".repeat(depth - 1)}*.{ts,tsx}`],
      rules: { "no-restricted-imports": ["error", { patterns }] },
    };
  });
}

export default defineConfig(
  globalIgnores(["dist/", "node_modules/", "coverage/"]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The Office rules read any `.load`/`.sync`-shaped code as Office.js; apply them where
    // Office.js is used, not to exceljs or the in-memory workbook.
    files: ["src/workbook/office-*.ts", "src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRules,
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      // Excel shows a cell error with a message only for a thrown CustomFunctions.Error,
      // which by design is not an Error.
      "@typescript-eslint/only-throw-error": [
        "error",
        { allow: [{ from: "package", package: "custom-functions-runtime", name: "Error" }] },
      ],
    },
  },
  {
    // Configuration files run in Node and are not part of the TypeScript program.
    files: ["**/*.{js,cjs,mjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { process: "readonly", console: "readonly" },
    },
  },
  {
    files: ["**/*.config.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Jest's asymmetric matchers (expect.stringMatching, expect.objectContaining) are typed any.
    files: ["test/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  Object.entries(layers).flatMap(([layer, allowed]) => layerConfigs(layer, allowed)),
);
