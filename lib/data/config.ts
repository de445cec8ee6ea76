import { choice, section, text, type ValueOf } from "../config/fields.js";

/** Where a run's world comes from (`data.*`). */
export const DATA_SCHEMA = section({
  source: choice(["synthetic", "movielens"], "synthetic", "synthetic: generated from world.*; movielens: items and users calibrated from a MovieLens release (lib/data)."),
  dir: text("", "The release's directory; empty for the run's --data DIR, else ./data/ml-latest-small."),
});

export type DataConfig = ValueOf<typeof DATA_SCHEMA>;
