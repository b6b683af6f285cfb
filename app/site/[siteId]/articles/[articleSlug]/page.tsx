// GET /articles/<slug> on a site host — one article.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findArticle } from "@/lib/content/demo-articles";
import { getSiteBranding } from "@/lib/sites/get-site-branding";

type Props = { params: Promise<{ siteId: string; articleSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { siteId, articleSlug } = await params;
  const site = await getSiteBranding(siteId);
  const article = site ? findArticle(site.slug, articleSlug) : null;
  if (!site) return { title: "Page not found" };
  return { title: article ? `${article.title} — ${site.name}` : `Page not found — ${site.name}` };
}

export default async function ArticlePage({ params }: Props) {
  const { siteId, articleSlug } = await params;
  const site = await getSiteBranding(siteId);
  const article = site ? findArticle(site.slug, articleSlug) : null;
  if (!site || !article) notFound();
  return (
    <article>
      <h1>{article.title}</h1>
      <p className="lede">{article.summary}</p>
      {article.body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
    </article>
  );
}
