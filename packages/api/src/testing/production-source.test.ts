// Fakes of outside services are test code: production source (packages/api/src, less
// testing.ts, testing/ and *.test.ts) neither imports them nor a test-only package, nor
// defines a fake of its own.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "..");

function isTestingFile(file: string): boolean {
  const relative = path.relative(SRC, file);
  return relative === "testing.ts" || relative.startsWith(`testing${path.sep}`) || relative.endsWith(".test.ts");
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every module a file imports or re-exports, statically or with import(); comments (which may show an import) left out. */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const specifiers = [...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  return [...new Set(specifiers)];
}

/** Packages the api package needs only for its tests: its devDependencies that are no dependency. */
async function testOnlyPackages(): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(path.join(SRC, "../package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return new Set(Object.keys(manifest.devDependencies ?? {}).filter((name) => !(name in (manifest.dependencies ?? {}))));
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Why `file` breaks the rule, one line per offence. */
function offences(file: string, text: string, testOnly: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const specifier of importsOf(text)) {
    if (specifier.startsWith(".")) {
      const target = path.resolve(path.dirname(file), specifier);
      if (isTestingFile(target)) found.push(`imports test code ${specifier}`);
    } else if (testOnly.has(packageName(specifier.replace(/^node:/, "")))) {
      found.push(`imports the test-only package ${specifier}`);
    }
  }
  for (const match of text.matchAll(/\b(?:class|function|const|let)\s+(Fake\w*)/g)) found.push(`defines ${match[1]}`);
  return found;
}

describe("production source of @glow/api", () => {
  it("holds no fake and imports no test code or test-only package", async () => {
    const testOnly = await testOnlyPackages();
    expect(testOnly).toContain("msw");
    const files = (await sourceFiles(SRC)).filter((file) => !isTestingFile(file));
    expect(files.length).toBeGreaterThan(20);
    const report: string[] = [];
    for (const file of files) {
      for (const offence of offences(file, await readFile(file, "utf8"), testOnly)) report.push(`${path.relative(SRC, file)}: ${offence}`);
    }
    expect(report).toEqual([]);
  });

  it("catches each kind of offence (the check can fail)", () => {
    const file = path.join(SRC, "modules/auth/oauth/github.ts");
    const testOnly = new Set(["msw"]);
    expect(offences(file, `import { FakeOAuthProvider } from "../../../testing/oauth-providers.ts";`, testOnly)).toEqual([
      "imports test code ../../../testing/oauth-providers.ts",
    ]);
    expect(offences(file, `export * from "../../../testing.ts";`, testOnly)).toEqual(["imports test code ../../../testing.ts"]);
    expect(offences(file, `const { setupServer } = await import("msw/node");`, testOnly)).toEqual([
      "imports the test-only package msw/node",
    ]);
    expect(offences(file, `export class FakeMailer {}`, testOnly)).toEqual(["defines FakeMailer"]);
    expect(
      offences(
        file,
        `import { github } from "./github.ts";\nimport { z } from "zod";\n// import { http } from "msw";\n/** \`import { setupServer } from "msw/node"\` */`,
        testOnly,
      ),
    ).toEqual([]);
  });
});
