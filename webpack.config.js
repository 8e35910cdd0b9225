const fs = require("node:fs");
const path = require("node:path");
const { URL } = require("node:url");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const pkg = require("./package.json");

const dist = path.resolve(__dirname, "dist");
const devPort = pkg.config.devPort;
// manifest.xml is written for the dev server; a production build rewrites this prefix.
const devUrl = `https://localhost:${devPort}/`;
// The Marketplace requires production pages to load office.js from Microsoft's CDN.
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The https base URL the production add-in is served from, always ending in "/". */
function productionUrl() {
  const raw = process.env.INTERIM_PUBLIC_URL || pkg.config.productionUrl;
  const url = new URL(raw);
  if (url.protocol !== "https:") {
    throw new Error(`The production URL must use https (Office loads add-ins only over https): ${raw}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
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

function webConfig(mode) {
  const production = mode === "production";
  // Under a shared runtime Office loads the custom functions through the task pane page,
  // so taskpane.html carries the functions chunk too (see manifest.xml).
  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template,
      chunks,
      chunksSortMode: "manual",
      templateParameters: { officeJs: production ? officeJsCdn : "office-js/office.js" },
    });
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
    },
    output: {
      path: dist,
      filename: "[name].js",
      // dist/cli belongs to the CLI build, which runs alongside this one.
      clean: { keep: /^cli(\/|$)/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule] },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: path.resolve(__dirname, "src/functions/functions.ts"),
      }),
      page("taskpane", "./src/taskpane/taskpane.html", ["functions", "taskpane"]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            ...(production ? { transform: manifestForProduction } : {}),
          },
          // A local office.js lets the pages run offline (preview, browser tests).
          ...(production
            ? []
            : [{ from: path.resolve(__dirname, "node_modules/@microsoft/office-js/dist"), to: "office-js" }]),
        ],
      }),
    ],
    performance: production
      ? { hints: "warning", maxEntrypointSize: 1024 * 1024, maxAssetSize: 1024 * 1024 }
      : false,
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

module.exports = async (env, argv) => {
  const mode = argv.mode ?? "production";
  if (!env.WEBPACK_SERVE) return [webConfig(mode), cliConfig(mode)];
  return {
    ...webConfig(mode),
    devServer: {
      port: devPort,
      server: { type: "https", options: await httpsOptions() },
      headers: { "Access-Control-Allow-Origin": "*" },
      // dist on disk is exactly what the dev server serves.
      static: false,
      devMiddleware: { writeToDisk: true },
    },
  };
};
