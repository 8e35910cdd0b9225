// Every check on input of the billing rules page, each reached by a minimal request: the
// issue carries its code, the path to the bad field and a plain message naming that field,
// every problem is reported at once, and a request with any error gives no result.
import { codes, rejected, run, type Issue } from "./worked/helpers";

type Line = Record<string, unknown>;

const valid: Line = { id: "1", description: "Works", scheduledValue: "100.00" };

/** A request with lines 0, 1, 2 valid unless replaced; `extra` adds top-level fields. */
function request(lines: Record<number, Line>, extra: Record<string, unknown> = {}) {
  return {
    currency: "USD",
    ...extra,
    lines: [0, 1, 2].map((index) => lines[index] ?? { ...valid, id: String(index + 1) }),
  };
}

/** A field name as a person may read it: "percentComplete" or "percent complete"; "line" for a whole line. */
function naming(field: string): RegExp {
  if (field === "line") return /\blines?\b/i;
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(" ");
  return new RegExp(`\\b${words.join("[\\s_-]*")}\\b`, "i");
}

function issueWithCode(errors: Issue[], code: string): Issue {
  const issue = errors.find((candidate) => candidate.code === code);
  if (issue === undefined) throw new Error(`no ${code} among ${JSON.stringify(errors, null, 2)}`);
  return issue;
}

function expectPlainMessage(issue: Issue, field: string) {
  expect(typeof issue.message).toBe("string");
  expect(issue.message.trim()).not.toBe("");
  expect(issue.message).toMatch(naming(field));
  expect(issue.message).not.toMatch(/undefined|\[object|^\s*[{[]|\n\s+at /);
}

// [what, request, code, full path (or its first elements when the last one is a convention), field named]
const cases: [string, unknown, string, (string | number)[], string][] = [
  ["a line without id", request({ 0: { description: "Works", scheduledValue: "100.00" } }), "REQUIRED", ["lines", 0, "id"], "id"],
  ["a line without C", request({ 1: { id: "2", description: "Works" } }), "REQUIRED", ["lines", 1, "scheduledValue"], "scheduledValue"],
  [
    "quantityToDate without unitPrice",
    request({ 2: { id: "3", description: "Consulting", scheduledValue: "1000.00", quantityToDate: "10" } }),
    "REQUIRED",
    ["lines", 2, "unitPrice"],
    "unitPrice",
  ],
  ["text in C", request({ 0: { ...valid, scheduledValue: "abc" } }), "NOT_A_NUMBER", ["lines", 0, "scheduledValue"], "scheduledValue"],
  ["a boolean in E", request({ 1: { ...valid, id: "2", thisPeriod: true } }), "NOT_A_NUMBER", ["lines", 1, "thisPeriod"], "thisPeriod"],
  ["NaN in D", request({ 0: { ...valid, previouslyCompleted: "NaN" } }), "NOT_A_NUMBER", ["lines", 0, "previouslyCompleted"], "previouslyCompleted"],
  ["Infinity in F", request({ 0: { ...valid, storedMaterials: "Infinity" } }), "NOT_A_NUMBER", ["lines", 0, "storedMaterials"], "storedMaterials"],
  ["text as a rate", request({}, { retention: { rate: "ten percent" } }), "NOT_A_NUMBER", ["retention", "rate"], "rate"],
  [
    "a percentage above 1",
    request({ 1: { ...valid, id: "2", percentComplete: "1.2" } }),
    "PERCENT_OUT_OF_RANGE",
    ["lines", 1, "percentComplete"],
    "percentComplete",
  ],
  ["a negative retention rate", request({}, { retention: { rate: "-0.1" } }), "PERCENT_OUT_OF_RANGE", ["retention", "rate"], "rate"],
  ["a tax rate above 1", request({}, { tax: { rate: "1.5" } }), "PERCENT_OUT_OF_RANGE", ["tax", "rate"], "rate"],
  ["a line tax rate above 1", request({ 2: { ...valid, id: "3", taxRate: "2" } }), "PERCENT_OUT_OF_RANGE", ["lines", 2, "taxRate"], "taxRate"],
  [
    "a negative D",
    request({ 0: { ...valid, previouslyCompleted: "-1.00" } }),
    "NEGATIVE_AMOUNT",
    ["lines", 0, "previouslyCompleted"],
    "previouslyCompleted",
  ],
  ["a negative F", request({ 1: { ...valid, id: "2", storedMaterials: "-5.00" } }), "NEGATIVE_AMOUNT", ["lines", 1, "storedMaterials"], "storedMaterials"],
  [
    "a negative previous stored amount",
    request({ 2: { ...valid, id: "3", previousStoredMaterials: "-5.00" } }),
    "NEGATIVE_AMOUNT",
    ["lines", 2, "previousStoredMaterials"],
    "previousStoredMaterials",
  ],
  ["two lines with one id", request({ 0: { ...valid, id: "A" }, 1: { ...valid, id: "A" } }), "DUPLICATE_ID", ["lines", 1, "id"], "id"],
  [
    "two progress fields on a line",
    request({ 0: { ...valid, percentComplete: "0.5", thisPeriod: "10.00" } }),
    "AMBIGUOUS_PROGRESS",
    ["lines", 0],
    "line",
  ],
  ["G above C", request({ 1: { ...valid, id: "2", completedToDate: "150.00" } }), "OVERBILLED", ["lines", 1], "line"],
  [
    "hours × rate above the budget",
    request({ 2: { ...valid, id: "3", quantityToDate: "10", unitPrice: "12.00" } }), // 10 × 12.00 = 120.00 > 100.00
    "OVERBILLED",
    ["lines", 2],
    "line",
  ],
  ["an unknown currency", request({}, { currency: "XYZ" }), "UNKNOWN_CURRENCY", ["currency"], "currency"],
  [
    "steps with a line rate",
    request({ 1: { ...valid, id: "2", retentionRate: "0.05" } }, { retention: { steps: [{ from: "0", rate: "0.10" }] } }),
    "CONFLICTING_RETENTION",
    ["lines", 1, "retentionRate"],
    "retentionRate",
  ],
  ["three decimals in USD", request({ 0: { ...valid, scheduledValue: "100.005" } }), "TOO_MANY_DECIMALS", ["lines", 0, "scheduledValue"], "scheduledValue"],
  [
    "a percentage with more decimals than any number may have",
    request({ 0: { ...valid, percentComplete: "0.1234567890123456789012345678901" } }),
    "TOO_MANY_DECIMALS",
    ["lines", 0, "percentComplete"],
    "percentComplete",
  ],
  ["an amount of 16 digits", request({ 0: { ...valid, scheduledValue: "1000000000000000" } }), "AMOUNT_TOO_LARGE", ["lines", 0, "scheduledValue"], "scheduledValue"],
  ["a misspelt line field", request({ 0: { ...valid, percent: "0.5" } }), "UNKNOWN_FIELD", ["lines", 0, "percent"], "percent"],
  ["a misspelt top-level field", request({}, { curency: "EUR" }), "UNKNOWN_FIELD", ["curency"], "curency"],
  ["a misspelt retention field", request({}, { retention: { rates: "0.10" } }), "UNKNOWN_FIELD", ["retention", "rates"], "rates"],
];

describe("checks on input", () => {
  it.each(cases.map(([what, body, code, path, field]) => [what, code, body, path, field] as const))(
    "reports %s as %s",
    (_what, code, body, path, field) => {
      const issue = issueWithCode(rejected(body), code);
      if (path.length === 2 && path[0] === "lines") {
        // the field inside the line is a convention of the core (which progress field, C or G)
        expect(issue.path.slice(0, 2)).toEqual(path);
      } else {
        expect(issue.path).toEqual(path);
      }
      expectPlainMessage(issue, field);
    },
  );

  it("names the unknown currency's code or field in its message", () => {
    const issue = issueWithCode(rejected(request({}, { currency: "XYZ" })), "UNKNOWN_CURRENCY");
    expect(issue.message).toMatch(/XYZ|currency/i);
  });

  it("reports every problem of a request at once", () => {
    const errors = rejected(
      request(
        {
          0: { description: "Works", scheduledValue: "100.00" }, // no id
          1: { ...valid, id: "2", percentComplete: "1.2" },
          2: { ...valid, id: "3", previouslyCompleted: "-1.00" },
        },
        { currency: "XYZ", curency: "EUR" },
      ),
    );
    expect(codes(errors)).toEqual(
      expect.arrayContaining(["REQUIRED", "PERCENT_OUT_OF_RANGE", "NEGATIVE_AMOUNT", "UNKNOWN_CURRENCY", "UNKNOWN_FIELD"]),
    );
    expect(errors.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        ["lines", 0, "id"],
        ["lines", 1, "percentComplete"],
        ["lines", 2, "previouslyCompleted"],
        ["currency"],
        ["curency"],
      ]),
    );
  });

  it("reports the same check on several lines, each with its own path", () => {
    const errors = rejected(
      request({ 0: { ...valid, scheduledValue: "abc" }, 2: { ...valid, id: "3", scheduledValue: "xyz" } }),
    );
    const paths = errors.filter((issue) => issue.code === "NOT_A_NUMBER").map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ["lines", 0, "scheduledValue"],
        ["lines", 2, "scheduledValue"],
      ]),
    );
  });

  it("gives no result when one line of many is wrong", () => {
    // lines 0 and 2 alone would compute; line 1 is overbilled
    const outcome = run(request({ 1: { ...valid, id: "2", thisPeriod: "100.01" } }));
    expect(outcome.ok).toBe(false);
    expect(outcome).not.toHaveProperty("result");
  });

  it("does not turn a warning into an error, nor an error into a warning", () => {
    // a negative period alone computes with a warning; adding an unknown currency rejects the whole request
    const negative = { 0: { ...valid, previouslyCompleted: "50.00", thisPeriod: "-10.00" } };
    const outcome = run(request(negative));
    expect(outcome.ok).toBe(true);
    const errors = rejected(request(negative, { currency: "XYZ" }));
    expect(codes(errors)).toContain("UNKNOWN_CURRENCY");
    expect(codes(errors)).not.toContain("NEGATIVE_PERIOD");
  });

  it.each([
    ["nothing", undefined],
    ["null", null],
    ["a string", "lines"],
    ["an empty object", {}],
    ["lines that are not a list", { lines: "1" }],
    ["a line that is not an object", { lines: [42] }],
  ])("answers %s with errors, not an exception", (_what, body) => {
    const outcome = run(body);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.errors.length).toBeGreaterThan(0);
      for (const issue of outcome.errors) expect(issue.message.trim()).not.toBe("");
    }
  });
});
