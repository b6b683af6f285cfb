// Demo articles so each site has something to read. Content is static on purpose: the
// product is about identity, not publishing.
export type Article = { slug: string; title: string; summary: string; body: string[] };

const bySite: Record<string, Article[]> = {
  news: [
    { slug: "harbour-bridge-reopens", title: "Harbour bridge reopens after two years of repairs", summary: "Commuters return to the old crossing, now with a cycle lane.", body: ["The bridge reopened at dawn to a small crowd of cyclists.", "Engineers say the new deck should last another century."] },
    { slug: "library-late-fees", title: "City library scraps late fees for good", summary: "A trial that brought back lapsed readers becomes permanent.", body: ["Borrowing rose by a fifth during the trial.", "Overdue books still have to come back, eventually."] },
    { slug: "night-trains", title: "Night trains return to the northern line", summary: "Sleeper carriages run three nights a week from spring.", body: ["The operator expects most cabins to sell out in summer.", "Tickets go on sale next month."] },
  ],
  sport: [
    { slug: "derby-draw", title: "Late equaliser settles a tense derby", summary: "A stoppage-time header splits the points.", body: ["Neither side found its rhythm until the final minutes.", "Both managers called the result fair."] },
    { slug: "marathon-record", title: "Course record falls at the city marathon", summary: "Cool weather and a flat route make for fast times.", body: ["The winner went through halfway in 1:02.", "More than twenty thousand runners finished."] },
    { slug: "youth-cup", title: "Youth cup final goes to penalties", summary: "The under-18s decide a thriller from the spot.", body: ["The goalkeeper saved two of five kicks.", "The trophy goes back to the coast for the first time in a decade."] },
  ],
  recipes: [
    { slug: "weeknight-dal", title: "A weeknight dal in thirty minutes", summary: "Red lentils, a hot tarka and very little washing-up.", body: ["Rinse the lentils until the water runs clear.", "Finish with lime and coriander."] },
    { slug: "sourdough-basics", title: "Sourdough without the mystery", summary: "A starter, a bowl and a schedule that fits a working week.", body: ["Feed the starter the night before.", "Bake in a preheated pot for a crisp crust."] },
    { slug: "summer-salad", title: "Tomato and peach salad", summary: "Two fruits at their best, a little salt and good oil.", body: ["Use the ripest tomatoes you can find.", "Dress just before serving."] },
  ],
};

const fallback: Article[] = [
  { slug: "welcome", title: "Welcome to our new website", summary: "A fresh look and the same stories you trust.", body: ["We rebuilt the site to load faster on every device.", "Tell us what you think."] },
  { slug: "weekend-reading", title: "Weekend reading", summary: "Five long reads for a slow Sunday.", body: ["Put the kettle on.", "Start with the one about lighthouses."] },
];

export function listArticles(siteSlug: string): Article[] {
  return bySite[siteSlug] ?? fallback;
}

export function findArticle(siteSlug: string, articleSlug: string): Article | null {
  return listArticles(siteSlug).find((a) => a.slug === articleSlug) ?? null;
}
