/** A component's score and observe calls, timed per round. */
export interface CallTiming {
  name: string;
  rounds: number;
  /** Wall-clock ms per round. */
  scoreMs: number;
  observeMs: number;
  /** Process CPU ms of the same calls: steadier than wall time on a machine shared with other work. */
  scoreCpuMs: number;
  observeCpuMs: number;
}

/** CPU time this process has used (user + system), in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
