import { describe, expect, it } from "vitest";
import { CsvError, formatCsv, formatNumber, parseCsv, requireColumns } from "../lib/io/csv.js";

describe("formatNumber and formatCsv", () => {
  it("writes integers as they are and other numbers to 10 significant digits", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1 / 3)).toBe("0.3333333333");
    expect(formatNumber(3.2e-9)).toBe("3.2e-9");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("-Inf");
  });

  it("quotes fields with separators, quotes or line breaks", () => {
    expect(formatCsv(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", null]])).toBe('a,b\n"x,y","say ""hi"""\n"line\nbreak",\n');
  });
});

describe("parseCsv", () => {
  it("round-trips what formatCsv writes", () => {
    const rows = [
      ["x,y", 'say "hi"', "1.5"],
      ["line\nbreak", "", "-2"],
    ];
    const parsed = parseCsv(formatCsv(["a", "b", "c"], rows));
    expect(parsed.columns).toEqual(["a", "b", "c"]);
    expect(parsed.rows).toEqual(rows);
    expect(parsed.lines).toEqual([2, 3]);
  });

  it("skips blank lines but keeps counting them, and accepts CRLF and a byte-order mark", () => {
    const parsed = parseCsv("\uFEFFuserID,itemID\r\nu1,a\r\n\r\n\nu2,b\r\n");
    expect(parsed.columns).toEqual(["userID", "itemID"]);
    expect(parsed.rows).toEqual([
      ["u1", "a"],
      ["u2", "b"],
    ]);
    expect(parsed.lines).toEqual([2, 5]);
  });

  it("names the file and line of a row with the wrong number of fields", () => {
    expect(() => parseCsv("a,b\n1,2\n\n3\n", "pred.csv")).toThrow("pred.csv:4: expected 2 fields (a,b), found 1");
    expect(() => parseCsv('a,b\n1,"2\n', "f.csv")).toThrow("f.csv:2: unterminated quoted field");
    expect(() => parseCsv("", "empty.csv")).toThrow(CsvError);
  });

  it("requireColumns parses numeric columns and names the line of a bad value", () => {
    const csv = parseCsv("userID,itemID,rating\nu1,a,5\n\nu2,b,x\n", "truth.csv");
    expect(() => requireColumns(csv, "truth.csv", [{ name: "rating", numeric: true }])).toThrow("truth.csv:4: column 'rating': 'x' is not a number");
    expect(() => requireColumns(csv, "truth.csv", [{ name: "score" }])).toThrow("missing column 'score' (found: userID, itemID, rating)");
    const good = parseCsv("userID,itemID,rating\nu1,a,5\nu2,b, 2.5\n");
    expect(requireColumns(good, "t", [{ name: "itemID" }, { name: "rating", numeric: true }])).toEqual([
      ["a", 5],
      ["b", 2.5],
    ]);
  });
});
