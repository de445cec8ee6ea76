/**
 * Import cycles among the TypeScript modules of a folder, type-only imports included: a cycle of types is still
 * two concepts that cannot be understood one before the other, and a value import added to it later turns it into a
 * load-order bug. Imports are read with the parser vite ships (oxc), so comments and strings never count.
 *
 *   npx tsx scripts/import-cycles.ts [dir]    # default lib; prints each cycle, exits 1 if there is one
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseSync } from "vite";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every relative module specifier of a file: imports and re-exports (type-only too) and dynamic imports of a literal. */
export function specifiers(file: string, code: string): string[] {
  const { module, errors } = parseSync(file, code, { lang: "ts" });
  if (errors.length > 0) throw new Error(`${file}: cannot parse (${errors[0].message})`);
  const out = [
    ...module.staticImports.map((i) => i.moduleRequest.value),
    ...module.staticExports.flatMap((e) => e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : []))),
    ...module.dynamicImports.map((d) => code.slice(d.moduleRequest.start, d.moduleRequest.end)).flatMap((s) => (/^(["'`])[^"'`]*\1$/.test(s) ? [s.slice(1, -1)] : [])),
  ];
  return out.filter((s) => s.startsWith("."));
}

/** file → files it imports, within `dir` (paths relative to `dir`, `.js` specifiers mapped to their `.ts` files). */
export function importGraph(dir: string): Map<string, string[]> {
  const root = resolve(dir);
  const files = sources(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(file, readFileSync(file, "utf8"))
      .map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")))
      .filter((t) => known.has(t));
    graph.set(relative(root, file), [...new Set(targets.map((t) => relative(root, t)))].sort());
  }
  return graph;
}

export interface ImportCycle {
  /** The shortest cycle through the first of `modules`: a path that returns to its start (a → b → a). */
  cycle: string[];
  /** Every module of the knot (a strongly connected component: each imports each other, through the others). */
  modules: string[];
}

/** The knots of the import graph of `dir`, one shortest cycle each. */
export function importCycles(dir: string): ImportCycle[] {
  const graph = importGraph(dir);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((modules) => ({ cycle: shortestCycle(graph, modules), modules })).sort((a, b) => a.modules[0].localeCompare(b.modules[0]));
}

/** The shortest path from the component's first file back to itself, inside the component. */
function shortestCycle(graph: Map<string, string[]>, component: string[]): string[] {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v)!) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = process.argv[2] ?? "lib";
  const cycles = importCycles(dir);
  for (const { cycle, modules } of cycles) {
    console.log(`import cycle in ${dir}: ${cycle.join(" → ")}${modules.length > cycle.length - 1 ? ` (a knot of ${modules.length}: ${modules.join(", ")})` : ""}`);
  }
  if (cycles.length === 0) console.log(`no import cycle in ${dir} (${importGraph(dir).size} modules)`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
