const shared = {
  transform: {
    "^.+\\.[tj]sx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: { warnOnly: false } }],
  },
  // office-addin-mock pulls ESM-only uuid and strip-bom through office-addin-manifest.
  transformIgnorePatterns: ["^(?!.*/node_modules/(uuid|strip-bom)/).*/node_modules/"],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: "node",
      testEnvironment: "node",
      roots: ["<rootDir>/test"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      // The task pane's components run in a browser-like DOM: the jsdom project below.
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/taskpane/"],
    },
    {
      ...shared,
      displayName: "taskpane",
      testEnvironment: "jsdom",
      roots: ["<rootDir>/test/taskpane"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      setupFilesAfterEnv: ["<rootDir>/test/taskpane/setup.ts"],
    },
  ],
};
