import type { Stream } from "../random/stream.js";

/** An integer seed for a TensorFlow.js initializer, drawn from the component's stream. */
export function tfSeed(stream: Stream): number {
  return Math.floor(stream.next() * 2 ** 31);
}
