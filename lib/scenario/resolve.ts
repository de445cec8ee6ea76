import { NORMALISATIONS } from "../recommenders/normalise.js";
import { COMPONENTS } from "../recommenders/registry.js";
import { POLICY_KINDS } from "../weighting/registry.js";
import { CREDIT_KINDS } from "../weighting/credit.js";
import { RULES } from "../weighting/rules/index.js";
import { DEFAULT_DRIFT_PARAMETERS } from "../world/config.js";
import { DEFAULT_SCENARIO, type ScenarioConfig } from "./config.js";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys whose values are open maps (any key allowed), with the shape of one entry where it is known. */
const OPEN_MAPS = new Set(["policy.weights", "recommender.options", "policy.options"]);

const ENUMS: Record<string, () => string[]> = {
  "policy.kind": () => POLICY_KINDS,
  "policy.level": () => ["global", "user", "segment"],
  "policy.credit": () => CREDIT_KINDS,
  "policy.simplex.kind": () => ["softmax", "floor"],
  "policy.segments.by": () => ["credit", "activity", "hash"],
  "policy.profile.rule": () => [...RULES],
  "recommender.normalisation": () => NORMALISATIONS,
  "encoder.kind": () => ["hashing", "lm", "minilm"],
  "encoder.fallback": () => ["none", "hashing", "lm"],
  "data.source": () => ["synthetic", "movielens"],
};

/** [min, max, integer] for numeric fields; both ends inclusive. */
const RANGES: Record<string, [number, number, boolean?]> = {
  "world.topics": [2, 64, true],
  "world.users": [1, 1e6, true],
  "world.items": [2, 1e6, true],
  "world.initialUsers": [0, 1],
  "world.initialItems": [0, 1],
  "world.activeFraction": [0, 1],
  "world.topicsPerItem": [1, 64, true],
  "world.favouriteTopics": [1, 64, true],
  "world.relevantN": [1, 1e6, true],
  "world.qualitySd": [0, 10],
  "world.behaviour.examinationDecay": [0, 10],
  "world.behaviour.noiseSd": [0, 10],
  "world.behaviour.queryRate": [0, 1],
  "world.behaviour.reviewRate": [0, 1],
  "world.drift.gradual.reversion": [0, 1],
  "world.drift.gradual.sd": [0, 10],
  "world.drift.gradual.centreSd": [0, 10],
  "world.drift.shift.rate": [0, 10],
  "world.drift.shift.fraction": [0, 1],
  "world.drift.periodic.period": [1, 1e6],
  "world.drift.trend.rate": [0, 10],
  "world.drift.trend.decay": [1e-9, 1e6],
  "world.drift.satiation.decay": [0, 1],
  "world.drift.sequential.decay": [0, 1],
  "recommender.k": [1, 1000, true],
  "recommender.rankConstant": [0.001, 1e6],
  "recommender.diversity": [0, 1],
  "recommender.pool": [1, 1e6, true],
  "policy.alpha": [0, 4],
  "policy.beta": [0, 0.999999],
  "policy.simplex.temperature": [1e-6, 1e6],
  "policy.simplex.floor": [1e-9, 1],
  "policy.simplex.maxStep": [0, 1],
  "policy.segments.count": [1, 1000, true],
  "policy.segments.shrinkage": [0, 1e9],
  "policy.segments.minSlates": [0, 1e6, true],
  "policy.profile.alpha": [0, 4],
  "policy.profile.beta": [0, 0.999999],
  "encoder.dim": [2, 4096, true],
  "run.rounds": [1, 1e6, true],
  "run.seed": [0, 2 ** 31, true],
};

/** The shape every path is checked against: the defaults, with each drift kind's parameters. */
function schema(): Obj {
  const s = structuredClone(DEFAULT_SCENARIO) as unknown as Obj;
  ((s.world as Obj).drift as Obj) = structuredClone(DEFAULT_DRIFT_PARAMETERS) as unknown as Obj;
  return s;
}

function describe(v: unknown): string {
  return typeof v === "string" ? `'${v}'` : JSON.stringify(v);
}

function check(path: string, value: unknown, shape: unknown): unknown {
  if (OPEN_MAPS.has(path)) {
    if (!isObject(value)) throw new ConfigError(`${path}: expected an object, got ${describe(value)}`);
    return structuredClone(value);
  }
  if (isObject(shape)) {
    if (path.startsWith("world.drift.") && path.split(".").length === 3 && (value === true || value === "on")) return structuredClone(shape);
    if (!isObject(value)) throw new ConfigError(`${path}: expected an object with keys ${Object.keys(shape).join(", ")}, got ${describe(value)}`);
    const out: Obj = {};
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) throw new ConfigError(`${path ? path + "." : ""}${key}: unknown field (allowed: ${Object.keys(shape).join(", ")})`);
    }
    for (const key of Object.keys(shape)) {
      const sub = path ? `${path}.${key}` : key;
      if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = check(sub, value[key], shape[key]);
    }
    return out;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw new ConfigError(`${path}: expected a list, got ${describe(value)}`);
    return value.map((v, i) => {
      const elementType = path === "recommender.components" ? "string" : "number";
      if (typeof v !== elementType || (elementType === "number" && !Number.isFinite(v))) {
        throw new ConfigError(`${path}[${i}]: expected a ${elementType}, got ${describe(v)}`);
      }
      return v;
    });
  }
  if (typeof shape === "number") {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new ConfigError(`${path}: expected a number, got ${describe(value)}`);
    const range = RANGES[path];
    if (range) {
      const [min, max, integer] = range;
      if (integer && !Number.isInteger(value)) throw new ConfigError(`${path}: expected an integer in [${min}, ${max}], got ${value}`);
      if (value < min || value > max) throw new ConfigError(`${path}: ${value} is out of range (allowed: ${min} to ${max})`);
    }
    return value;
  }
  if (typeof shape === "string") {
    if (typeof value !== "string") throw new ConfigError(`${path}: expected a string, got ${describe(value)}`);
    const allowed = ENUMS[path]?.();
    if (allowed && !allowed.includes(value)) throw new ConfigError(`${path}: unknown value '${value}' (allowed: ${allowed.join(", ")})`);
    return value;
  }
  if (typeof shape === "boolean" && typeof value !== "boolean") throw new ConfigError(`${path}: expected true or false, got ${describe(value)}`);
  return value;
}

function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? structuredClone(base) : structuredClone(over);
  const out: Obj = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? merge(out[k], v) : structuredClone(v);
  return out;
}

/** Fill every drift kind that is switched on with its default parameters. */
function fillDrift(partial: Obj): void {
  const drift = (partial.world as Obj | undefined)?.drift as Obj | undefined;
  if (!drift) return;
  for (const [kind, value] of Object.entries(drift)) {
    const defaults = (DEFAULT_DRIFT_PARAMETERS as Record<string, unknown>)[kind];
    if (value === false || value === null || value === "off") delete drift[kind];
    else if (defaults) drift[kind] = merge(defaults, isObject(value) ? value : {});
  }
}

/**
 * A fully resolved scenario from a partial one: every field checked against the defaults' shape, ranges and
 * allowed values; errors name the dotted path. Returns a fresh object; never writes into its input.
 */
export function resolveScenario(partial: unknown, sets: string[] = []): ScenarioConfig {
  if (!isObject(partial)) throw new ConfigError(`scenario: expected a JSON object, got ${describe(partial)}`);
  const withSets = structuredClone(partial) as Obj;
  for (const assignment of sets) applySet(withSets, assignment);
  fillDrift(withSets);
  const checked = check("", withSets, schema()) as Obj;
  const resolved = merge(DEFAULT_SCENARIO, checked) as ScenarioConfig;
  resolved.world.drift = (checked.world as Obj | undefined)?.drift ? ((checked.world as Obj).drift as ScenarioConfig["world"]["drift"]) : {};
  validateCrossFields(resolved);
  return resolved;
}

function validateCrossFields(c: ScenarioConfig): void {
  if (c.recommender.components.length === 0) throw new ConfigError("recommender.components: needs at least one component");
  for (const name of c.recommender.components) {
    if (!COMPONENTS.includes(name)) throw new ConfigError(`recommender.components: unknown component '${name}' (allowed: ${COMPONENTS.join(", ")})`);
  }
  if (new Set(c.recommender.components).size !== c.recommender.components.length) {
    throw new ConfigError("recommender.components: a component is listed twice");
  }
  const seg = c.world.segments;
  for (const field of ["popularityWeight", "trendWeight", "activityWeight"] as const) {
    if (seg[field].length !== seg.share.length) {
      throw new ConfigError(`world.segments.${field}: expected ${seg.share.length} values (one per world.segments.share), got ${seg[field].length}`);
    }
  }
  if (seg.share.some((s) => s < 0) || (seg.share.length > 0 && !seg.share.some((s) => s > 0))) {
    throw new ConfigError("world.segments.share: expected non-negative shares with a positive sum");
  }
  if (c.world.topicsPerItem > c.world.topics) throw new ConfigError(`world.topicsPerItem: ${c.world.topicsPerItem} exceeds world.topics (${c.world.topics})`);
  if (c.world.favouriteTopics >= c.world.topics) throw new ConfigError(`world.favouriteTopics: must be below world.topics (${c.world.topics})`);
  if (c.recommender.k > c.world.items) throw new ConfigError(`recommender.k: ${c.recommender.k} exceeds world.items (${c.world.items})`);
  for (const round of c.world.drift.shift?.at ?? []) {
    if (!Number.isInteger(round) || round < 1 || round >= c.run.rounds) {
      throw new ConfigError(`world.drift.shift.at: round ${round} is outside the run (allowed: 1 to ${c.run.rounds - 1})`);
    }
  }
}

/** Applies `key=value` with a dotted key to a partial scenario; the value's type follows the defaults. */
export function applySet(target: Obj, assignment: string): void {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new ConfigError(`--set: expected key=value, got '${assignment}'`);
  const path = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1).trim();
  const keys = path.split(".");
  let shape: unknown = schema();
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j];
    const at = keys.slice(0, j).join(".");
    if (key === "" || key === "__proto__" || key === "constructor" || key === "prototype") {
      throw new ConfigError(`--set ${path}: '${key}' is not a field name`);
    }
    if (isObject(shape) && !OPEN_MAPS.has(at)) {
      if (!Object.hasOwn(shape, key)) {
        throw new ConfigError(`--set ${path}: unknown field '${key}'${at ? ` in ${at}` : ""} (allowed: ${Object.keys(shape).join(", ")})`);
      }
      shape = shape[key];
    } else shape = undefined;
  }
  const value = parseValue(path, raw, shape);
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Obj;
  }
  node[keys[keys.length - 1]] = value;
}

function parseValue(path: string, raw: string, shape: unknown): Json {
  if (raw.startsWith("{") || raw.startsWith("[")) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      throw new ConfigError(`--set ${path}: '${raw}' is not valid JSON`);
    }
  }
  if (Array.isArray(shape) || (path === "recommender.components")) {
    const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
    if (path === "recommender.components") return parts;
    return parts.map((p) => {
      const n = Number(p);
      if (!Number.isFinite(n)) throw new ConfigError(`--set ${path}: expected a comma list of numbers, got '${raw}'`);
      return n;
    });
  }
  if (typeof shape === "number" || (shape === undefined && /^-?\d/.test(raw))) {
    const n = Number(raw);
    if (raw === "" || !Number.isFinite(n)) throw new ConfigError(`${path}: expected a number, got '${raw}'`);
    return n;
  }
  if (typeof shape === "boolean") {
    if (raw !== "true" && raw !== "false") throw new ConfigError(`${path}: expected true or false, got '${raw}'`);
    return raw === "true";
  }
  if (isObject(shape)) {
    if (raw === "on" || raw === "off") return raw;
    throw new ConfigError(`--set ${path}: is a group of fields (${Object.keys(shape).join(", ")}); set one of them, or 'on'/'off' for a drift kind`);
  }
  return raw;
}
