import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The signal that ended the process (SIGKILL from an injected fault), if one did. */
  signal?: string | null;
}

/** Runs `node bin/drift-lab.js …` from the project root (or `cwd`) and collects its exit code and output. */
export function cli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((done) => {
    const env = options.env ? { ...process.env, ...options.env } : undefined;
    execFile(process.execPath, [join(ROOT, "bin/drift-lab.js"), ...args], { cwd: options.cwd ?? ROOT, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr, signal: error?.signal ?? null });
    });
  });
}

/**
 * Runs the command with the fault injector of test/support/fault.cjs: at the `at`-th file-system call under `under`,
 * `kill` the process or fail with ENOSPC (a full disk).
 */
export function cliWithFault(args: string[], fault: { action: "kill" | "ENOSPC"; at: number; under: string }): Promise<CliResult> {
  return cli(args, {
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${join(ROOT, "test/support/fault.cjs")}`.trim(),
      DRIFT_LAB_FAULT: `${fault.action}@${fault.at}`,
      DRIFT_LAB_FAULT_UNDER: fault.under,
    },
  });
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `drift-lab-${label}-`));
}

export function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf8");
}

/** A small, fast run of a scenario: `--rounds 20` at 60 users × 200 items unless overridden. */
export const SMALL = ["--rounds", "20", "--set", "world.users=60", "--set", "world.items=200"];

/**
 * Runs the command line's `main()` in this process (no process start-up: fast), collecting what it writes.
 * The exit code is what bin/drift-lab.js would set.
 */
export async function cliInProcess(args: string[]): Promise<CliResult> {
  const { main } = await import("../../cli/main.js");
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Exit code 2 and exactly one line on stderr, naming what is wrong, with no stack trace. Returns the line. */
export function expectUsageError(r: CliResult, ...fragments: (string | RegExp)[]): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^drift-lab: /);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  for (const f of fragments) expect(lines[0]).toMatch(f);
  return lines[0];
}

/**
 * A command that failed after it started working: exit 2 and exactly one error line, the last on stderr (progress
 * lines may come before it), no stack trace. Returns the line.
 */
export function expectFailure(r: CliResult, ...fragments: (string | RegExp)[]): string {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines.filter((l) => l.startsWith("drift-lab:")), r.stderr).toHaveLength(1);
  const last = lines[lines.length - 1];
  expect(last).toMatch(/^drift-lab: /);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  for (const f of fragments) expect(last).toMatch(f);
  return last;
}
