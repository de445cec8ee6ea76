export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

/** `--name value`, `--name=value` and boolean `--flag`; repeated flags accumulate. */
export function parseArgs(argv: string[], booleans: string[] = []): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (booleans.includes(name)) value = "true";
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) throw new UsageError(`--${name}: expects a value`);
      value = argv[++i];
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
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

  bool(name: string): boolean {
    return this.string(name) === "true";
  }

  integer(name: string, min = -Infinity, max = Infinity): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`--${name}: expected an integer${Number.isFinite(min) ? ` ≥ ${min}` : ""}${Number.isFinite(max) ? ` and ≤ ${max}` : ""}, got '${v}'`);
    }
    return n;
  }

  number(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name}: expected a number, got '${v}'`);
    return n;
  }

  /** Rejects flags the command does not know, and arguments it does not read. Call after reading every flag. */
  done(): void {
    if (!this.positionalsRead && this.parsed.positionals.length > 0) {
      throw new UsageError(`${this.command}: unexpected argument '${this.parsed.positionals[0]}' (options start with --; see drift-lab ${this.command} --help)`);
    }
    for (const name of this.parsed.flags.keys()) {
      if (!this.used.has(name)) throw new UsageError(`${this.command}: unknown option --${name} (see drift-lab ${this.command} --help)`);
    }
  }
}
