import { dateFormatKind } from "../../src/workbook/number-formats";

describe("dateFormatKind: what Excel shows a number as", () => {
  test.each([
    "yyyy-mm-dd", "d/m/yyyy", "dd.mm.yy", "mmm yyyy", "m/d/yy h:mm", "dddd", "mmmm", "[$-409]d-mmm-yy;@", "[$-F800]dddd, mmmm dd, yyyy",
    'yyyy"年"m"月"d"日"', "DD/MM/YYYY", "d-mmm", "[Red]yyyy-mm-dd",
  ])("%s is a date", (format) => expect(dateFormatKind(format)).toBe("date"));

  test.each(["h:mm", "hh:mm:ss", "[h]:mm", "[h]:mm:ss", "mm:ss", "h:mm AM/PM", "h A/P", "[mm]:ss", "ss.00"])("%s is a time", (format) => expect(dateFormatKind(format)).toBe("time"));

  test.each([
    "General", "@", "0", "0.00", "#,##0.00", "0%", "0.00%", "0.00E+00", "#,##0.00 [$€-407]", '#,##0.00 "days"', "#,##0;[Red]-#,##0",
    '_-* #,##0.00 _€_-;-* #,##0.00 _€_-;_-* "-"?? _€_-;_-@_-', '"Hours: "0', "0\\d", '#,##0 "mm"', "[Blue]#,##0", "# ?/?", "[>=100]0;0.0",
  ])("%s is neither", (format) => expect(dateFormatKind(format)).toBeUndefined());
});
