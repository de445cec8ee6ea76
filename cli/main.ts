import { ConfigError, CsvError, NonFiniteWeightError } from "../lib/index.js";
import { Flags, parseArgs, UsageError, type FlagSpec } from "./args.js";
import { setupBackend } from "./backend.js";
import { CLUSTER_FLAGS, CLUSTER_HELP, clusterCommand } from "./commands/cluster.js";
import { COMPARE_FLAGS, COMPARE_HELP, compareCommand } from "./commands/compare.js";
import { DATA_FLAGS, DATA_HELP, dataCommand } from "./commands/data.js";
import { EMBED_FLAGS, EMBED_HELP, embedCommand } from "./commands/embed.js";
import { EXPLAIN_FLAGS, EXPLAIN_HELP, explainCommand } from "./commands/explain.js";
import { LANGUAGE_FLAGS, LANGUAGE_HELP, languageCommand } from "./commands/language.js";
import { SWEEP_FLAGS, SWEEP_HELP, sweepCommand } from "./commands/sweep.js";
import { TUNE_FLAGS, TUNE_HELP, tuneCommand } from "./commands/tune.js";
import { reason } from "./io-error.js";
import { METRICS_FLAGS, METRICS_HELP, metricsCommand } from "./commands/metrics.js";
import { REPLAY_FLAGS, REPLAY_HELP, replayCommand } from "./commands/replay.js";
import { RUN_FLAGS, RUN_HELP, runCommand } from "./commands/run.js";

interface Command {
  help: string;
  /** Every flag the command takes; its help names each one. */
  flags: FlagSpec;
  run(flags: Flags): Promise<void>;
}

export const COMMANDS: Record<string, Command> = {
  run: { help: RUN_HELP, flags: RUN_FLAGS, run: runCommand },
  metrics: { help: METRICS_HELP, flags: METRICS_FLAGS, run: metricsCommand },
  explain: { help: EXPLAIN_HELP, flags: EXPLAIN_FLAGS, run: explainCommand },
  sweep: { help: SWEEP_HELP, flags: SWEEP_FLAGS, run: sweepCommand },
  tune: { help: TUNE_HELP, flags: TUNE_FLAGS, run: tuneCommand },
  compare: { help: COMPARE_HELP, flags: COMPARE_FLAGS, run: compareCommand },
  data: { help: DATA_HELP, flags: DATA_FLAGS, run: dataCommand },
  replay: { help: REPLAY_HELP, flags: REPLAY_FLAGS, run: replayCommand },
  embed: { help: EMBED_HELP, flags: EMBED_FLAGS, run: embedCommand },
  language: { help: LANGUAGE_HELP, flags: LANGUAGE_FLAGS, run: languageCommand },
  cluster: { help: CLUSTER_HELP, flags: CLUSTER_FLAGS, run: clusterCommand },
};

function usage(): string {
  return `drift-lab: a simulation lab for recommenders that re-weigh themselves from live feedback

Commands:
${Object.values(COMMANDS)
  .map((c) => "  " + c.help.split("\n")[0])
  .join("\n")}

drift-lab <command> --help for details.
`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(", ")})`);
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(command.help + "\n");
      return 0;
    }
    const parsed = parseArgs(rest, command.flags, name);
    await setupBackend();
    await command.run(new Flags(parsed, name));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof CsvError) {
      process.stderr.write(`drift-lab: ${e.message}\n`);
      return 2;
    }
    if (e instanceof NonFiniteWeightError) {
      process.stderr.write(`drift-lab: ${e.message}\n`);
      return 3;
    }
    const code = (e as NodeJS.ErrnoException)?.code;
    if (typeof code === "string" && /^E[A-Z0-9]+$/.test(code) && !(e instanceof TypeError) && !(e instanceof RangeError)) {
      // a file-system error no command wrapped: still one line, with the path when Node gives one
      const path = (e as NodeJS.ErrnoException).path;
      process.stderr.write(`drift-lab: ${path ? `'${path}': ` : ""}${reason(e)}\n`);
      return 2;
    }
    throw e;
  }
}
