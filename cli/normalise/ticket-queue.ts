// The normalising worker thread loads this module: it imports the one lib module it runs, not lib/index.ts (which
// would load every component, TensorFlow.js included, into each worker).
import { NORMALISATIONS, normaliseRows, RankScratch, type Normalisation } from "../../lib/recommenders/normalise.js";

/** A slot's shared buffers as one thread sees them: scores in, normalised values out. */
export interface SlotBuffers {
  generation: number;
  input: Float32Array;
  output: Float32Array;
}

/** Finds the buffers of `slot` at `generation` (a worker may first have to receive them). */
export type BufferLookup = (slot: number, generation: number) => SlotBuffers;

/** Jobs that may be outstanding at once; submitting job j first finishes job j − JOBS. */
export const JOBS = 16;
/** A job is cut into at most this many tickets (runs of rows), so ticket numbers fit 16 bits. */
export const TICKETS_PER_JOB = 64;
/** Entries of the ticket → (job, run of rows) table: a power of two, enough for JOBS outstanding jobs. */
const TICKET_RING = JOBS * TICKETS_PER_JOB;

const PUBLISHED = 0;
const CLAIMED = 1;
const WAKE = 2;
const STOP = 3;
const FAILED = 4;
const JOB_BASE = 8;
const SLOT = 0;
const ROWS = 1;
const N = 2;
const KIND = 3;
const PER_TICKET = 4;
const TICKET_COUNT = 5;
const DONE = 6;
const GENERATION = 7;
const FIELDS = 8;
const TICKET_BASE = JOB_BASE + JOBS * FIELDS;
const WORDS = TICKET_BASE + TICKET_RING;

/**
 * The shared-memory queue of normalisation work between the loop's thread and its workers, who cannot receive
 * messages while the loop runs a round. A job (one component's scores) is cut into tickets of consecutive rows;
 * tickets are numbered in submission order and claimed one at a time by whichever thread is free (compare-and-swap
 * on the claimed counter), so the loop's thread can join in while it waits. Each job counts its finished tickets;
 * the thread that finishes a job's last ticket wakes anyone waiting for it. Counters wrap at 2³², compared modulo.
 */
export class TicketQueue {
  readonly control: SharedArrayBuffer;
  readonly constants: SharedArrayBuffer;
  private readonly words: Int32Array;
  private readonly rankConstants: Float64Array;
  private scratch = new RankScratch(0);
  /** Tickets this thread has run. */
  ran = 0;

  constructor(control = new SharedArrayBuffer(WORDS * 4), constants = new SharedArrayBuffer(JOBS * 8)) {
    this.control = control;
    this.constants = constants;
    this.words = new Int32Array(control);
    this.rankConstants = new Float64Array(constants);
  }

  /**
   * Writes job `job`'s descriptor into its ring entry and publishes its tickets. Only one thread publishes; the
   * entry's previous job must be finished, and the slot's input must already hold the scores.
   */
  publish(job: number, slot: number, generation: number, rows: number, n: number, kind: Normalisation, rankConstant: number): void {
    const w = this.words;
    const ring = job % JOBS;
    const base = JOB_BASE + ring * FIELDS;
    const perTicket = Math.max(1, Math.ceil(rows / TICKETS_PER_JOB));
    const tickets = Math.ceil(rows / perTicket);
    w[base + SLOT] = slot;
    w[base + ROWS] = rows;
    w[base + N] = n;
    w[base + KIND] = NORMALISATIONS.indexOf(kind);
    w[base + PER_TICKET] = perTicket;
    w[base + TICKET_COUNT] = tickets;
    w[base + GENERATION] = generation;
    this.rankConstants[ring] = rankConstant;
    Atomics.store(w, base + DONE, 0);
    const first = Atomics.load(w, PUBLISHED);
    for (let t = 0; t < tickets; t++) w[TICKET_BASE + ((first + t) & (TICKET_RING - 1))] = (ring << 16) | t;
    Atomics.store(w, PUBLISHED, (first + tickets) | 0);
    Atomics.add(w, WAKE, 1);
    Atomics.notify(w, WAKE);
  }

  /** True once every ticket of job `job` (still in its ring entry) is done. */
  finished(job: number): boolean {
    const base = JOB_BASE + (job % JOBS) * FIELDS;
    return Atomics.load(this.words, base + DONE) >= this.words[base + TICKET_COUNT];
  }

  /**
   * Runs tickets (any job's, oldest first) until job `job` is finished; sleeps when the rest of its tickets are
   * claimed by others. `failed()` is checked while waiting: a worker that fails leaves its ticket unfinished.
   */
  finish(job: number, lookup: BufferLookup, failed: () => void): void {
    const w = this.words;
    const base = JOB_BASE + (job % JOBS) * FIELDS;
    const tickets = w[base + TICKET_COUNT];
    for (;;) {
      const done = Atomics.load(w, base + DONE);
      if (done >= tickets) return;
      if (Atomics.load(w, FAILED)) failed();
      const t = this.claim();
      if (t !== null) this.run(t, lookup);
      else Atomics.wait(w, base + DONE, done, 100);
    }
  }

  /** A worker's loop: runs tickets as they are published, sleeps when there are none, returns once stopped. */
  serve(lookup: BufferLookup): void {
    const w = this.words;
    for (;;) {
      const wake = Atomics.load(w, WAKE);
      if (Atomics.load(w, STOP)) return;
      const t = this.claim();
      if (t !== null) this.run(t, lookup);
      else Atomics.wait(w, WAKE, wake);
    }
  }

  /** Marks the queue failed (a worker could not finish a ticket) and wakes every waiter. */
  fail(): void {
    Atomics.store(this.words, FAILED, 1);
    for (let j = 0; j < JOBS; j++) Atomics.notify(this.words, JOB_BASE + j * FIELDS + DONE);
  }

  /** Tickets published so far (modulo 2³²). */
  published(): number {
    return Atomics.load(this.words, PUBLISHED);
  }

  /** Published tickets no thread has claimed yet. */
  unclaimed(): number {
    return (Atomics.load(this.words, PUBLISHED) - Atomics.load(this.words, CLAIMED)) | 0;
  }

  /** Tells the workers to return from `serve`. */
  stop(): void {
    Atomics.store(this.words, STOP, 1);
    Atomics.add(this.words, WAKE, 1);
    Atomics.notify(this.words, WAKE);
  }

  private claim(): number | null {
    const w = this.words;
    for (;;) {
      const t = Atomics.load(w, CLAIMED);
      if (((Atomics.load(w, PUBLISHED) - t) | 0) <= 0) return null;
      if (Atomics.compareExchange(w, CLAIMED, t, (t + 1) | 0) === t) return t;
    }
  }

  private run(ticket: number, lookup: BufferLookup): void {
    const w = this.words;
    const entry = w[TICKET_BASE + (ticket & (TICKET_RING - 1))];
    const ring = entry >>> 16;
    const base = JOB_BASE + ring * FIELDS;
    const n = w[base + N];
    const rows = w[base + ROWS];
    const perTicket = w[base + PER_TICKET];
    const { input, output } = lookup(w[base + SLOT], w[base + GENERATION]);
    const from = (entry & 0xffff) * perTicket;
    const to = Math.min(rows, from + perTicket);
    if (this.scratch.keys.length < n) this.scratch = new RankScratch(n);
    const kind = NORMALISATIONS[w[base + KIND]];
    normaliseRows(input.subarray(from * n, to * n), to - from, n, kind, output.subarray(from * n, to * n), this.rankConstants[ring], this.scratch);
    this.ran++;
    if (Atomics.add(w, base + DONE, 1) + 1 === w[base + TICKET_COUNT]) Atomics.notify(w, base + DONE);
  }
}
