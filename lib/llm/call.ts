import type { LlmCosts, FallbackReason } from "./costs.js";
import type { ChatMessage, LlmReply } from "./exchange.js";
import type { AnswerRepair } from "./parse-answer.js";

/** One call as the step panel shows it. */
export interface LlmCall {
  round: number;
  messages: ChatMessage[];
  reply: LlmReply;
  /** The weights serving from the round after `round`: the model's, or on a fallback those already serving. */
  weights: Float64Array;
  fallback?: FallbackReason;
  /** What was wrong, on a fallback. */
  detail?: string;
  repairs: AnswerRepair[];
  reason: string;
}

/** What the llm policy shows besides the WeightPolicy interface. */
export interface LlmPolicyView {
  calls(): readonly LlmCall[];
  costs(): LlmCosts;
}
