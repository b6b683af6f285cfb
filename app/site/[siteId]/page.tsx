// GET / on a site host — the site's home page with its latest articles.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/site/article-list";
import { listArticles } from "@/lib/content/demo-articles";
import { getSiteBranding } from "@/lib/sites/get-site-branding";

type Props = { params: Promise<{ siteId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const site = await getSiteBranding((await params).siteId);
  return { title: site?.name ?? "Not found" };
}

export default async function SiteHome({ params }: Props) {
  const site = await getSiteBranding((await params).siteId);
  if (!site) notFound();
  return (
    <>
      <h1>{site.name}</h1>
      <p className="lede">Today&apos;s stories</p>
      <ArticleList articles={listArticles(site.slug)} />
    </>
  );
}
