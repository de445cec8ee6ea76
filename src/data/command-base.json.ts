/**
 * The resolved built-in scenario the playground's copied `drift-lab run` command starts from (COMMAND_BASE): the
 * page writes `--set` for every field where its run differs from it.
 */
import { loadScenario } from "../../cli/files.js";
import { COMMAND_BASE } from "../components/playground-scenario.js";
import { loader } from "./lab.js";

loader(() => JSON.stringify(loadScenario(COMMAND_BASE)));
