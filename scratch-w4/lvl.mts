import { Stream } from "../lib/random/stream.ts";
import { DEFAULT_POLICY_CONFIG } from "../lib/weighting/config.ts";
import { createPolicy } from "../lib/weighting/registry.ts";
for (const level of ["global", "user", "segment"]) {
  const p = createPolicy(["a", "b"], { ...DEFAULT_POLICY_CONFIG, level }, { users: 1000, stream: new Stream(1) });
  const s = new Stream(2);
  const t0 = performance.now();
  for (let r = 0; r < 40; r++) {
    p.global();
    const fb = [];
    for (let j = 0; j < 200; j++) { const u = s.int(1000); const weights = p.weights({ round: r, user: u }); fb.push({ user: u, round: r, scores: Float32Array.from({ length: 20 }, () => s.next()), rewards: Float64Array.from({ length: 10 }, () => (s.next() < 0.1 ? 1 : -1)), clicked: [], weights }); }
    p.update(r, fb);
    p.global();
  }
  console.log(level, ((performance.now() - t0) / 40).toFixed(2), "ms/round");
}
