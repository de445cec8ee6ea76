import type { RoundEvents } from "../recommenders/recommender.js";
import { ConfigError } from "../config/error.js";
import type { PolicyConfig } from "../weighting/config.js";
import { initialWeights } from "../weighting/config.js";
import { CreditAssigner } from "../weighting/credit.js";
import type { Learner } from "../weighting/learner.js";
import type { PolicyEnvironment, PolicySpec, SlateFeedback, WeightPolicy } from "../weighting/policy.js";
import { createRuleLearner, rawFromSimplex, ruleReads } from "../weighting/rule-policy.js";
import { initialRuleState } from "../weighting/rules/index.js";
import { answerSchema } from "./answer-schema.js";
import type { LlmCall, LlmPolicyView } from "./call.js";
import { addCall, emptyCosts } from "./costs.js";
import type { ChatMessage, LlmReply, LlmRequest } from "./exchange.js";
import { checkLlmOptions, LLM_OPTIONS, llmOptions, modelId } from "./options.js";
import { parseAnswer } from "./parse-answer.js";
import { buildMessages } from "./prompt.js";
import { emptyWindow, observeRound, type WindowStats } from "./window.js";

/**
 * `policy.kind=llm`: a language model sets the blend weights. After every `every` rounds (K) the policy writes a
 * prompt from what a production system sees over the window (prompt.ts: per-component credit and attributed CTR,
 * the weights so far, frequent query words, review sentiment, the most clicked items, time of day), asks the
 * client for weights as JSON (answer-schema.ts) and reads the answer (parse-answer.ts). The weights serve the
 * next K rounds, held or moved by an update rule from credit (`between`). An answer that cannot be repaired, or
 * a call that fails (timeout, HTTP error, malformed reply), is a fallback: the weights already serving stay,
 * and the fallback is counted by reason; nothing invalid reaches the blend. Before the first answer the run
 * serves `policy.weights` (uniform by default). Global level only (one π).
 *
 * A call made through a live backend is asynchronous: `settle()` returns its promise, and the loop awaits it
 * before the next round (run.ts `runScenarioAsync`); an answer from a transcript comes back at once. Either way
 * the answer is applied when the next round begins, so a replay records the same weights as the live run.
 */
export function createLlmPolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  const o = llmOptions(config.options);
  const llm = env.llm;
  if (!llm) throw new ConfigError("policy.kind=llm: this run has no language-model client (the command line makes one from policy.options.llm; pages replay a transcript)");
  const K = components.length;
  const credit = new CreditAssigner(K, config.credit, config.rewards);
  const ruleConfig: PolicyConfig = { ...config, kind: o.between };
  const ruleFrom = (pi: Float64Array): Learner | null =>
    o.between === "hold" ? null : createRuleLearner(components, ruleConfig, initialRuleState(rawFromSimplex(pi, config)), pi.slice());
  let pi = initialWeights(components, config.weights);
  let rule = ruleFrom(pi);
  let window = emptyWindow(K, 0);
  let previous: WindowStats | null = null;
  let events: RoundEvents | undefined;
  const calls: LlmCall[] = [];
  let costs = emptyCosts();
  let pending: Promise<void> | null = null;
  /** The model's weights, not yet serving: they take effect when the next round begins, however they arrived. */
  let next: Float64Array | null = null;
  let pendingRound = -1;
  const schema = answerSchema(components, o.reasonLength);
  const model = modelId(o);
  const totalCalls = Math.floor((llm.rounds - 1) / o.every);

  const serving = () => (rule ? rule.pi() : pi);

  /** Reads a reply into a call record; a usable answer waits in `next` until the next round begins. */
  function receive(round: number, messages: ChatMessage[], reply: LlmReply): void {
    const current = serving().slice();
    let call: LlmCall;
    if (reply.text === null) {
      const error = reply.error ?? { kind: "malformed" as const, detail: "no text" };
      call = { round, messages, reply, weights: current, fallback: error.kind, detail: error.detail, repairs: [], reason: "" };
    } else {
      const answer = parseAnswer(reply.text, components);
      if (answer.ok) {
        next = answer.weights;
        call = { round, messages, reply, weights: answer.weights.slice(), repairs: answer.repairs, reason: answer.reason };
      } else call = { round, messages, reply, weights: current, fallback: answer.failure, detail: answer.detail, repairs: [], reason: "" };
    }
    calls.push(call);
    costs = addCall(costs, reply, { fallback: call.fallback, repairs: call.repairs });
  }

  function ask(round: number): void {
    const messages = buildMessages({
      components,
      weights: serving(),
      history: calls.filter((c) => !c.fallback).map((c) => ({ round: c.round, weights: c.weights })),
      window,
      previous,
      call: calls.length + 1,
      calls: totalCalls,
      every: o.every,
      roundsPerDay: llm!.roundsPerDay,
      topWords: o.topWords,
      examples: o.examples,
      reasonLength: o.reasonLength,
      title: llm!.title,
    });
    const request: LlmRequest = { round, model, messages, settings: { temperature: o.temperature, maxTokens: o.maxTokens, seed: o.seed }, schema };
    previous = window;
    window = emptyWindow(K, round + 1);
    const reply = llm!.client.complete(request);
    if (!(reply instanceof Promise)) return receive(round, messages, reply);
    pendingRound = round;
    pending = reply.then((r) => {
      pending = null;
      receive(round, messages, r);
    });
  }

  function ready(): void {
    if (pending) throw new Error(`policy llm: the call after round ${pendingRound} has not been awaited (run through runScenarioAsync, or await simulation.settle())`);
  }

  const view: LlmPolicyView = { calls: () => calls, costs: () => costs };
  return {
    kind: "llm",
    components,
    begin() {
      ready();
      if (!next) return;
      pi = next;
      rule = ruleFrom(pi);
      next = null;
    },
    weights() {
      ready();
      return serving();
    },
    peek: () => serving().slice(),
    observe(roundEvents: RoundEvents) {
      events = roundEvents;
    },
    update(round: number, feedback: SlateFeedback[]) {
      ready();
      const credits = credit.credits(feedback);
      observeRound(window, round, feedback, credits, events?.round === round ? events : undefined, llm.sentiment);
      events = undefined;
      if (rule && feedback.length) rule.learn(round, feedback, credits, feedback.map((f) => f.weights));
      if ((round + 1) % o.every === 0 && round + 1 < llm.rounds) ask(round);
      return credits;
    },
    global: () => serving(),
    settle: () => pending ?? undefined,
    llm: view,
    dispose() {},
  };
}

export const LLM_POLICY: PolicySpec = {
  create: createLlmPolicy,
  options: LLM_OPTIONS,
  levels: ["global"],
  model: true,
  check: (config) => checkLlmOptions(llmOptions(config.options)),
  doc: (config) => {
    const o = llmOptions(config.options);
    return `A language model reads a summary of the last ${o.every} rounds (credit, queries, reviews, trends, time of day) and answers the weights as JSON; between calls it ${o.between === "hold" ? "holds them" : `moves them by ${o.between}`}.`;
  },
  reads: (config) => {
    const between = llmOptions(config.options).between;
    return between === "hold" ? [] : ruleReads(between);
  },
};
