import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, cliInProcess, tempDir } from "./support/cli.js";

let dir: string;

beforeAll(() => {
  dir = tempDir("metrics");
  writeFileSync(join(dir, "truth.csv"), "userID,itemID,rating\nu1,a,5\nu1,b,4\nu1,c,3\nu2,d,5\n");
  writeFileSync(join(dir, "pred.csv"), "userID,itemID,prediction\nu1,y,0.1\nu1,a,0.9\nu1,b,0.7\nu1,x,0.8\n\nu2,e,0.5\nu2,d,0.4\n");
  writeFileSync(join(dir, "train.csv"), "userID,itemID\nu1,a\nu1,b\nu2,a\nu2,d\n");
  writeFileSync(join(dir, "features.csv"), "itemID,f1,f2\na,1,0\nb,0,1\nx,1,1\nd,1,0\ne,0,1\n");
});

const files = (...extra: string[]) => ["metrics", "--truth", join(dir, "truth.csv"), "--pred", join(dir, "pred.csv"), ...extra];

// u1's top 3: a, x, b (hits at ranks 1 and 3 of 3 relevant); u2's: e, d (hit at rank 2 of 1 relevant)
const precision = (2 / 3 + 1 / 3) / 2;
const recall = (2 / 3 + 1) / 2;
const ndcg = ((1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3) + 1 / Math.log2(4)) + 1 / Math.log2(3)) / 2;

describe("drift-lab metrics", () => {
  it("prints hand-computed precision, recall and NDCG", async () => {
    const r = await cliInProcess(files("--k", "3"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const table = Object.fromEntries(r.stdout.trim().split("\n").map((line) => line.trim().split(/\s+/)));
    expect(Number(table.precision)).toBeCloseTo(precision, 6);
    expect(Number(table.recall)).toBeCloseTo(recall, 6);
    expect(Number(table.ndcg)).toBeCloseTo(ndcg, 6);
    expect(Number(table.users)).toBe(2);
  });

  it("--json prints one object with every metric its inputs allow (through node bin/drift-lab.js)", async () => {
    const r = await cli(files("--k", "3", "--json", "--train", join(dir, "train.csv"), "--item-features", join(dir, "features.csv")));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(
      ["catalog_coverage", "distributional_coverage", "hit", "ild", "k", "map", "ndcg", "novelty", "precision", "recall", "users"].sort(),
    );
    for (const value of Object.values(json)) expect(Number.isFinite(value)).toBe(true);
    expect(json.precision).toBeCloseTo(precision, 12);
    expect(json.recall).toBeCloseTo(recall, 12);
    expect(json.ndcg).toBeCloseTo(ndcg, 12);
    expect(json.k).toBe(3);
    expect(json.catalog_coverage).toBeCloseTo(5 / 3, 12);
    expect(json.ild).toBeCloseTo((1 - Math.SQRT2 / 3 + 1) / 2, 6);
  });

  it("--k 1 keeps only each user's best prediction", async () => {
    const json = JSON.parse((await cliInProcess(files("--k", "1", "--json"))).stdout);
    expect(Object.keys(json).sort()).toEqual(["distributional_coverage", "hit", "k", "map", "ndcg", "precision", "recall", "users"].sort());
    expect(json.precision).toBeCloseTo(1 / 2, 12);
    expect(json.recall).toBeCloseTo(1 / 6, 12);
  });
});
