import { type LlmCall, type LlmClient, type PretrainedVectors, pretrainedTextModel, type RoundRecord, type ScenarioConfig, Simulation, type Vocabulary } from "../lib/index.js";

export type EngineStatus = "ready" | "running" | "paused" | "done" | "error";

export interface EngineSnapshot {
  status: EngineStatus;
  /** Rounds played so far. */
  played: number;
  rounds: number;
  components: string[];
  records: RoundRecord[];
  last?: RoundRecord;
  error?: string;
  /** Wall-clock time from the first round of this run to now (or to the end), in milliseconds. */
  wallMs: number;
  /** Time spent inside Simulation.step, in milliseconds. */
  computeMs: number;
  /** policy.kind=llm: the calls so far (prompt, reply, outcome), by the round after which each was made. */
  llmCalls: readonly LlmCall[];
}

/**
 * A Simulation as the browser runs one (the page's engine and the compare view's worker): with the text model
 * drift-lab run builds, so that a seed gives the same run here as on the command line (hashing's is the Simulation's
 * default; pretrained needs the word vectors a data loader sends), and policy.kind=llm answered by `sources.llm`.
 */
export function browserSimulation(config: ScenarioConfig, vocabulary: Vocabulary, sources: Sources, options: { trace?: boolean } = {}): Simulation {
  const { pretrained, llm } = sources;
  const readsPretrained = config.encoder.kind === "pretrained";
  if (readsPretrained && !pretrained) throw new Error("encoder.kind: pretrained needs the word vectors, which this build of the site does not have (choose hashing)");
  const embeddings = readsPretrained ? pretrainedTextModel(config, vocabulary, pretrained!) : undefined;
  return new Simulation(config, vocabulary, { ...options, embeddings, llm });
}

/** What only the build can give a run: the pretrained word vectors (a page's data loader) for
 * encoder.kind=pretrained, and a transcript client that answers policy.kind=llm (the browser runs no model). */
export interface Sources {
  pretrained?: PretrainedVectors | null;
  llm?: LlmClient;
}

/**
 * Runs a Simulation in the browser without freezing the page: rounds are played in slices of about
 * `sliceMs`, and the page gets a snapshot after each slice (and after each single step).
 */
export class Engine {
  private simulation: Simulation | null = null;
  private records: RoundRecord[] = [];
  private status: EngineStatus = "ready";
  private error: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;
  private finished = 0;
  private computeMs = 0;
  private lastEmit = 0;
  private readonly listeners = new Set<(snapshot: EngineSnapshot) => void>();

  constructor(
    readonly config: ScenarioConfig,
    readonly vocabulary: Vocabulary,
    readonly sliceMs = 40,
    /** While running, snapshots go out at most this often (each one redraws the page's charts). */
    readonly emitMs = 150,
    /** What only the build can give a run (see Sources). */
    readonly sources: Sources = {},
  ) {
    this.reset();
  }

  subscribe(listener: (snapshot: EngineSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  snapshot(): EngineSnapshot {
    const end = this.status === "running" ? performance.now() : this.finished;
    return {
      status: this.status,
      played: this.records.length,
      rounds: this.config.run.rounds,
      components: this.config.recommender.components,
      records: this.records.slice(),
      last: this.records[this.records.length - 1],
      error: this.error,
      wallMs: this.started ? end - this.started : 0,
      computeMs: this.computeMs,
      llmCalls: this.simulation?.policy.llm?.calls().slice() ?? [],
    };
  }

  reset(): void {
    this.halt();
    this.simulation?.dispose();
    this.records = [];
    this.error = undefined;
    this.started = this.finished = this.computeMs = 0;
    try {
      this.simulation = browserSimulation(this.config, this.vocabulary, this.sources, { trace: true });
      this.status = "ready";
    } catch (e) {
      this.simulation = null;
      this.fail(e);
    }
    this.emit();
  }

  /** Plays rounds until the end (after the end, from round 0 again). */
  run(): void {
    if (this.status === "done") this.reset();
    if (!this.simulation || this.status === "running" || this.status === "error") return;
    if (!this.started) this.started = performance.now();
    this.status = "running";
    this.emit();
    this.schedule();
  }

  pause(): void {
    if (this.status !== "running") return;
    this.halt();
    this.status = "paused";
    this.finished = performance.now();
    this.emit();
  }

  /** Plays exactly one round and pauses; after the last round (or an error) it starts again from round 0. */
  step(): void {
    if (this.status === "done" || this.status === "error") this.reset();
    if (!this.simulation || this.status === "error") return;
    this.halt();
    if (!this.started) this.started = performance.now();
    this.status = "paused";
    this.advance();
    this.finished = performance.now();
    this.emit();
  }

  dispose(): void {
    this.halt();
    this.listeners.clear();
    this.simulation?.dispose();
    this.simulation = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), 0);
  }

  private halt(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private slice(): void {
    this.timer = undefined;
    const start = performance.now();
    while (this.status === "running" && performance.now() - start < this.sliceMs) this.advance();
    if (this.status !== "running") this.finished = performance.now();
    if (this.status !== "running" || performance.now() - this.lastEmit >= this.emitMs) this.emit();
    if (this.status === "running") this.schedule();
  }

  private advance(): void {
    const simulation = this.simulation;
    if (!simulation) return;
    try {
      const t0 = performance.now();
      this.records.push(simulation.step());
      this.computeMs += performance.now() - t0;
      if (simulation.done) {
        this.status = "done";
        this.finished = performance.now();
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    this.halt();
    this.status = "error";
    this.error = e instanceof Error ? e.message : String(e);
    this.finished = performance.now();
  }

  private emit(): void {
    this.lastEmit = performance.now();
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
