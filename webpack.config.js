const fs = require("node:fs");
const path = require("node:path");
const { URL } = require("node:url");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const pkg = require("./package.json");

const dist = path.resolve(__dirname, "dist");
const previewDist = path.join(dist, "preview");
const devPort = pkg.config.devPort;
// manifest.xml is written for the dev server; a production build rewrites this prefix.
const devUrl = `https://localhost:${devPort}/`;
// The Marketplace requires production pages to load office.js from Microsoft's CDN.
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The https base URL the production add-in is served from, always ending in "/". */
function productionUrl(env = process.env) {
  const raw = env.INTERIM_PUBLIC_URL || pkg.config.productionUrl;
  const url = new URL(raw);
  if (url.protocol !== "https:") {
    throw new Error(`The production URL must use https (Office loads add-ins only over https): ${raw}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * package.json's productionUrl is a placeholder that serves nothing: a manifest pointing there
 * installs an add-in Office cannot load. A build without INTERIM_PUBLIC_URL says so, as a
 * warning rather than an error, because the same `npm run build` makes the command line and
 * the preview, which need no URL (docs/deploy.md, docs/decisions/0021).
 */
function placeholderUrlWarning(env = process.env) {
  if (env.INTERIM_PUBLIC_URL) return undefined;
  return [
    `dist/manifest.xml points at ${productionUrl(env)}, the placeholder in package.json: Office cannot load Interim from there.`,
    "To deploy the add-in, build with the https URL that will serve dist/, for example",
    "  INTERIM_PUBLIC_URL=https://intranet.example.com/interim/ npm run build",
    "(see docs/deploy.md). The command line (dist/cli) and the preview (dist/preview) need no URL.",
  ].join("\n");
}

/** Adds placeholderUrlWarning to the build's warnings, where webpack prints them. */
class PlaceholderUrlWarningPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PlaceholderUrlWarningPlugin", (compilation) => {
      const warning = placeholderUrlWarning();
      if (warning !== undefined) compilation.warnings.push(new webpack.WebpackError(warning));
    });
  }
}

function manifestForProduction(content) {
  const publicUrl = productionUrl();
  const xml = content.toString("utf8").replaceAll(devUrl, publicUrl);
  if (xml.includes("localhost")) {
    throw new Error(`manifest.xml refers to localhost other than through ${devUrl}; fix it before a production build.`);
  }
  return xml;
}

const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  loader: "ts-loader",
  options: {
    configFile: path.resolve(__dirname, "tsconfig.json"),
    transpileOnly: false,
    // Type-check what is bundled; `npm run typecheck` covers the tests and the rest.
    onlyCompileBundledFiles: true,
  },
};

const officeJsLocal = "office-js/office.js";

/** A page of the add-in or of the preview, from the one template (its CSP and office.js tag). */
function page(filename, title, chunks, officeJs) {
  return new HtmlWebpackPlugin({
    filename,
    template: "./src/taskpane/taskpane.html",
    chunks,
    chunksSortMode: "manual",
    templateParameters: { officeJs, title },
  });
}

/** office.js and every Excel host file it loads, for a development build that runs offline. */
const localOfficeJs = () => ({ from: path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"), to: "office-js" });

/**
 * The PDF's fonts, served beside the pages (the exporter fetches them from its own origin) and
 * shipped beside the command line. The list is the exporter's own (font-files.json).
 */
function fontCopies() {
  const fonts = Object.values(require("./src/export/pdf/font-files.json"));
  return fonts.map((font) => ({
    // Font packages need not export their package.json: find them where Node would.
    from: path.join(__dirname, "node_modules", font.package, font.path),
    to: `fonts/${font.file}`,
  }));
}

function webConfig(mode) {
  const production = mode === "production";
  return {
    name: "addin",
    mode,
    context: __dirname,
    target: "web",
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      download: "./src/taskpane/download-dialog.ts",
    },
    output: {
      path: dist,
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      // dist/cli and dist/preview belong to the builds that run alongside this one.
      clean: { keep: /^(cli|preview)(\/|$)/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule] },
    // One webpack runtime for both entries, so that the task pane and the custom functions,
    // loaded by the same page (shared runtime), share module state such as the contract currency.
    optimization: { runtimeChunk: "single" },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: path.resolve(__dirname, "src/functions/functions.ts"),
      }),
      // Under a shared runtime Office loads the custom functions through the task pane page,
      // so taskpane.html carries the functions chunk too (see manifest.xml).
      page("taskpane.html", "Interim", ["runtime", "functions", "taskpane"], production ? officeJsCdn : officeJsLocal),
      page("download.html", "Interim: save the export", ["runtime", "download"], production ? officeJsCdn : officeJsLocal),
      ...(production ? [new PlaceholderUrlWarningPlugin()] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          // The manifest's SupportUrl: a static page served with the add-in, so it works offline.
          { from: "src/taskpane/support.html", to: "support.html" },
          ...fontCopies(),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            ...(production ? { transform: manifestForProduction } : {}),
          },
          // A local office.js lets a development build run offline.
          ...(production ? [] : [localOfficeJs()]),
        ],
      }),
    ],
    performance: production
      ? {
          hints: "warning",
          maxEntrypointSize: 1024 * 1024,
          maxAssetSize: 1024 * 1024,
          // Fonts are fetched only by a PDF export, each once; the CJK font is large by nature.
          assetFilter: (name) => !name.endsWith(".map") && !name.endsWith(".ttf"),
        }
      : false,
  };
}

/**
 * The browser preview: the task pane on an in-memory workbook beside a grid of its sheets, in
 * dist/preview. It loads no office.js at all: it calls no Office API, and outside Office
 * office.js only tries to frame a telemetry page (which the CSP blocks, with a console error).
 */
function previewConfig(mode) {
  return {
    name: "preview",
    mode,
    context: __dirname,
    target: "web",
    devtool: "source-map",
    entry: { preview: "./src/taskpane/preview/index.tsx" },
    output: { path: previewDist, filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    // The add-in build type-checks the same code; the preview skips that, for speed, but is
    // minified like the add-in, since its first render is measured against the same budget.
    module: { rules: [{ ...tsRule, options: { ...tsRule.options, transpileOnly: true } }] },
    plugins: [
      page("index.html", "Interim preview", ["preview"], undefined),
      new CopyWebpackPlugin({ patterns: [{ from: "assets/*", to: "assets/[name][ext]" }, ...fontCopies()] }),
    ],
    performance: false,
  };
}

/** Marks the emitted CLI file as executable, so the `bin` entry runs as a command. */
class ExecutablePlugin {
  constructor(file) {
    this.file = file;
  }
  apply(compiler) {
    compiler.hooks.assetEmitted.tap("ExecutablePlugin", (file, { targetPath }) => {
      if (file === this.file) fs.chmodSync(targetPath, 0o755);
    });
  }
}

function cliConfig(mode) {
  return {
    name: "cli",
    mode,
    context: __dirname,
    target: "node20",
    devtool: "source-map",
    entry: { interim: "./src/cli/interim.ts" },
    output: { path: path.join(dist, "cli"), filename: "interim.js", clean: true },
    // Everything but Node's built-ins is bundled: the published package ships no node_modules.
    externalsPresets: { node: true },
    node: { __dirname: false, __filename: false },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    // Readable stack traces matter more than size for a command-line tool.
    optimization: { minimize: false },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true }),
      // The PDF export of `interim invoice --format pdf` reads its fonts from dist/cli/fonts.
      new CopyWebpackPlugin({ patterns: fontCopies() }),
      new ExecutablePlugin("interim.js"),
    ],
  };
}

async function httpsOptions() {
  try {
    return await require("office-addin-dev-certs").getHttpsServerOptions();
  } catch (error) {
    throw new Error(
      [
        `The dev server needs a trusted certificate for ${devUrl} and could not get one:`,
        `  ${error instanceof Error ? error.message : String(error)}`,
        "Create and trust it with `npx office-addin-dev-certs install` (on Linux this runs sudo",
        "and needs the ca-certificates package), then run `npm start` again.",
      ].join("\n"),
    );
  }
}

/**
 * What `npm start` serves. Without desktop Excel (Linux) there is nothing to sideload into:
 * it serves the preview over http. On Windows and Mac it serves the add-in over https (the
 * manifest's https://localhost) and sideloads it into Excel. `--env preview` or `--env excel`
 * chooses explicitly.
 */
function startTarget(env) {
  if (env.preview) return "preview";
  if (env.excel) return "excel";
  return process.platform === "win32" || process.platform === "darwin" ? "excel" : "preview";
}

/** Sideloads the add-in into desktop Excel once the dev server listens (office-addin-debugging, run through npx: see docs/decisions/0005). */
function sideload(port) {
  const { spawn } = require("node:child_process");
  const args = ["--yes", "office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel", "--no-debug", "--dev-server-port", String(port)];
  const child = spawn(process.platform === "win32" ? "npx.cmd" : "npx", args, { stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => {
    if (code !== 0) console.error(`Sideloading into Excel failed (exit ${code}); load manifest.xml by hand, the server keeps running.`);
  });
}

module.exports = async (env, argv) => {
  const mode = argv.mode ?? "production";
  if (!env.WEBPACK_SERVE) return [webConfig(mode), cliConfig(mode), previewConfig(mode)];
  if (startTarget(env) === "preview") {
    return {
      ...previewConfig(mode),
      devServer: {
        host: "localhost",
        port: devPort,
        server: "http",
        static: false,
        open: false,
        onListening: (server) => {
          const { port } = server.server.address();
          console.log(`\nInterim preview: http://localhost:${port}/  (the task pane on an in-memory workbook; Ctrl+C stops it)\n`);
        },
      },
    };
  }
  return {
    ...webConfig(mode),
    devServer: {
      port: devPort,
      server: { type: "https", options: await httpsOptions() },
      headers: { "Access-Control-Allow-Origin": "*" },
      // dist on disk is exactly what the dev server serves.
      static: false,
      devMiddleware: { writeToDisk: true },
      onListening: () => sideload(devPort),
    },
  };
};

// For test/build.test.ts.
module.exports.placeholderUrlWarning = placeholderUrlWarning;
module.exports.PlaceholderUrlWarningPlugin = PlaceholderUrlWarningPlugin;
