import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../lib/io/csv.js";
import { locatePackage } from "../cli/pretrained-vectors.js";
import { cliInProcess, read, tempDir } from "./support/cli.js";

let installed = true;
try {
  locatePackage();
} catch {
  installed = false;
}

describe("drift-lab language", () => {
  it("writes one row per rate, seed and encoder: hashing retrieval falls with the rate, pretrained holds", async () => {
    const dir = tempDir("language");
    const encoders = installed ? "hashing,pretrained" : "hashing";
    const r = await cliInProcess(["language", "--seeds", "1-2", "--rates", "0,1", "--encoders", encoders, "--set", "world.items=200", "--set", "world.users=40", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(read(dir, "encoders.csv"));
    expect(rows.columns).toEqual(["rate", "seed", "encoder", "retrieval", "cold_start_ndcg", "sentiment", "majority"]);
    expect(rows.rows).toHaveLength(2 * 2 * encoders.split(",").length);
    const value = (rate: string, seed: string, encoder: string, column: string) => Number(rows.rows.find((x) => x[0] === rate && x[1] === seed && x[2] === encoder)![rows.columns.indexOf(column)]);
    for (const seed of ["1", "2"]) {
      expect(value("1", seed, "hashing", "retrieval")).toBeLessThan(value("0", seed, "hashing", "retrieval") - 0.3);
      if (installed) expect(value("1", seed, "pretrained", "retrieval")).toBeGreaterThan(value("1", seed, "hashing", "retrieval") + 0.3);
    }
    const overlap = parseCsv(read(dir, "overlap.csv"));
    expect(overlap.columns).toEqual(["rate", "seed", "jaccard", "disjoint", "token_retrieval"]);
    expect(overlap.rows).toHaveLength(4);
    // its outputs are a set: run again into the same DIR, it is refused without --force and nothing changes
    const before = read(dir, "encoders.csv");
    const again = await cliInProcess(["language", "--seeds", "1", "--rates", "0", "--encoders", "hashing", "--set", "world.items=200", "--set", "world.users=40", "--out", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(read(dir, "encoders.csv")).toBe(before);
    const forced = await cliInProcess(["language", "--seeds", "1", "--rates", "0", "--encoders", "hashing", "--set", "world.items=200", "--set", "world.users=40", "--out", dir, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(parseCsv(read(dir, "encoders.csv")).rows).toHaveLength(1);
  });

  it.each([
    // each rate is checked as world.paraphrase is, each encoder as encoder.kind is
    [["--rates", "0,2"], /^drift-lab: --rates: 2 is out of range \(allowed: 0 to 1\)$/m],
    [["--rates", "0,x"], /^drift-lab: --rates: expected a number, got 'x'$/m],
    [["--bogus", "1"], /^drift-lab: language: unknown option --bogus/m],
    [["--encoders", "hashing,bert"], /--encoders: unknown encoder 'bert' \(allowed: hashing, lm, pretrained, minilm\)/],
    [["--seeds", "x"], /--seeds: expected/],
  ])("rejects %j with exit code 2 and one line", async (args, message) => {
    const r = await cliInProcess(["language", ...args, "--out", tempDir("language-bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
