import { integer, section, type ValueOf } from "../config/fields.js";

/** How long a simulation runs, and on which master seed (`run.*`). */
export const RUN_SCHEMA = section({
  rounds: integer(200, [1, 1e6], "Rounds the simulation runs."),
  seed: integer(1, [0, 2 ** 31], "Master seed: every random stream is forked from it by label."),
});

export type RunConfig = ValueOf<typeof RUN_SCHEMA>;
