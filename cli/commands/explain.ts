import { explain, EXPLAIN_RULES, ruleOf, type ExplainRule, type Explanation, POLICY_SCHEMA, readSetting } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";

function ruleHelp(name: ExplainRule): string {
  const rule = ruleOf(name);
  const notes = [rule.origin, rule.readsHistory ? "--history H, default 1" : ""].filter(Boolean);
  return `  ${name.padEnd(13)} ${rule.formula}${notes.length ? `   (${notes.join("; ")})` : ""}`;
}

export const EXPLAIN_HELP = `drift-lab explain --rule <rule> --alpha A [--beta B] [--history H] --weights w1,w2,... --rewards r1,r2,... [--steps N] [--json]

Shows the weight-update arithmetic step by step, for teaching. Each item (A, B, C, ... in the order given) has a
weight and a reward; the same rewards are applied at every step (a constant reward), N steps (default 1).
Rules:
${EXPLAIN_RULES.map(ruleHelp).join("\n")}
Rewards are per item: for a click on one item give it 1 and every other item 0 (not clicked = no reward).
The simulation itself scores a skip −1 (policy.rewards); pass -1 here to see that.
--json prints {"steps":[{"step":1,"weights":[...]},...],"final":[...],"stable":true|false}; "stable" says
whether the rule converges under a constant reward with these α and β.

The source articles' worked example (items A, B, C, a click on B, α = 0.1):
  drift-lab explain --rule additive --alpha 0.1 --weights 0.5,0.5,0.5 --rewards 0,1,0   → 0.5, 0.6, 0.5
  drift-lab explain --rule ema      --alpha 0.1 --weights 0.5,0.5,0.5 --rewards 0,1,0   → 0.45, 0.55, 0.45`;

export const EXPLAIN_FLAGS: FlagSpec = { rule: "string", alpha: "string", beta: "string", history: "string", weights: "string", rewards: "string", steps: "string", json: "boolean" };

function numbers(flag: string, text: string): number[] {
  const parts = text.split(",").map((s) => s.trim());
  return parts.map((p) => {
    const x = Number(p);
    if (p === "" || !Number.isFinite(x)) throw new UsageError(`--${flag}: expected a comma list of numbers, got '${text}'`);
    return x;
  });
}

function itemName(k: number): string {
  return k < 26 ? String.fromCharCode(65 + k) : `item${k + 1}`;
}

/** The source articles' worked example is a click on one item: exactly one reward 1, the others 0. */
function isSingleClick(rewards: number[]): number {
  const ones = rewards.flatMap((r, k) => (r === 1 ? [k] : []));
  return ones.length === 1 && rewards.every((r) => r === 0 || r === 1) ? ones[0] : -1;
}

export function explainText(e: Explanation, alpha: number, beta: number, names: string[], weights: number[], rewards: number[]): string {
  const lines: string[] = [];
  const uses = ruleOf(e.rule).readsBeta ? `α = ${alpha}, β = ${beta}` : `α = ${alpha}`;
  lines.push(`Rule ${e.rule}: ${e.formula}   (${uses})`);
  lines.push(`Items: ${names.map((n, k) => `${n} w=${weights[k]} r=${rewards[k]}`).join(", ")}`);
  const clicked = isSingleClick(rewards);
  if (clicked >= 0) {
    lines.push(`Rewards: a click on ${names[clicked]} gives ${names[clicked]} r = 1; every item not clicked gets r = 0 (no reward, not a penalty).`);
  } else {
    lines.push("Rewards: as given, one per item, the same at every step.");
  }
  for (const s of e.steps) {
    lines.push(`Step ${s.step}:`);
    for (const l of s.lines) lines.push(`  ${l}`);
  }
  lines.push(`Final: ${e.final.join(", ")}`);
  lines.push(`Stable under a constant reward: ${e.stable ? "yes" : "no"} (${e.stability}).`);
  if (clicked >= 0 && (e.rule === "additive" || e.rule === "ema")) {
    const c = names[clicked];
    const others = names.filter((_, k) => k !== clicked).join(" and ");
    lines.push("");
    lines.push(
      `Note on the source articles: they print every weight up by ${alpha} after the click on ${c}. That is wrong. ` +
        (e.rule === "additive"
          ? `In the additive form only ${c} moves: ${others} get r = 0, so α·r = 0 and their weights stay where they were. `
          : `In the ema form ${c} moves up toward its reward 1, and ${others} move down toward their reward 0; none goes up by ${alpha}. `) +
        `Every weight would rise by ${alpha} only if every item had been clicked (r = 1 for all) under the additive form.`,
    );
  }
  return lines.join("\n") + "\n";
}

export async function explainCommand(flags: Flags): Promise<void> {
  const rule = flags.required("rule", `one of ${EXPLAIN_RULES.join(", ")}`) as ExplainRule;
  if (!EXPLAIN_RULES.includes(rule)) throw new UsageError(`--rule: unknown rule '${rule}' (allowed: ${EXPLAIN_RULES.join(", ")})`);
  const rate = (flag: string, field: "alpha" | "beta" | "history", otherwise: number) => {
    const raw = flags.string(flag);
    return raw === undefined ? otherwise : (readSetting(POLICY_SCHEMA, field, raw, `--${flag}`) as number);
  };
  if (flags.string("alpha") === undefined) throw new UsageError("explain: --alpha is required (a number, e.g. 0.1)");
  const alpha = rate("alpha", "alpha", NaN);
  // With no --beta the rules that read β run without history (β = 0), as the source articles' arithmetic does.
  const beta = rate("beta", "beta", 0);
  const history = rate("history", "history", POLICY_SCHEMA.fields.history.default);
  const weights = numbers("weights", flags.required("weights", "a comma list, e.g. 0.5,0.5,0.5"));
  const rewards = numbers("rewards", flags.required("rewards", "a comma list, one per weight, e.g. 0,1,0"));
  const steps = flags.integer("steps", 1, 100000) ?? 1;
  const json = flags.bool("json");
  flags.done();
  if (rewards.length !== weights.length) {
    throw new UsageError(`--rewards: expected ${weights.length} values (one per weight), got ${rewards.length}`);
  }
  const names = weights.map((_, k) => itemName(k));
  const e = explain(rule, { alpha, beta, history }, weights, rewards, steps, names);
  const diverged = e.steps.find((s) => !s.weights.every(Number.isFinite));
  if (diverged) {
    const item = names[diverged.weights.findIndex((w) => !Number.isFinite(w))];
    throw new UsageError(`--steps: the weight of item ${item} becomes ${diverged.weights.find((w) => !Number.isFinite(w))} at step ${diverged.step} (this rule diverges with these settings; allowed: at most ${diverged.step - 1} steps)`);
  }
  if (json) {
    process.stdout.write(JSON.stringify({ steps: e.steps.map(({ step, weights }) => ({ step, weights })), final: e.final, stable: e.stable }) + "\n");
  } else process.stdout.write(explainText(e, alpha, beta, names, weights, rewards));
}
