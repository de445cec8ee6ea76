/**
 * The configuration schema: each owner (the world, the policy, each component and policy kind, the encoder, the
 * run, the replay) describes its fields here, next to its code: the default, what is allowed and what the field
 * means. Defaults, types (`ValueOf`), validation (`resolve.ts`), `--set` parsing (`set.ts`) and the pages' sliders
 * all read these descriptions, so a default or a range is written once.
 */

/** [min, max], both inclusive; ±Infinity leaves that side open (values are still finite). */
export type Range = readonly [number, number];

/** Any finite number. */
export const ANY: Range = [-Infinity, Infinity];

export interface NumberField {
  readonly type: "number";
  /** Infinity means "no limit", and then Infinity is allowed too. */
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly doc: string;
}

export interface ChoiceField<V extends string = string> {
  readonly type: "choice";
  readonly default: V;
  readonly values: readonly V[];
  /** What a value is called in messages ("unknown policy kind 'x'"). */
  readonly noun: string;
  readonly doc: string;
}

/** Free text. */
export interface TextField {
  readonly type: "text";
  readonly default: string;
  readonly doc: string;
}

/** A list of numbers, or of names (from `values` when given). */
export interface ListField<T extends number | string = number | string> {
  readonly type: "list";
  readonly of: T extends number ? "number" : "string";
  readonly default: readonly T[];
  readonly values?: readonly string[];
  readonly noun: string;
  readonly doc: string;
}

/** Numbers by free keys (e.g. weights by component; which keys make sense is a cross-field check). */
export interface MapField {
  readonly type: "map";
  readonly of: NumberField;
  readonly doc: string;
}

export type Fields = { readonly [key: string]: Field };

export interface SectionField<S extends Fields = Fields> {
  readonly type: "section";
  readonly fields: S;
  readonly doc: string;
}

/** Optional sections, each off unless given (`on`, `true` or an object: on with defaults; `off`, `false`, null: off). */
export interface TogglesField<S extends { readonly [kind: string]: SectionField } = { readonly [kind: string]: SectionField }> {
  readonly type: "toggles";
  readonly kinds: S;
  readonly doc: string;
}

/**
 * Option sections by name (a component's options, a policy kind's options). Only what is given is kept: the owner
 * fills its defaults when it reads them (`resolveOptions`).
 */
export interface KeyedField {
  readonly type: "keyed";
  readonly noun: string;
  readonly entries: { readonly [name: string]: SectionField };
  readonly doc: string;
}

export type Field = NumberField | ChoiceField | TextField | ListField | MapField | SectionField | TogglesField | KeyedField;

/** The value a field describes. */
export type ValueOf<F> = F extends NumberField
  ? number
  : F extends ChoiceField<infer V>
    ? V
    : F extends TextField
      ? string
      : F extends ListField<infer T>
        ? T[]
        : F extends MapField
          ? Record<string, number>
          : F extends KeyedField
            ? Record<string, Record<string, unknown>>
            : F extends SectionField<infer S>
              ? { -readonly [K in keyof S]: ValueOf<S[K]> }
              : F extends TogglesField<infer S>
                ? { -readonly [K in keyof S]?: ValueOf<S[K]> }
                : never;

export function number(value: number, [min, max]: Range, doc: string): NumberField {
  return { type: "number", default: value, min, max, integer: false, doc };
}

export function integer(value: number, [min, max]: Range, doc: string): NumberField {
  return { type: "number", default: value, min, max, integer: true, doc };
}

export function choice<const V extends string>(values: readonly V[], value: NoInfer<V>, doc: string, noun = "value"): ChoiceField<V> {
  return { type: "choice", default: value, values, noun, doc };
}

export function text(value: string, doc: string): TextField {
  return { type: "text", default: value, doc };
}

export function numbers(value: readonly number[], doc: string): ListField<number> {
  return { type: "list", of: "number", default: value, noun: "number", doc };
}

export function names(value: readonly string[], doc: string, noun = "name"): ListField<string> {
  return { type: "list", of: "string", default: value, noun, doc };
}

export function map(of: NumberField, doc: string): MapField {
  return { type: "map", of, doc };
}

export function section<S extends Fields>(fields: S, doc = ""): SectionField<S> {
  return { type: "section", fields, doc };
}

export function toggles<S extends { readonly [kind: string]: SectionField }>(kinds: S, doc: string): TogglesField<S> {
  return { type: "toggles", kinds, doc };
}

export function keyed(noun: string, doc: string, entries: { readonly [name: string]: SectionField } = {}): KeyedField {
  return { type: "keyed", noun, entries, doc };
}

/** The same field with its allowed names given (by a registry that the field's owner cannot import). */
export function allowing<F extends TextField | ListField<string>>(field: F, values: readonly string[], noun: string): F extends TextField ? ChoiceField : F {
  if (field.type === "text") return { type: "choice", default: field.default, values, noun, doc: field.doc } as never;
  return { ...field, values, noun } as never;
}

/** The same keyed field with its entries given (by a registry). */
export function withEntries(field: KeyedField, entries: { readonly [name: string]: SectionField }): KeyedField {
  return { ...field, entries };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** The same section with other defaults (e.g. the replay's policy settings), every range and doc kept. */
export function withDefaults<S extends Fields>(field: SectionField<S>, values: DeepPartial<ValueOf<SectionField<S>>>): SectionField<S> {
  const fields: Record<string, Field> = { ...field.fields };
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const f = fields[key];
    if (!f) throw new Error(`withDefaults: no field '${key}'`);
    fields[key] = f.type === "section" ? withDefaults(f, value as never) : ({ ...f, default: value } as Field);
  }
  return { ...field, fields: fields as unknown as S };
}

/** A fresh copy of a field's default value (sections: every field's default; toggles and option maps: empty). */
export function defaults<F extends Field>(field: F): ValueOf<F> {
  switch (field.type) {
    case "section":
      return Object.fromEntries(Object.entries(field.fields).map(([key, f]) => [key, defaults(f)])) as ValueOf<F>;
    case "toggles":
    case "keyed":
    case "map":
      return {} as ValueOf<F>;
    case "list":
      return [...field.default] as ValueOf<F>;
    default:
      return field.default as ValueOf<F>;
  }
}

/** The defaults of every kind of a toggles field, as if each were on. */
export function kindDefaults<S extends { readonly [kind: string]: SectionField }>(field: TogglesField<S>): { -readonly [K in keyof S]: ValueOf<S[K]> } {
  return Object.fromEntries(Object.entries(field.kinds).map(([kind, f]) => [kind, defaults(f)])) as never;
}

/** The field at a dotted path (through sections, toggles and option maps), or undefined. */
export function fieldAt(root: Field, path: string): Field | undefined {
  let field: Field | undefined = root;
  for (const key of path.split(".")) {
    if (!field) return undefined;
    if (field.type === "section") field = Object.hasOwn(field.fields, key) ? field.fields[key] : undefined;
    else if (field.type === "toggles") field = Object.hasOwn(field.kinds, key) ? field.kinds[key] : undefined;
    else if (field.type === "keyed") field = Object.hasOwn(field.entries, key) ? field.entries[key] : undefined;
    else if (field.type === "map") field = field.of;
    else return undefined;
  }
  return field;
}
