import { parseArgs as parseNodeArgs } from "node:util";
import { parseNumber } from "../lib/index.js";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** How a flag takes its value: `string` (the last one given counts), `multiple` (repeatable) or `boolean`. */
export type FlagKind = "string" | "multiple" | "boolean";

/** A command's flags by name; declared next to its help text, which names every one of them. */
export type FlagSpec = Readonly<Record<string, FlagKind>>;

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

/**
 * A command's arguments, tokenized by Node's util.parseArgs: `--name value`, `--name=value`, a boolean `--flag`
 * (or `--flag=true|false`), repeated flags in order, positionals, `--` ends the flags. Refused in one line: a flag
 * the command does not declare, a flag without its value (a value may start with one dash: `--alpha -1`).
 */
export function parseArgs(argv: string[], spec: FlagSpec, command: string): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, kind]) => [name, { type: kind === "boolean" ? ("boolean" as const) : ("string" as const), multiple: kind === "multiple" }]),
  );
  const { tokens } = parseNodeArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const kind = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (!kind) throw new UsageError(`${command}: unknown option ${token.rawName} (see drift-lab ${command} --help)`);
    let value = token.value;
    if (kind === "boolean") {
      if (value !== undefined && value !== "true" && value !== "false") throw new UsageError(`--${token.name}: takes no value, or true or false, got '${value}'`);
      value ??= "true";
    } else if (value === undefined || (!token.inlineValue && value.startsWith("--"))) {
      throw new UsageError(`--${token.name}: expects a value`);
    }
    flags.set(token.name, [...(flags.get(token.name) ?? []), value]);
  }
  return { flags, positionals };
}

export class Flags {
  private readonly used = new Set<string>();
  private positionalsRead = false;
  constructor(private readonly parsed: ParsedArgs, private readonly command: string) {}

  get positionals(): string[] {
    this.positionalsRead = true;
    return this.parsed.positionals;
  }

  string(name: string): string | undefined {
    this.used.add(name);
    const v = this.parsed.flags.get(name);
    return v ? v[v.length - 1] : undefined;
  }

  required(name: string, hint = ""): string {
    const v = this.string(name);
    if (v === undefined) throw new UsageError(`${this.command}: --${name} is required${hint ? ` (${hint})` : ""}`);
    return v;
  }

  all(name: string): string[] {
    this.used.add(name);
    return this.parsed.flags.get(name) ?? [];
  }

  /** The given values of `names` as `--name=value` arguments, in the order of `names` (a command line to pass on). */
  forward(names: string[]): string[] {
    return names.flatMap((name) => {
      this.used.add(name);
      return (this.parsed.flags.get(name) ?? []).map((v) => `--${name}=${v}`);
    });
  }

  bool(name: string): boolean {
    return this.string(name) === "true";
  }

  integer(name: string, min = -Infinity, max = Infinity): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = parseNumber(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name}: expected an integer${Number.isFinite(min) ? ` ≥ ${min}` : ""}${Number.isFinite(max) ? ` and ≤ ${max}` : ""}, got '${v}'`);
    }
    return n;
  }

  /**
   * Rejects arguments the command did not read: a positional, or a flag it declares but does not take in this form
   * (e.g. `data verify --dest`). Call after reading every flag.
   */
  done(): void {
    if (!this.positionalsRead && this.parsed.positionals.length > 0) {
      throw new UsageError(`${this.command}: unexpected argument '${this.parsed.positionals[0]}' (options start with --; see drift-lab ${this.command} --help)`);
    }
    for (const name of this.parsed.flags.keys()) {
      if (!this.used.has(name)) throw new UsageError(`${this.command}: unknown option --${name} (see drift-lab ${this.command} --help)`);
    }
  }
}
