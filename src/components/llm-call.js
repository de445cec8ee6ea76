import * as d3 from "d3";
import {html} from "htl";

const f3 = d3.format(".3f");

/**
 * One call of the llm policy, as the step panel shows it: the messages the model read, its reply as recorded, and
 * what the policy made of it (the weights that serve from the next round, the repairs, or the fallback and why).
 */
export function llmCallPanel(call, {components}) {
  if (!call) return "";
  const outcome = call.fallback
    ? html`<b class="wrong">fallback (${call.fallback}${call.detail ? `: ${call.detail}` : ""})</b>: the weights already serving stay`
    : html`<b>used</b>${call.repairs.length ? ` after repair (${call.repairs.join(", ")})` : ""}`;
  const reply = call.reply.text ?? `no text (${call.reply.error?.kind}: ${call.reply.error?.detail})`;
  return html`<div class="llm-call">
  <p>After this round the policy asked the model for new weights (${call.reply.promptTokens} prompt tokens, ${call.reply.completionTokens} answer tokens, ${
    call.reply.attempts
  } attempt${call.reply.attempts === 1 ? "" : "s"}, as recorded in the transcript). Outcome: ${outcome}.</p>
  ${call.messages.map(
    (m) => html`<details open=${m.role === "user"}><summary>${m.role === "system" ? "System message" : "Prompt"}</summary><pre class="prompt">${m.content}</pre></details>`,
  )}
  <details open><summary>Reply</summary><pre class="prompt">${reply}</pre></details>
  <table class="update">
    <thead><tr><th>component</th><th class="num">π from the next round</th></tr></thead>
    <tbody>${components.map((c, k) => html`<tr><td>${c}</td><td class="num">${f3(call.weights[k])}</td></tr>`)}</tbody>
  </table>
</div>`;
}
