import type { LlmClient } from "./client.js";

/** What the simulation gives `policy.kind=llm` besides its config: the client and what the prompt reads. */
export interface LlmEnvironment {
  client: LlmClient;
  /** Rounds in the run (no call is made after the last). */
  rounds: number;
  /** Rounds in one day of the world's clock (the prompt's time of day). */
  roundsPerDay: number;
  title(item: number): string;
  /** The run's review-sentiment reader, P(positive) per text, when its encoder has one. */
  sentiment?: (texts: string[]) => ArrayLike<number>;
}
