import { CsvError, evaluate, type Interaction, parseCsv, type ParsedCsv, requireColumns, requireRows } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { readText } from "../text-input.js";

export const METRICS_HELP = `drift-lab metrics --truth F --pred F [--train F] [--item-features F] --k N [--json]

Evaluates recommendations (userID,itemID,prediction) against the truth (userID,itemID,rating) with the lab's
metric code. --train (userID,itemID) adds novelty and catalog coverage; --item-features (itemID,f1,f2,...)
adds intra-list diversity.`;

/** A table the metrics need: strict UTF-8 (distinct ids stay distinct), one header naming each column once, rows. */
function table(path: string, flag: string): ParsedCsv {
  return requireRows(parseCsv(readText(path, flag), path), path);
}

function interactions(path: string, flag: string, valueColumn: string, unique = false): Interaction[] {
  const csv = table(path, flag);
  const rows = requireColumns(csv, path, [{ name: "userID" }, { name: "itemID" }, { name: valueColumn, numeric: true }]);
  if (unique) {
    const seen = new Map<string, number>();
    rows.forEach(([user, item], r) => {
      const key = JSON.stringify([user, item]);
      const first = seen.get(key);
      if (first !== undefined) throw new CsvError(path, csv.lines[r], `user '${user}' and item '${item}' are listed twice (first on line ${first})`);
      seen.set(key, csv.lines[r]);
    });
  }
  return rows.map(([user, item, value]) => ({ user: String(user), item: String(item), value: Number(value) }));
}

export const METRICS_FLAGS: FlagSpec = { truth: "string", pred: "string", train: "string", "item-features": "string", k: "string", json: "boolean" };

export async function metricsCommand(flags: Flags): Promise<void> {
  const truthPath = flags.required("truth", "a CSV with userID,itemID,rating");
  const predPath = flags.required("pred", "a CSV with userID,itemID,prediction");
  const trainPath = flags.string("train");
  const featuresPath = flags.string("item-features");
  const k = flags.integer("k", 1);
  if (k === undefined) throw new UsageError("metrics: --k is required (a positive integer)");
  const json = flags.bool("json");
  flags.done();
  const train = trainPath
    ? requireColumns(table(trainPath, "--train"), trainPath, [{ name: "userID" }, { name: "itemID" }]).map(([user, item]) => ({
        user: String(user),
        item: String(item),
      }))
    : undefined;
  let itemFeatures: Map<string, number[]> | undefined;
  if (featuresPath) {
    const csv = table(featuresPath, "--item-features");
    if (csv.columns[0] !== "itemID" || csv.columns.length < 2) throw new CsvError(featuresPath, 1, "expected columns itemID,f1,f2,...");
    itemFeatures = new Map(
      csv.rows.map((row, r) => [
        row[0],
        row.slice(1).map((v, j) => {
          const x = Number(v);
          if (v.trim() === "" || !Number.isFinite(x)) throw new CsvError(featuresPath, csv.lines[r], `column '${csv.columns[j + 1]}': '${v}' is not a number`);
          return x;
        }),
      ]),
    );
  }
  const result = evaluate({ truth: interactions(truthPath, "--truth", "rating"), predictions: interactions(predPath, "--pred", "prediction", true), k, train, itemFeatures });
  if (json) process.stdout.write(JSON.stringify(result) + "\n");
  else {
    for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(24)} ${typeof value === "number" ? +value.toFixed(6) : value}\n`);
  }
}
