import { type LlmCall, type LlmClient, type RoundRecord, type ScenarioConfig, Simulation, type Vocabulary } from "../lib/index.js";

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
    /** Answers policy.kind=llm from a transcript (the browser runs no model). */
    readonly llm?: LlmClient,
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
      this.simulation = new Simulation(this.config, this.vocabulary, { trace: true, llm: this.llm });
      this.status = "ready";
    } catch (e) {
      this.simulation = null;
      this.fail(e);
    }
    this.emit();
  }

  run(): void {
    if (!this.simulation || this.status === "running" || this.status === "done" || this.status === "error") return;
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

  /** Plays exactly one round and pauses. */
  step(): void {
    if (!this.simulation || this.status === "done" || this.status === "error") return;
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
