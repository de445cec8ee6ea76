import { once } from "node:events";
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { InThreadNormaliser, type Normalisation, type PendingRows, type RowNormaliser } from "../../lib/index.js";
import { JOBS, TicketQueue, type SlotBuffers } from "./ticket-queue.js";

/** A slot's new buffers, posted to every worker before the first job that uses them is published. */
export interface BufferMessage {
  slot: number;
  generation: number;
  input: SharedArrayBuffer;
  output: SharedArrayBuffer;
}

/** What a worker reports on its port when it cannot finish a ticket. */
export interface FailureMessage {
  error: string;
}

/** Threads `drift-lab run` normalises on by default: two when the machine has two cores or more. */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/** `threads` − 1 worker threads beside the calling one; 1 (or less): in the calling thread only. */
export function createRowNormaliser(threads: number): RowNormaliser {
  return threads > 1 ? new ThreadedNormaliser(threads - 1) : new InThreadNormaliser();
}

/**
 * Normalises on worker threads while the loop goes on: submit copies the scores into the slot's shared input
 * buffer and publishes the job on a TicketQueue; result() runs the queue's tickets on the calling thread too until
 * the job is done, then returns a view of the slot's shared output buffer. Workers sleep between jobs
 * (Atomics.wait) and are terminated by dispose; they do not keep the process alive. A worker that fails to start
 * leaves all the work to the calling thread; one that fails on a ticket makes result() throw.
 */
export class ThreadedNormaliser implements RowNormaliser {
  private readonly queue = new TicketQueue();
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly buffers: SlotBuffers[] = [];
  /** The last job submitted to each slot. */
  private readonly lastJob: number[] = [];
  private nextJob = 0;
  private disposed = false;
  /** Resolves once every worker is serving (rejects if one fails first); the normaliser works before that too. */
  readonly ready: Promise<void>;

  constructor(workers: number) {
    for (let i = 0; i < workers; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(new URL("./worker-shim.js", import.meta.url), {
        workerData: { control: this.queue.control, constants: this.queue.constants, port: port2 },
        transferList: [port2],
      });
      worker.on("error", (e: Error) => process.stderr.write(`drift-lab: a normalisation worker failed (${e.message}); the loop's thread does its work\n`));
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
    this.ready = Promise.all(this.workers.map((w) => once(w, "message"))).then(() => {});
    this.ready.catch(() => {});
  }

  /** Tickets (runs of rows) the calling thread has normalised; the workers did the rest. */
  get ticketsRunHere(): number {
    return this.queue.ran;
  }

  /** Tickets submitted so far. */
  get ticketsSubmitted(): number {
    return this.queue.published();
  }

  /** Submitted tickets no thread has started yet. */
  get unclaimedTickets(): number {
    return this.queue.unclaimed();
  }

  submit(scores: Float32Array, rows: number, n: number, kind: Normalisation, rankConstant: number, slot: number): PendingRows {
    if (this.disposed) throw new Error("row normaliser: used after dispose");
    const size = rows * n;
    if (this.lastJob[slot] !== undefined) this.finish(this.lastJob[slot]);
    const job = this.nextJob;
    if (job >= JOBS) this.finish(job - JOBS);
    const buffers = this.slot(slot, size);
    buffers.input.set(scores.subarray(0, size));
    this.queue.publish(job, slot, buffers.generation, rows, n, kind, rankConstant);
    this.nextJob++;
    this.lastJob[slot] = job;
    const output = buffers.output.subarray(0, size);
    return {
      result: () => {
        this.finish(job);
        return output;
      },
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.stop();
    for (const w of this.workers) w.terminate().catch(() => {});
    for (const p of this.ports) p.close();
  }

  private finish(job: number): void {
    // a job whose ring entry a later job has taken was finished before that job was published
    if (job < this.nextJob - JOBS || this.queue.finished(job)) return;
    this.queue.finish(job, (slot) => this.buffers[slot], () => this.failed());
  }

  private failed(): never {
    let reason = "a worker stopped";
    for (const port of this.ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) reason = (m.message as FailureMessage).error;
    }
    throw new Error(`row normaliser: ${reason}`);
  }

  /** The slot's buffers, replaced by larger ones (announced to the workers) when they hold fewer than `size` values. */
  private slot(slot: number, size: number): SlotBuffers {
    const current = this.buffers[slot];
    if (current && current.input.length >= size) return current;
    const length = Math.max(size, Math.ceil((current?.input.length ?? 0) * 1.25));
    const message: BufferMessage = {
      slot,
      generation: (current?.generation ?? 0) + 1,
      input: new SharedArrayBuffer(length * 4),
      output: new SharedArrayBuffer(length * 4),
    };
    for (const port of this.ports) port.postMessage(message);
    return (this.buffers[slot] = { generation: message.generation, input: new Float32Array(message.input), output: new Float32Array(message.output) });
  }
}
