/** Observable Framework configuration of the Drift Lab site (`npm run build` writes dist/, `npm run dev` previews). */
export default {
  title: "Drift Lab",
  root: "src",
  output: "dist",
  pages: [
    { name: "The mechanism", path: "/mechanism" },
    { name: "Weights under drift", path: "/weights" },
    { name: "Stability", path: "/stability" },
    { name: "Diversity and accuracy", path: "/tradeoffs" },
    { name: "Policies compared", path: "/policies" },
    { name: "Playground", path: "/playground" },
    { name: "What the language model reads", path: "/language" },
    { name: "Real data", path: "/real-data" },
    { name: "From the source articles to the lab", path: "/source-articles" },
    { name: "Your own notebook (a template)", path: "/notebook" },
  ],
  // The default theme loads web fonts from another host; the site must work offline.
  globalStylesheets: [],
  style: "style.css",
  search: false,
  // Links end in .html, so the built site works from any plain static server, not only ones that map /page to page.html.
  cleanUrls: false,
  // No favicon request (a static host may not have one).
  head: '<link rel="icon" href="data:,">',
  footer: "Drift Lab: seeded simulations of recommenders that re-weigh themselves from live feedback.",
};
