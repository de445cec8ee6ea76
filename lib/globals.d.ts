/**
 * The globals lib/ may use besides ECMAScript's: those every runtime it runs in has (Node 20, browsers, web
 * workers), declared here by hand because lib/tsconfig.json leaves out the DOM's and Node's types, so that code
 * reaching for `document`, `fs` or `process` fails the type check. Add one only if all those runtimes have it.
 */

/** A deep copy (HTML structured clone). */
declare function structuredClone<T>(value: T): T;

/** A monotonic clock, for elapsed-time fields only: never in a result that must be reproducible. */
declare const performance: { now(): number };

/** The part of WebAssembly the SIMD kernel of recommenders/dots-wasm.ts uses. */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
