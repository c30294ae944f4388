// The docs stay true to the tree: every relative link in a README or under docs/ points at
// a file of the repository, README.md links nowhere else (but the local dev servers), and
// the decisions' index lists every decision.
import { existsSync, globSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** The link targets of a Markdown text, code blocks and inline code left out. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "code");
  const inline = [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  const auto = [...prose.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((match) => match[1]!);
  return [...inline, ...auto];
}

/** Why a link from `file` is wrong, or null: a relative one must name a file or folder inside the repository. */
function brokenLink(file: string, target: string): string | null {
  if (/^[a-z]+:/i.test(target) || target.startsWith("#")) return null;
  const resolved = path.resolve(root, path.dirname(file), decodeURIComponent(target.split("#")[0]!));
  if (path.relative(root, resolved).startsWith("..")) return `${target} leaves the repository`;
  return existsSync(resolved) ? null : `${target} does not exist`;
}

const docs = globSync(
  [
    "README.md",
    "docs/**/*.md",
    "apps/*/README.md",
    "packages/*/README.md",
    "tooling/*/README.md",
    "benchmarks/README.md",
    "examples/*/README.md",
  ],
  { cwd: root },
);

describe("the docs", () => {
  it("link only to files that exist in the repository", () => {
    expect(docs.length).toBeGreaterThan(20);
    const broken = docs.flatMap((file) =>
      linksOf(read(file))
        .flatMap((target) => brokenLink(file, target) ?? [])
        .map((why) => `${file}: ${why}`),
    );
    expect(broken).toEqual([]);
  });

  it("README.md links to nothing outside the repository but the local dev servers", () => {
    const outside = linksOf(read("README.md")).filter(
      (target) => /^[a-z]+:/i.test(target) && !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(target),
    );
    expect(outside).toEqual([]);
  });

  it("catch a link that leaves the repository or names no file", () => {
    expect(brokenLink("README.md", "../shared/DESIGN.md")).toBe("../shared/DESIGN.md leaves the repository");
    expect(brokenLink("docs/product.md", "decisions/999-none.md")).toBe("decisions/999-none.md does not exist");
    expect(brokenLink("docs/product.md", "typed-client.md")).toBeNull();
    expect(linksOf("see [a](x.md) and `[b](y.md)`\n```\n[c](z.md)\n```\n<http://localhost:3000>")).toEqual([
      "x.md",
      "http://localhost:3000",
    ]);
  });
});

describe("the decisions' index", () => {
  it("lists every decision, in order, with the template beside them", () => {
    const decisions = readdirSync(path.join(root, "docs/decisions")).filter(
      (name) => /^\d{3}-.+\.md$/.test(name) && name !== "000-template.md",
    );
    expect(decisions.length).toBeGreaterThanOrEqual(15);
    const listed = linksOf(read("docs/decisions/README.md")).filter((target) => /^\d{3}-/.test(target));
    expect(listed).toEqual(["000-template.md", ...decisions.sort()]);
  });

  it("numbers each decision once, and each one's title carries its number", () => {
    const decisions = readdirSync(path.join(root, "docs/decisions")).filter((name) => /^\d{3}-.+\.md$/.test(name));
    const numbers = decisions.map((name) => name.slice(0, 3));
    expect(numbers.filter((number, index) => numbers.indexOf(number) !== index)).toEqual([]);
    for (const name of decisions.filter((n) => n !== "000-template.md")) {
      expect(read(`docs/decisions/${name}`).split("\n")[0], name).toMatch(new RegExp(`^# ${name.slice(0, 3)} — `));
    }
  });
});
