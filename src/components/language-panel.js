import * as d3 from "d3";
import {html} from "htl";

const f2 = d3.format(".2f");

/**
 * The traced user's texts of one round (queries and reviews; the round's first ones by anyone where the user wrote
 * none) and what the run's text model made of them: for a query the catalogue items whose descriptions are
 * closest to it, for a review the reader's P(positive) and the reward the purchase then earned.
 */
export function languagePanel(record, {encoder, paraphrase, rewards}) {
  if (!record) return html`<p class="status">No round played yet.</p>`;
  const texts = record.trace?.texts ?? [];
  const intro = html`<p>Encoder <b>${encoder}</b>; users word ${Math.round(100 * paraphrase)} % of their phrases in everyday words (world.paraphrase = ${paraphrase}).
  A purchase whose review reads negative earns P·${rewards.purchase} + (1 − P)·(${rewards.negativeReview}); after ${rewards.weakAfter} clicks in a row without a purchase, a click earns ${rewards.weakClick}.
  This round, ${record.metrics.negative_reviews} review(s) read negative and ${record.metrics.weak_clicks} click(s) earned the weak-interest reward, over all users.</p>`;
  if (!record.trace) return html`<div class="numbers">${intro}<p>No user was active this round.</p></div>`;
  if (texts.length === 0) return html`<div class="numbers">${intro}<p>Nobody wrote a query or a review this round.</p></div>`;
  const user = record.trace.user;
  return html`<div class="numbers">${intro}
  <p>What user <b>${user}</b> (the user shown above) wrote this round; where they wrote no query or no review, the round's first one by another user stands in.</p>
  <table class="texts">
    <thead><tr><th>user</th><th>wrote</th><th>kind</th><th>what the text model made of it</th></tr></thead>
    <tbody>${texts.map(
      (t) => html`<tr><td class="num">${t.user}</td><td>“${t.text}”</td><td>${t.kind}</td><td>${
        t.kind === "query"
          ? t.nearest
            ? html`closest items: ${t.nearest.map((text, j) => html`${j ? html`<br>` : ""}<i>${text}</i>`)}`
            : "not read (no text encoder)"
          : html`P(positive) = ${f2(t.positive)} → reward ${f2(t.reward)}`
      }</td></tr>`,
    )}</tbody>
  </table></div>`;
}
