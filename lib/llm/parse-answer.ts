/** Why an answer was rejected (the run then falls back: see policy.ts). */
export type AnswerFailure = "invalid_json" | "no_weights" | "unknown_component" | "missing_component" | "not_a_number" | "negative" | "non_finite" | "zero_sum";

/** Repairs made when the intent is unambiguous; each is counted. */
export type AnswerRepair = "extracted" | "unwrapped" | "renamed" | "number_text" | "missing_as_zero" | "normalised";

export type ParsedAnswer =
  | { ok: true; weights: Float64Array; reason: string; repairs: AnswerRepair[] }
  | { ok: false; failure: AnswerFailure; detail: string };

/** A sum this close to 1 (or to 100, for percentages) counts as 1: rounding, not a repair. */
const SUM_TOLERANCE = 0.01;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const fold = (name: string) => name.trim().toLowerCase().replace(/[\s_]+/g, "-");

function parseJson(text: string): { value: unknown; extracted: boolean } | null {
  try {
    return { value: JSON.parse(text), extracted: false };
  } catch {
    // prose or a code fence around one object: take the text from the first { to the last }
    const from = text.indexOf("{");
    const to = text.lastIndexOf("}");
    if (from < 0 || to <= from) return null;
    try {
      return { value: JSON.parse(text.slice(from, to + 1)), extracted: true };
    } catch {
      return null;
    }
  }
}

function numberOf(v: unknown): { value: number; text: boolean } | null {
  if (typeof v === "number") return { value: v, text: false };
  if (typeof v !== "string") return null;
  const t = v.trim();
  const percent = t.endsWith("%");
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return null;
  return { value: Number(body) / (percent ? 100 : 1), text: true };
}

/**
 * Reads the model's answer into blend weights on the simplex, in component order.
 *
 * Repaired (unambiguous): JSON inside prose or a code fence; the weights given at the top level instead of under
 * `weights` (every key a component); a component named with other case, spaces or underscores when exactly one
 * component matches; numbers written as text or percentages; components left out when the rest already sum to
 * 1 (or 100): they get 0; weights that do not sum to 1 (percentages, say): divided by their sum.
 * Rejected: anything that is not one JSON object; no weights; a key that names no component; a value that is
 * not a number; a negative or non-finite weight; weights summing to 0; components left out of weights that do
 * not already sum to 1.
 */
export function parseAnswer(text: string, components: string[]): ParsedAnswer {
  const repairs: AnswerRepair[] = [];
  const json = parseJson(text);
  if (!json || !isObject(json.value)) return { ok: false, failure: "invalid_json", detail: json ? "not a JSON object" : "not JSON" };
  if (json.extracted) repairs.push("extracted");
  const answer = json.value;
  let given: Record<string, unknown>;
  if (isObject(answer.weights)) given = answer.weights;
  else {
    const keys = Object.keys(answer).filter((k) => k !== "reason");
    if (keys.length === 0 || !keys.every((k) => components.includes(k))) return { ok: false, failure: "no_weights", detail: "no weights object" };
    given = Object.fromEntries(keys.map((k) => [k, answer[k]]));
    repairs.push("unwrapped");
  }
  const values = new Map<number, number>();
  for (const [key, raw] of Object.entries(given)) {
    let k = components.indexOf(key);
    if (k < 0) {
      const matches = components.flatMap((c, j) => (fold(c) === fold(key) ? [j] : []));
      if (matches.length !== 1) return { ok: false, failure: "unknown_component", detail: `'${key.slice(0, 40)}'` };
      k = matches[0];
      if (!repairs.includes("renamed")) repairs.push("renamed");
    }
    if (values.has(k)) return { ok: false, failure: "unknown_component", detail: `'${components[k]}' given twice` };
    const n = numberOf(raw);
    if (!n) return { ok: false, failure: "not_a_number", detail: `${components[k]}: ${JSON.stringify(raw)?.slice(0, 40)}` };
    if (n.text && !repairs.includes("number_text")) repairs.push("number_text");
    if (!Number.isFinite(n.value)) return { ok: false, failure: "non_finite", detail: `${components[k]}: ${n.value}` };
    if (n.value < 0) return { ok: false, failure: "negative", detail: `${components[k]}: ${n.value}` };
    values.set(k, n.value);
  }
  const sum = [...values.values()].reduce((s, v) => s + v, 0);
  if (values.size < components.length) {
    const complete = Math.abs(sum - 1) <= SUM_TOLERANCE || Math.abs(sum - 100) <= 100 * SUM_TOLERANCE;
    const missing = components.filter((_, k) => !values.has(k));
    if (!complete) return { ok: false, failure: "missing_component", detail: missing.join(", ") };
    repairs.push("missing_as_zero");
  }
  if (!(sum > 0)) return { ok: false, failure: "zero_sum", detail: "every weight is 0" };
  if (!Number.isFinite(sum)) return { ok: false, failure: "non_finite", detail: "the weights' sum overflows" };
  if (Math.abs(sum - 1) > SUM_TOLERANCE) repairs.push("normalised");
  const weights = Float64Array.from(components, (_, k) => (values.get(k) ?? 0) / sum);
  const reason = typeof answer.reason === "string" ? answer.reason : "";
  return { ok: true, weights, reason, repairs };
}
