/**
 * The lab's public API: what the command line (cli/), the site's pages and data loaders (src/, through src/lib) and
 * a researcher's own code import. Only re-exports; every name has its home in the module it comes from, and no
 * module of lib/ imports this file. Tests may reach into modules directly.
 */

// Configuration: the schema, its one validation loop, and the scenario assembled from every owner's section.
export { ConfigError } from "./config/error.js";
export { ANY, defaults, fieldAt, type Field, type NumberField, type ChoiceField, type SectionField, type ValueOf } from "./config/fields.js";
export { describeRange, parseNumber, resolve, resolveOptions } from "./config/resolve.js";
export { assignments } from "./config/assignments.js";
export { applySet, readSetting, setAt } from "./config/set.js";
export { checkScenario } from "./scenario/checks.js";
export { DEFAULT_SCENARIO, SCENARIO_SCHEMA, type DataConfig, type EncoderConfig, type RecommenderConfig, type RunConfig, type ScenarioConfig } from "./scenario/config.js";
export { resolveScenario, validateScenario } from "./scenario/resolve.js";

// The world.
export { DEFAULT_DRIFT_PARAMETERS, DEFAULT_WORLD_CONFIG, DRIFT_SCHEMA, WORLD_SCHEMA, type DriftConfig, type WorldConfig } from "./world/config.js";
export { validateVocabulary, vocabularyTexts, type Topic, type Vocabulary } from "./world/topics.js";
export { World, type DriftEvent, type Outcome, type WorldSource } from "./world/world.js";

// Components and how their scores are normalised.
export { COMPONENT_OPTIONS, COMPONENTS, createRecommender } from "./recommenders/registry.js";
export { NORMALISATIONS, normaliseRows, RankScratch, type Normalisation } from "./recommenders/normalise.js";
export type { Catalog, Recommender, RecommenderContext } from "./recommenders/recommender.js";
export { InThreadNormaliser, type PendingRows, type RowNormaliser } from "./recommenders/row-normaliser.js";

// Weighting: update rules, the simplex, policies.
export { DEFAULT_POLICY_CONFIG, POLICY_SCHEMA, type PolicyConfig } from "./weighting/config.js";
export { explain, type Explanation } from "./weighting/explain.js";
export { NonFiniteWeightError } from "./weighting/non-finite.js";
export type { PolicySpec, RuleParameterName, WeightPolicy } from "./weighting/policy.js";
export { checkPolicy, createPolicy, MODEL_POLICIES, policyDoc, policyReads, POLICY_KINDS, POLICY_OPTIONS, TENSOR_POLICIES, TRUTH_POLICIES } from "./weighting/registry.js";
export { EXPLAIN_RULES, initialRuleState, isStable, ruleOf, RULES, step, stepResponseTime, UPDATE_RULES, type ExplainRule, type RuleKind, type RuleParameters, type RuleState, type StabilityRegion, type UpdateRule } from "./weighting/rules/index.js";
export { rewardOf, rewardSpan, REWARDS_SCHEMA, type RewardConfig } from "./weighting/reward.js";
export { capStep, DEFAULT_SIMPLEX, SIMPLEX_SCHEMA, toSimplex, type SimplexOptions } from "./weighting/simplex.js";

// Text encoders.
export { ENCODER_SCHEMA } from "./encoders/config.js";
export type { Encoder, SyncEncoder } from "./encoders/encoder.js";
export { createHashingEncoder } from "./encoders/hashing.js";
export { createLmEncoder, lmModelKey, trainLm, validateLmOptions, type LmModel, type LmOptions } from "./encoders/lm.js";
export { createMiniLmEncoder, MINILM_MODEL_ID, ModelUnavailableError } from "./encoders/minilm.js";
export { createPretrainedEncoder, PRETRAINED_PACKAGE, REFERENCE_WORDS, wordsOf, type PretrainedVectors } from "./encoders/pretrained.js";
export { createSegmentEncoder } from "./encoders/segment-encoder.js";
export { runSentimentReader } from "./encoders/sentiment.js";

// The simulation and its outputs.
export { hashingEmbeddings, hashingTextModel, pretrainedTextModel, syncTextModel, textModel, type Embeddings, type TextModel } from "./simulation/text-model.js";
export { runScenario, runScenarioAsync, type RunResult } from "./simulation/run.js";
export { type MemoryEstimate, peakActive, runMemory } from "./simulation/memory.js";
export { Simulation, type RoundRecord, type SimulationOptions, type SlateTrace } from "./simulation/simulation.js";
export type { TextReading } from "./simulation/text-reading.js";
export type { RunSummary } from "./simulation/summary.js";
export { roundColumns, roundRow, runFiles, WEIGHT_COLUMNS, weightRows } from "./simulation/tables.js";
export { worldCorpus, worldItems } from "./simulation/world-corpus.js";

// What a text model buys: the measures of drift-lab language and the language page.
export { coldStartNdcg, coldStartQueries } from "./language/cold-start.js";
export { heldOutSentiment, type SentimentAccuracy } from "./language/held-out-sentiment.js";
export { retrievalPrecision } from "./language/retrieval.js";
export { surfaceOverlap, type SurfaceOverlap } from "./language/surface-overlap.js";
export { topicQueries, type TopicQuery } from "./language/topic-queries.js";

// A language model as the weight controller (policy.kind=llm): options, prompt and answer, clients, transcripts.
export { answerGrammar, answerSchema, answerShape, longestAnswer } from "./llm/answer-schema.js";
export type { LlmCall, LlmPolicyView } from "./llm/call.js";
export { TranscriptClient, type LlmClient, type TranscriptClientOptions } from "./llm/client.js";
export type { LlmCosts } from "./llm/costs.js";
export { exchangeKey, type ChatMessage, type Exchange, type LlmReply, type LlmRequest, type LlmSettings, type TransportFailure } from "./llm/exchange.js";
export { DEFAULT_LLM_OPTIONS, LLM_OPTIONS, llmOptions, modelId, type LlmOptions } from "./llm/options.js";
export { parseAnswer } from "./llm/parse-answer.js";
export { formatExchange, parseTranscript } from "./llm/transcript.js";

// Metrics.
export { evaluate, type EvaluationInput, type EvaluationResult, type Interaction } from "./metrics/evaluate.js";
export { topN } from "./metrics/ranking.js";
export { cosineError, interestInEmbeddingSpace, topicCentroids } from "./metrics/tracking.js";
export { outcomeOfRow, recoveryByGroup, recoveryOutcome, summariseRecovery, type RecoveryOutcome, type RecoverySummary } from "./metrics/recovery.js";

// Statistics: intervals, paired comparisons by seed, censored times.
export { meanInterval, type MeanInterval } from "./stats/mean-interval.js";
export { pairByKey, pairedDifference, type PairedDifference } from "./stats/paired.js";
export { compareWithBaseline, type BaselineComparison, type BaselineOptions, type RunRow } from "./stats/baseline-comparison.js";
export { kaplanMeier, type KaplanMeier, type SurvivalStep } from "./stats/kaplan-meier.js";
export { bootstrapInterval, quantileSorted, type BootstrapInterval } from "./stats/bootstrap.js";
export { studentTCdf, studentTQuantile } from "./stats/student-t.js";

// Seeded randomness.
export { Stream } from "./random/stream.js";

// Real data: MovieLens, the calibrated world, the prequential replay.
export { calibrateWorld } from "./data/calibrated-world.js";
export type { MovieLensDataset, MovieLensFormat } from "./data/dataset.js";
export { parseMovieLens, type MovieLensSources, type NamedSource } from "./data/movielens.js";
export { DEFAULT_REPLAY_OPTIONS, REPLAY_COMPONENT_OPTIONS, REPLAY_POLICY_OPTIONS, REPLAY_SCHEMA, replayComponents, replaySettings, resolveReplayOptions, type ReplayOptions } from "./data/replay-config.js";
export { replayPolicySpecs, type ReplayPolicySpec } from "./data/replay-policies.js";
export { DIFFERENCE_COLUMNS, differenceRows, partColumns, partRows, REPLAY_WEIGHT_COLUMNS, replayColumns, replayRows, replayWeightRows, summaryColumns, summaryRows, WINDOW_COLUMNS, windowRows } from "./data/replay-tables.js";
export { COLD_RATINGS, Replay, replayItemTexts, TUNING_SHARE, tuningSliceEnd, usedComponents, type ReplayEncoder, type ReplayResult } from "./data/replay.js";
export { buildTimeline, type Timeline } from "./data/timeline.js";
export { heldOutWindows, REPLAY_BASELINES, replayDifferences, type ReplayDifference, windowDifferences } from "./data/replay-evidence.js";
export { ML_LATEST_SMALL, MOVIELENS_CITATION, MOVIELENS_LICENSE, MOVIELENS_RELEASES, type MovieLensRelease } from "./data/sources.js";

// Tables in and out.
export { CsvError, formatCsv, formatObjects, parseCsv, requireColumns, requireRows, splitCsvLine, type Cell, type ParsedCsv } from "./io/csv.js";
export { LAB_VERSION } from "./version.js";
