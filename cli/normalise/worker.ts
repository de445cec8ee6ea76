import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import type { BufferMessage, FailureMessage } from "./threaded-normaliser.js";
import { TicketQueue, type SlotBuffers } from "./ticket-queue.js";

/** A normalisation worker: runs the queue's tickets until stopped (see ThreadedNormaliser). */
const { control, constants, port } = workerData as { control: SharedArrayBuffer; constants: SharedArrayBuffer; port: MessagePort };
const queue = new TicketQueue(control, constants);
const buffers: SlotBuffers[] = [];

/** Buffers are posted before the job that needs them is published, so they are already on the port. */
function lookup(slot: number, generation: number): SlotBuffers {
  while (!buffers[slot] || buffers[slot].generation < generation) {
    const received = receiveMessageOnPort(port);
    if (!received) throw new Error(`buffers of slot ${slot} (generation ${generation}) did not arrive`);
    const m = received.message as BufferMessage;
    buffers[m.slot] = { generation: m.generation, input: new Float32Array(m.input), output: new Float32Array(m.output) };
  }
  return buffers[slot];
}

try {
  parentPort!.postMessage("ready");
  queue.serve(lookup);
} catch (e) {
  const failure: FailureMessage = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  port.postMessage(failure);
  queue.fail();
}
port.close();
