/**
 * The answer the model must give: `{"weights": {"<component>": w, …}, "reason": "…"}` with every component
 * once, each w a number in [0, 1], and a reason of at most `reasonLength` characters (left out when 0).
 * The same shape is sent as a JSON schema (HTTP backends' structured output) and as a GBNF grammar (llama.cpp's
 * constrained sampling); parse-answer.ts checks it again, since not every server enforces a schema.
 */
export function answerSchema(components: string[], reasonLength: number): object {
  const weights = {
    type: "object",
    properties: Object.fromEntries(components.map((c) => [c, { type: "number", minimum: 0, maximum: 1 }])),
    required: components,
    additionalProperties: false,
  };
  const properties: Record<string, object> = { weights };
  if (reasonLength > 0) properties.reason = { type: "string", maxLength: reasonLength };
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false };
}

const gbnfLiteral = (s: string) => JSON.stringify(s);

/**
 * The schema as a GBNF grammar whose every sentence is short: a weight is `0`, `1` or `0.` with one to four
 * digits (`1.0`… too), the reason printable ASCII without quotes or backslashes, one optional space between
 * tokens. So even a model with random weights finishes within a known number of characters.
 */
export function answerGrammar(components: string[], reasonLength: number): string {
  const pairs = components.map((c, k) => `${k ? `"," ws ` : ""}${gbnfLiteral(JSON.stringify(c) + ":")} ws weight`).join(" ");
  const reason = reasonLength > 0 ? ` "," ws ${gbnfLiteral('"reason":')} ws "\\"" char{0,${reasonLength}} "\\""` : "";
  return [
    `root ::= "{" ws ${gbnfLiteral('"weights":')} ws "{" ws ${pairs} ws "}"${reason} ws "}"`,
    `weight ::= "0" ("." [0-9]{1,4})? | "1" ("." "0"{1,4})?`,
    `char ::= [ !#-\\[\\]-~]`,
    `ws ::= " "?`,
  ].join("\n");
}

/** The longest answer the grammar allows, in characters (so in tokens, for a model with one token per character). */
export function longestAnswer(components: string[], reasonLength: number): number {
  // `{ "weights": { ` and ` } }` are 19 characters; a pair `"c": 0.1234` is the quoted name + 8, and every pair
  // but the first has `, ` before it; `, "reason": "…"` is 14 + the reason.
  const pairs = components.reduce((n, c) => n + JSON.stringify(c).length + 8, 0) + 2 * (components.length - 1);
  return 19 + pairs + (reasonLength > 0 ? 14 + reasonLength : 0);
}

/** The components and reason length an `answerSchema` was made from (so a backend can build its grammar). */
export function answerShape(schema: object): { components: string[]; reasonLength: number } {
  const s = schema as { properties?: { weights?: { required?: string[] }; reason?: { maxLength?: number } } };
  return { components: s.properties?.weights?.required ?? [], reasonLength: s.properties?.reason?.maxLength ?? 0 };
}
