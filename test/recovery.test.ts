import { describe, expect, it } from "vitest";
import { outcomeOfRow, recoveryOutcome, summariseRecovery } from "../lib/metrics/recovery.js";

describe("recoveryOutcome", () => {
  const before = new Array(20).fill(1);

  it("a recovery is a number of rounds; the window is the longest recovery the run could show", () => {
    // 10 rounds after the shift, smoothing 5: s can go from the shift to 5 rounds after it
    const r = recoveryOutcome([...before, 0.2, 0.4, 0.8, 1, 1, 1, 1, 1, 1, 1], 20, 20, 0.9, 5);
    // 5-round means from the shift: 0.68, 0.84, 0.96 → back at s = 2
    expect(r).toEqual({ recovered: true, rounds: 2, window: 5 });
  });

  it("a run that never recovers is censored: recovered false, no number of rounds", () => {
    expect(recoveryOutcome([...before, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 20, 20, 0.9, 5)).toEqual({ recovered: false, rounds: null, window: 2 });
  });

  it("is null without rounds on both sides of the shift", () => {
    expect(recoveryOutcome([1, 1, 1], 3)).toBeNull();
  });
});

describe("summariseRecovery", () => {
  it("gives the share recovered and the Kaplan–Meier median, censored runs at their window", () => {
    // recoveries 4, 10, 6 and two censored at 45: S(4) = 4/5, S(6) = 3/5, S(10) = 2/5 → median 10
    const r = summariseRecovery([
      { recovered: true, rounds: 4, window: 45 },
      { recovered: false, rounds: null, window: 45 },
      { recovered: true, rounds: 10, window: 45 },
      { recovered: true, rounds: 6, window: 45 },
      { recovered: false, rounds: null, window: 45 },
    ]);
    expect([r.runs, r.recovered, r.share, r.median, r.window]).toEqual([5, 3, 0.6, 10, 45]);
    // the bootstrap interval holds the median and stays within what was observed
    expect(r.medianLo).toBeGreaterThanOrEqual(4);
    expect(r.medianLo).toBeLessThanOrEqual(10);
    // resamples with three or more censored runs never reach a median: the upper end is beyond the window
    expect(r.medianHi).toBeNull();
  });

  it("a median that half the runs do not reach is null (beyond the window), whatever the recovered runs say", () => {
    const r = summariseRecovery([
      { recovered: true, rounds: 2, window: 45 },
      { recovered: false, rounds: null, window: 45 },
      { recovered: false, rounds: null, window: 45 },
    ]);
    expect(r.share).toBeCloseTo(1 / 3, 12);
    expect(r.median).toBeNull();
  });

  it("is the same on every call (a fixed bootstrap stream)", () => {
    const runs = [3, 8, 12, 20, 7].map((rounds) => ({ recovered: true, rounds, window: 45 }));
    expect(summariseRecovery(runs)).toEqual(summariseRecovery(runs));
    expect(summariseRecovery(runs).median).toBe(8);
  });
});

describe("outcomeOfRow", () => {
  it("reads sweep.csv rows as parsed by d3.autoType or as text, and refuses rows without a recovery", () => {
    expect(outcomeOfRow({ recovered: true, recovery: 7, recovery_window: 45 })).toEqual({ recovered: true, rounds: 7, window: 45 });
    expect(outcomeOfRow({ recovered: "false", recovery: "", recovery_window: "45" })).toEqual({ recovered: false, rounds: null, window: 45 });
    expect(outcomeOfRow({ recovered: "", recovery: "", recovery_window: "" })).toBeNull();
    expect(outcomeOfRow({ recovered: "true", recovery: "", recovery_window: "45" })).toBeNull();
    expect(outcomeOfRow({ recovered: false, recovery: null, recovery_window: null })).toBeNull();
  });
});
