// @glow/ui takes plain props: it never imports the API, the database or the data-bound layer
// (DESIGN.md's dependency direction: apps -> @glow/react -> @glow/ui).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const FORBIDDEN = /^(@glow\/(api|db|react|server)(\/|$)|@trpc\/|@tanstack\/react-query(\/|$))/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every module a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const found = source.matchAll(
    /(?:^|[^.\w])(?:import|export)\s*(?:type\s+)?(?:[^"'`;]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm,
  );
  return [...found].map((match) => match[1] ?? match[2]!);
}

describe("@glow/ui's boundary", () => {
  it("imports nothing of the API, the database or the data-bound React package", async () => {
    const offending: string[] = [];
    // This file names the forbidden modules in its own checks.
    for (const file of (await sourceFiles(path.join(root, "src"))).filter((candidate) => candidate !== import.meta.filename)) {
      for (const specifier of importsOf(await readFile(file, "utf8"))) {
        if (FORBIDDEN.test(specifier)) offending.push(`${path.relative(root, file)} imports ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("depends on none of them either", async () => {
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as Record<
      string,
      Record<string, string> | undefined
    >;
    const names = ["dependencies", "devDependencies", "peerDependencies"].flatMap((field) => Object.keys(manifest[field] ?? {}));
    expect(names.filter((name) => FORBIDDEN.test(name))).toEqual([]);
  });

  it("would notice such an import", () => {
    // Built from parts: vitest rewrites a dynamic import written out, even inside a string.
    const dynamic = `const y = await ${"import"}("@trpc/client");`;
    const source = `import { can } from "@glow/api/client";\nexport { x } from "./x.ts";\n${dynamic}`;
    expect(importsOf(source).filter((specifier) => FORBIDDEN.test(specifier))).toEqual(["@glow/api/client", "@trpc/client"]);
  });
});
