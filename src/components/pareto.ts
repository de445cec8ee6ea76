/**
 * The Pareto frontier of points where both coordinates are better when larger: the points no other point beats
 * on both, sorted by x.
 */
export function paretoFrontier<T>(points: T[], x: (p: T) => number, y: (p: T) => number): T[] {
  const sorted = points.filter((p) => Number.isFinite(x(p)) && Number.isFinite(y(p))).sort((a, b) => x(b) - x(a) || y(b) - y(a));
  const frontier: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (y(p) > best) {
      frontier.push(p);
      best = y(p);
    }
  }
  return frontier.reverse();
}
