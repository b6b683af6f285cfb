import Link from "next/link";
import type { Article } from "@/lib/content/demo-articles";

export function ArticleList({ articles }: { articles: Article[] }) {
  return (
    <ul className="article-list">
      {articles.map((article) => (
        <li key={article.slug} className="article-card">
          <h2>
            <Link href={`/articles/${article.slug}`}>{article.title}</Link>
          </h2>
          <p>{article.summary}</p>
        </li>
      ))}
    </ul>
  );
}
