/** Raised when an update produces a weight that is NaN or infinite; the run stops and says where. */
export class NonFiniteWeightError extends Error {
  constructor(
    readonly round: number,
    readonly component: string,
    readonly value: number,
  ) {
    super(`round ${round}: the weight of component '${component}' became ${value}; stopping (lower policy.alpha or check the rewards)`);
    this.name = "NonFiniteWeightError";
  }
}

export function assertFinite(values: ArrayLike<number>, components: string[], round: number): void {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) throw new NonFiniteWeightError(round, components[k], values[k]);
  }
}
