import * as d3 from "d3";
import {html} from "htl";
import {RULES, ruleOf} from "../lib/weighting/rules/index.js";
import {llmOptions, policyDoc} from "../lib/index.js";
import {llmCallPanel} from "./llm-call.js";

const f3 = d3.format(".3f");
const f4 = d3.format(".4f");
const signed = d3.format("+.4f");
const bracketed = (x) => (x < 0 ? `(${f4(x)})` : f4(x));

/** How the panel states an update-rule policy: its formula and the parameters it reads ("" for other policies). */
export function ruleSummary(policy) {
  if (!RULES.includes(policy.kind)) return "";
  const rule = ruleOf(policy.kind);
  const parameters = [`α = ${policy.alpha}`, rule.readsBeta ? `β = ${policy.beta}` : "", rule.readsHistory ? `H = ${policy.history}` : ""];
  return `global level: ${rule.formula}, then π = normalise(w); ${parameters.filter(Boolean).join(", ")}`;
}

/** π = normalise(w) as configured, in words. */
export function normalisation(simplex) {
  const base = simplex.kind === "softmax" ? `softmax(w / τ), τ = ${simplex.temperature}` : `max(w, ε) renormalised, ε = ${simplex.floor}`;
  return simplex.maxStep > 0 ? `${base}, each |Δπ| capped at ${simplex.maxStep}` : base;
}

function outcome(o) {
  if (o.purchased) return html`<span class="purchased">purchase</span>`;
  if (o.clicked) return html`<span class="clicked">click</span>`;
  return o.examined ? "skip (seen)" : html`skip (not seen)<sup><a href="#unseen">*</a></sup>`;
}

/** The round's update, one row per component: mean credit, w before, the rule's arithmetic, w after, π before and after. */
function updateTable(record, {components, policy}) {
  const {credit, rule} = record;
  const worked = rule && ruleOf(policy.kind);
  const cell = (x, fmt = f4) => (x === undefined ? "–" : fmt(x));
  return html`<div class="scroll"><table class="update">
    <thead><tr><th>component</th><th class="num" title="the mean over all the round's slates of the component's credit">mean credit r̄</th>${
      worked ? html`<th class="num">w before</th><th>${worked.formula}</th><th class="num">w after</th>` : ""
    }<th class="num">π before</th><th class="num">π after</th><th class="num">Δπ</th></tr></thead>
    <tbody>${components.map((c, k) => {
      const row = html`<tr data-component=${c}><td>${c}</td><td class="num">${cell(credit?.[k], signed)}</td>${
        worked
          ? html`<td class="num">${f4(rule.before.w[k])}</td><td><code>${worked.worked(
              {w: rule.before.w[k], r: credit[k], previous: rule.before.previous[k], h: rule.before.h[k], nextH: rule.after.h[k], next: rule.after.w[k], p: policy},
              f4,
              bracketed
            )}</code></td><td class="num">${f4(rule.after.w[k])}</td>`
          : ""
      }<td class="num">${f4(record.weightsBefore[k])}</td><td class="num">${f4(record.weights[k])}</td><td class="num">${signed(record.weights[k] - record.weightsBefore[k])}</td></tr>`;
      row.dataset.piAfter = String(record.weights[k]);
      if (rule) row.dataset.wAfter = String(rule.after.w[k]);
      if (credit) row.dataset.credit = String(credit[k]);
      return row;
    })}</tbody>
  </table></div>`;
}

function slateTable(trace, components) {
  return html`<div class="scroll"><table class="slate">
    <thead><tr><th class="num">#</th><th>title</th><th>response</th><th class="num">reward</th>${components.map(
      (c) => html`<th class="num" title="normalised score of ${c}">Ŝ ${c}</th>`
    )}</tr></thead>
    <tbody>${trace.items.map(
      (item, p) => html`<tr>
      <td class="num">${p + 1}</td><td>${trace.titles[p]}</td><td>${outcome(trace.outcomes[p])}</td><td class="num">${trace.rewards[p]}</td>${components.map(
        (_, k) => html`<td class="num">${f3(trace.scores[p][k])}</td>`
      )}</tr>`
    )}</tbody>
    ${trace.credit.length ? html`<tfoot><tr><td></td><td colspan="3">credit of each component for this slate</td>${components.map((_, k) => html`<td class="num">${signed(trace.credit[k])}</td>`)}</tr></tfoot>` : ""}
  </table></div>`;
}

/**
 * The numbers of one round's update, as the policy made it: the mean credit of each component over all the round's
 * slates, and for an update rule its raw weight w before, the rule's arithmetic, w after and π = normalise(w) after
 * (equal to weights.csv's `raw` and `weight` for the round); then one of the slates in detail; for the llm policy,
 * the call made after the round (prompt, reply, outcome). `played` and `rounds` number the round for the reader.
 */
export function stepPanel(record, {components, policy, played, rounds, llmCalls = []}) {
  if (!record) return html`<p class="status">No round played yet: press <b>Step</b> or <b>Run</b>.</p>`;
  const trace = record.trace;
  const rule = record.rule && ruleOf(policy.kind);
  return html`<div class="numbers" aria-live="polite" data-round=${record.round}>
  <p><b>Round ${record.round}</b> (${played} of ${rounds} played): ${record.active} active users were each served a slate; ${record.items} items available.
  Policy <b>${policy.kind}</b>: ${policyDoc(policy)}</p>
  ${
    rule
      ? html`<p>The update: each component's raw weight w moves by <code>${rule.formula}</code> toward r̄, its mean credit over the round's ${record.active} slates (${[
          `α = ${policy.alpha}`,
          rule.readsBeta ? `β = ${policy.beta}` : "",
          rule.readsHistory ? `H = ${policy.history}` : "",
        ]
          .filter(Boolean)
          .join(", ")}); then π = normalise(w): ${normalisation(policy.simplex)}. The last two columns are this round's row of <code>weights.csv</code> (<code>raw</code> and <code>weight</code>).</p>`
      : html`<p>${policy.kind} keeps no raw weight moved by an update rule: it learns from the round's slates as described above, and the mean credit is shown for comparison${
          policy.level !== "global" && RULES.includes(policy.kind) ? ` (at the ${policy.level} level each ${policy.level} has its own w; π is their mean)` : ""
        }.</p>`
  }
  ${updateTable(record, {components, policy})}
  ${
    trace
      ? html`<p>One of the ${record.active} slates: user <b>${trace.user}</b> was shown</p>${slateTable(trace, components)}
  <p class="status" id="unseen">* Every shown item that is not clicked earns the skip reward (${policy.rewards.skip}), whether or not the user looked at it: a recommender sees impressions and clicks, never attention. ${policy.credit === "centred" ? " The credit subtracts what items at the same slate position usually earn (a running baseline per position), so a component is not blamed for an item shown where few users look." : ""}</p>`
      : html`<p>No user was active this round.</p>`
  }
  ${policy.kind === "llm" ? llmCallPanel(llmCalls.find((c) => c.round === record.round), {components}) || html`<p class="status">No call after this round: the model is asked every ${llmOptions(policy.options).every} rounds; the weights it gave last still serve.</p>` : ""}
</div>`;
}
