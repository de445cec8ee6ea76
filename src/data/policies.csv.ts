/**
 * Every registered policy on three scenarios at the site size (`drift-lab sweep`): a row per run. abrupt-shift runs
 * on the validation and the test seeds of the index headline (column `split`); the other scenarios on SITE_SEEDS.
 *
 * `llm` needs a model, so its rows come from a transcript: a report that ran a language model ships
 * src/data/llm/<scenario>.jsonl (a sweep's llm-transcript.jsonl, made with the sweep this loader runs, printed in the
 * build log, plus --grid kind=llm and the model's --set) and src/data/llm/<scenario>.json,
 * {"label": "the model, as the page names it", "sets": ["policy.options.llm.model=…", …]}; the build replays it
 * with no model. Without one, the build makes a transcript itself against scripts/chat-server.ts, a scripted
 * stand-in that answers weights ∝ exp(10·credit): the rows "llm (scripted demo)" (column `source`) demonstrate the
 * plumbing (prompt, HTTP, JSON answer, blend, transcript), not what a language model does, and no headline reads them.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../cli/files.js";
import { MODEL_POLICIES, POLICY_KINDS } from "../../lib/index.js";
import { creditFollowingAnswer, startChatServer } from "../../scripts/chat-server.js";
import { csv, HEADLINE_SEEDS, loader, log, SITE_SEEDS, sweep, type SweepRow } from "./lab.js";

const HEADLINE_SCENARIO = "abrupt-shift";
const SCENARIOS = [HEADLINE_SCENARIO, "trending", "cold-start"];
const COLUMNS = ["ctr", "ctr_after_shift", "ndcg", "regret", "ild", "coverage", "volatility", "oscillation", "recovery", "recovered", "recovery_window", "tracking_error", "llm_calls", "llm_fallbacks"];

const SHIPPED = join(ROOT, "src", "data", "llm");
export const DEMO_LABEL = "llm (scripted demo)";

/** The llm rows of a scenario and where they come from: a shipped transcript, else the scripted demonstration. */
async function llmRuns(scenario: string, seeds: number): Promise<{ policy: string; source: string; rows: SweepRow[] }> {
  const transcript = join(SHIPPED, `${scenario}.jsonl`);
  if (existsSync(transcript)) {
    const meta = JSON.parse(readFileSync(join(SHIPPED, `${scenario}.json`), "utf8")) as { label: string; sets: string[] };
    try {
      const rows = await sweep(scenario, { kind: ["llm"] }, seeds, [...meta.sets.flatMap((s) => ["--set", s]), "--llm-transcript", transcript]);
      return { policy: `llm: ${meta.label}`, source: "transcript", rows };
    } catch (e) {
      log(`policies: ${transcript} does not replay on this build (${(e as Error).message}); the scripted demo stands in`);
    }
  }
  const server = await startChatServer((body) => ({ kind: "answer", text: creditFollowingAnswer(body) }));
  try {
    const rows = await sweep(scenario, { kind: ["llm"] }, seeds, ["--set", `policy.options.llm.url=${server.url}`, "--set", "policy.options.llm.model=scripted-demo"]);
    return { policy: DEMO_LABEL, source: "scripted demo", rows };
  } finally {
    await server.close();
  }
}

loader(async () => {
  const rows = [];
  const kinds = POLICY_KINDS.filter((k) => !MODEL_POLICIES.includes(k));
  for (const scenario of SCENARIOS) {
    const headline = scenario === HEADLINE_SCENARIO;
    const seeds = headline ? HEADLINE_SEEDS.validation.length + HEADLINE_SEEDS.test.length : SITE_SEEDS;
    const row = (r: SweepRow, policy: string, source: string) => {
      const seed = Number(r.seed);
      const split = !headline ? "" : HEADLINE_SEEDS.validation.includes(seed) ? "validation" : HEADLINE_SEEDS.test.includes(seed) ? "test" : "";
      return { scenario, policy, source, seed, split, ...Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])) };
    };
    for (const r of await sweep(scenario, { kind: kinds }, seeds)) rows.push(row(r, String(r.kind), "run"));
    const llm = await llmRuns(scenario, seeds);
    for (const r of llm.rows) rows.push(row(r, llm.policy, llm.source));
  }
  return csv(rows);
});
