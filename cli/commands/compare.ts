import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { compareWithBaseline, formatObjects, parseCsv, parseNumber, recoveryByGroup, type BaselineComparison, type Cell } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { StagedDirectory } from "../output.js";
import { readText } from "../text-input.js";

export const COMPARE_HELP = `drift-lab compare --in DIR|FILE --baseline key=value [--metrics m1,m2,...] [--level 0.95] [--out DIR [--force]] [--json]

Reads a sweep (DIR/sweep.csv, or the file) and compares every grid point with the baseline, paired by seed
(the same seed gives both sides the same users: common random numbers). --baseline names a grid column and its
value, e.g. kind=static or beta=0; each other grid point is paired with the baseline point that has the same
values of the other grid columns. For each metric (default: ctr, ctr_after_shift, ndcg, regret, volatility; those
the sweep has values for) it prints the pairs, both means, the mean difference with its t interval at --level,
and how many seeds went each way. Recovery after a shift is censored (a run that never recovers has no number),
so it is never averaged: a second table gives, per grid point, the share of runs that recovered within their
window and the Kaplan–Meier median with a 95 % percentile-bootstrap interval ('> W' when fewer than half recover).
--out DIR writes DIR/compare.csv (grid columns, metric, pairs, treatment, baseline, difference, lo, hi, above,
below, ties, unpaired) and DIR/recovery.csv (grid columns, runs, recovered, share_recovered, km_median,
km_median_lo, km_median_hi, window; km_median is empty when not reached), as a set (a DIR that holds anything is
refused unless --force, which replaces it). --json prints both as JSON.`;

export const COMPARE_FLAGS: FlagSpec = { in: "string", baseline: "string", metrics: "string", level: "string", out: "string", force: "boolean", json: "boolean" };

const DEFAULT_METRICS = ["ctr", "ctr_after_shift", "ndcg", "regret", "volatility"];
const CENSORED = ["recovery", "recovered", "recovery_window"];

interface Sweep {
  file: string;
  keys: string[];
  metrics: string[];
  rows: Record<string, string>[];
}

function readSweep(path: string): Sweep {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "sweep.csv") : path;
  if (!existsSync(file)) throw new UsageError(`--in: cannot read '${file}' (a sweep directory or its sweep.csv)`);
  const csv = parseCsv(readText(file, "--in"), file);
  const seedAt = csv.columns.indexOf("seed");
  if (seedAt < 0) throw new UsageError(`--in: ${file} has no 'seed' column; is it a drift-lab sweep.csv?`);
  const keys = csv.columns.slice(0, seedAt);
  const metrics = csv.columns.slice(seedAt + 1).filter((c) => c !== "weights");
  return { file, keys, metrics, rows: csv.rows.map((r) => Object.fromEntries(csv.columns.map((c, j) => [c, r[j]]))) };
}

function parseBaseline(text: string, sweep: Sweep): { key: string; value: string } {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`--baseline: expected key=value, e.g. kind=static, got '${text}'`);
  const key = text.slice(0, eq);
  const value = text.slice(eq + 1);
  if (!sweep.keys.includes(key)) throw new UsageError(`--baseline: '${key}' is not a grid column of ${sweep.file} (grid columns: ${sweep.keys.join(", ") || "none"})`);
  const values = [...new Set(sweep.rows.map((r) => r[key]))];
  if (!values.includes(value)) throw new UsageError(`--baseline: ${key} has no value '${value}' in ${sweep.file} (values: ${values.join(", ")})`);
  return { key, value };
}

function parseMetrics(text: string | undefined, sweep: Sweep): string[] {
  const hasValues = (m: string) => sweep.rows.some((r) => r[m] !== "" && Number.isFinite(Number(r[m])));
  if (text === undefined) return DEFAULT_METRICS.filter((m) => sweep.metrics.includes(m) && hasValues(m));
  const allowed = sweep.metrics.filter((m) => !CENSORED.includes(m));
  const metrics = text.split(",").map((m) => m.trim());
  for (const m of metrics) {
    if (CENSORED.includes(m)) throw new UsageError(`--metrics: '${m}' is censored (a run that never recovers has no value); the recovery table reports it (share recovered, Kaplan–Meier median)`);
    if (!allowed.includes(m)) throw new UsageError(`--metrics: unknown metric '${m}' (allowed: ${allowed.join(", ")})`);
  }
  return metrics;
}

const signed = (x: number) => (Number.isFinite(x) ? (x >= 0 ? "+" : "") + x.toFixed(4) : "—");
const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "—");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

export async function compareCommand(flags: Flags): Promise<void> {
  const sweep = readSweep(flags.required("in", "a sweep directory or its sweep.csv"));
  const baseline = parseBaseline(flags.required("baseline", "a grid column and its value, e.g. kind=static"), sweep);
  const metrics = parseMetrics(flags.string("metrics"), sweep);
  const levelText = flags.string("level");
  const level = levelText === undefined ? 0.95 : parseNumber(levelText);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level: must be a number in (0, 1), got '${levelText}'`);
  const out = flags.string("out");
  const force = flags.bool("force");
  const json = flags.bool("json");
  flags.done();
  const staged = out ? StagedDirectory.open(out, { force }) : undefined;
  try {
    compare(sweep, { baseline, metrics, level, json }, staged);
  } finally {
    staged?.discard();
  }
}

interface CompareOptions {
  baseline: ReturnType<typeof parseBaseline>;
  metrics: string[];
  level: number;
  json: boolean;
}

/** Prints the comparison and, with a staged --out, writes compare.csv and recovery.csv and puts them in place. */
function compare(sweep: Sweep, { baseline, metrics, level, json }: CompareOptions, staged: StagedDirectory | undefined): void {
  const comparisons = compareWithBaseline(sweep.rows, { keys: sweep.keys, baseline, metrics, level });
  const recovery = recoveryByGroup(sweep.rows, sweep.keys);
  const others = sweep.keys.filter((k) => k !== baseline.key);
  const compareRows: Record<string, Cell>[] = comparisons.map((c: BaselineComparison) => ({
    ...c.group,
    metric: c.metric,
    pairs: c.pairs,
    treatment: c.treatment,
    baseline: c.baseline,
    difference: c.difference,
    lo: Number.isFinite(c.lo) ? c.lo : null,
    hi: Number.isFinite(c.hi) ? c.hi : null,
    above: c.above,
    below: c.below,
    ties: c.ties,
    unpaired: c.unpaired,
  }));
  const recoveryRows: Record<string, Cell>[] = recovery.map((r) => ({
    ...r.group,
    runs: r.runs,
    recovered: r.recovered,
    share_recovered: r.share,
    km_median: r.median,
    km_median_lo: r.medianLo,
    km_median_hi: r.medianHi,
    window: r.window,
  }));
  if (staged) {
    staged.write("compare.csv", formatObjects(compareRows, [...sweep.keys, "metric", "pairs", "treatment", "baseline", "difference", "lo", "hi", "above", "below", "ties", "unpaired"]));
    if (recoveryRows.length) {
      staged.write("recovery.csv", formatObjects(recoveryRows, [...sweep.keys, "runs", "recovered", "share_recovered", "km_median", "km_median_lo", "km_median_hi", "window"]));
    }
    staged.commit();
  }
  if (json) {
    process.stdout.write(JSON.stringify({ baseline, level, comparisons, recovery }, null, 2) + "\n");
    return;
  }
  const pct = `${Math.round(level * 1000) / 10} %`;
  process.stdout.write(`Against ${baseline.key}=${baseline.value}${others.length ? ` (same ${others.join(", ")})` : ""}, paired by seed; ${pct} t interval of the mean difference:\n`);
  process.stdout.write(
    table(
      [...sweep.keys, "metric", "pairs", "treatment", "baseline", "difference", `${pct} interval`, "above/below"],
      comparisons.map((c) => [
        ...sweep.keys.map((k) => c.group[k]),
        c.metric,
        String(c.pairs) + (c.unpaired ? ` (${c.unpaired} unpaired)` : ""),
        fixed(c.treatment),
        fixed(c.baseline),
        signed(c.difference),
        Number.isFinite(c.lo) ? `[${signed(c.lo)}, ${signed(c.hi)}]` : "— (one pair)",
        `${c.above}/${c.below}`,
      ]),
    ),
  );
  if (recovery.length) {
    process.stdout.write(`\nRecovery after the shift (censored): share of runs back to 90 % of pre-shift CTR within their window, Kaplan–Meier median, 95 % bootstrap interval:\n`);
    const end = (x: number | null, w: number) => (x === null ? `> ${w}` : String(x));
    process.stdout.write(
      table(
        [...sweep.keys, "runs", "recovered", "share", "KM median", "95 % interval", "window"],
        recovery.map((r) => [
          ...sweep.keys.map((k) => r.group[k]),
          String(r.runs),
          String(r.recovered),
          r.share.toFixed(2),
          end(r.median, r.window),
          r.runs > 1 && r.medianLo !== null ? `[${r.medianLo}, ${end(r.medianHi, r.window)}]` : "—",
          String(r.window),
        ]),
      ),
    );
  }
}
