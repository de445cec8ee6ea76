import * as d3 from "d3";
import {html} from "htl";
import {RULES, ruleOf} from "../lib/weighting/rules/index.js";
import {llmOptions} from "../lib/index.js";
import {llmCallPanel} from "./llm-call.js";

const f3 = d3.format(".3f");
const signed = d3.format("+.3f");

/** How the panel states an update-rule policy: its formula and the parameters it reads ("" for other policies). */
export function ruleSummary(policy) {
  if (!RULES.includes(policy.kind)) return "";
  const rule = ruleOf(policy.kind);
  const parameters = [`α = ${policy.alpha}`, rule.readsBeta ? `β = ${policy.beta}` : "", rule.readsHistory ? `H = ${policy.history}` : ""];
  return `global level: ${rule.formula}, then π = normalise(w); ${parameters.filter(Boolean).join(", ")}`;
}

function outcome(o) {
  if (o.purchased) return html`<span class="purchased">purchase</span>`;
  if (o.clicked) return html`<span class="clicked">click</span>`;
  return o.examined ? "skip (seen)" : "skip (not seen)";
}

/**
 * The numbers of one round's update: the first served user's slate (titles, responses, rewards, component scores),
 * the credit each component got for that slate, and the blend weights before and after the policy's update; for
 * the llm policy, the call made after the round (prompt, reply, outcome).
 */
export function stepPanel(record, {components, policy, llmCalls = []}) {
  if (!record) return html`<p class="status">No round played yet: press <b>Step</b> or <b>Run</b>.</p>`;
  const trace = record.trace;
  const rule = ruleSummary(policy);
  return html`<div class="numbers" aria-live="polite">
  <p><b>Round ${record.round}</b>: ${record.active} active users, ${record.items} items available. Policy <b>${policy.kind}</b>${
    rule ? ` (${rule})` : ""
  }.</p>
  ${
    trace
      ? html`<p>User <b>${trace.user}</b> was shown:</p>
  <table class="slate">
    <thead><tr><th class="num">#</th><th>title</th><th>response</th><th class="num">reward</th>${components.map(
      (c) => html`<th class="num" title="normalised score of ${c}">Ŝ ${c}</th>`,
    )}</tr></thead>
    <tbody>${trace.items.map(
      (item, p) => html`<tr>
      <td class="num">${p + 1}</td><td>${trace.titles[p]}</td><td>${outcome(trace.outcomes[p])}</td><td class="num">${trace.rewards[p]}</td>${components.map(
        (_, k) => html`<td class="num">${f3(trace.scores[p][k])}</td>`,
      )}</tr>`,
    )}</tbody>
  </table>
  <p>Credit of each component for this slate (how much its scores agreed with what happened, against the position baseline):</p>`
      : html`<p>No user was active this round.</p>`
  }
  <table class="update">
    <thead><tr><th>component</th>${trace ? html`<th class="num">credit r (this slate)</th>` : ""}<th class="num">π before</th><th class="num">π after</th><th class="num">Δπ</th></tr></thead>
    <tbody>${components.map(
      (c, k) => html`<tr><td>${c}</td>${trace ? html`<td class="num">${trace.credit.length ? signed(trace.credit[k]) : "–"}</td>` : ""}<td class="num">${f3(
        record.weightsBefore[k],
      )}</td><td class="num">${f3(record.weights[k])}</td><td class="num">${signed(record.weights[k] - record.weightsBefore[k])}</td></tr>`,
    )}</tbody>
  </table>
  <p class="status">The policy learns from the mean over all ${record.active} slates of the round, not from this one slate alone.</p>
  ${policy.kind === "llm" ? llmCallPanel(llmCalls.find((c) => c.round === record.round), {components}) || html`<p class="status">No call after this round: the model is asked every ${llmOptions(policy.options).every} rounds; the weights it gave last still serve.</p>` : ""}
</div>`;
}
