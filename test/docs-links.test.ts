// The project's documentation lives in the repository: every link in README.md and docs/*.md
// resolves to a file (or heading) of this repository, and nothing points outside it — a clone
// once had a README whose design links led to a folder it did not contain.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const documents = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split("\n")) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading?.[1]) continue;
    anchors.add(
      heading[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-"),
    );
  }
  return anchors;
}

function linksOf(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? "");
}

describe("documentation links stay inside the repository", () => {
  for (const document of documents) {
    it(`every relative link of ${document} resolves inside the repository`, () => {
      const text = readFileSync(join(root, document), "utf8");
      const broken: string[] = [];
      for (const link of linksOf(text)) {
        if (/^(https?:|mailto:)/.test(link)) continue;
        const [path = "", anchor] = link.split("#");
        const target = path === "" ? join(root, document) : resolve(dirname(join(root, document)), decodeURI(path));
        if (relative(root, target).startsWith("..")) broken.push(`${link} (outside the repository)`);
        else if (!existsSync(target)) broken.push(`${link} (no such file)`);
        else if (anchor && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(anchor)) broken.push(`${link} (no such heading)`);
      }
      expect(broken).toEqual([]);
    });

    it(`${document} names no path outside the repository`, () => {
      expect(readFileSync(join(root, document), "utf8")).not.toMatch(/\.\.\/shared\//);
    });
  }

  it("README has each section heading once", () => {
    const headings = readFileSync(join(root, "README.md"), "utf8")
      .split("\n")
      .filter((line) => /^##\s/.test(line))
      // "Decisions … (SSO and readers)" is the same section as "Decisions …".
      .map((line) => line.replace(/\s*\(.*\)\s*$/, ""));
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });
});
