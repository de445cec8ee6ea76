import { describe, expect, it } from "vitest";
import { COMMANDS } from "../cli/main.js";

describe("each command's help names exactly the flags it takes", () => {
  it.each(Object.keys(COMMANDS))("%s", (name) => {
    const { help, flags } = COMMANDS[name];
    const named = new Set([...help.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]));
    expect([...named].filter((f) => !Object.hasOwn(flags, f)), "named in the help but not taken").toEqual([]);
    expect(Object.keys(flags).filter((f) => !named.has(f)), "taken but not in the help").toEqual([]);
  });
});
