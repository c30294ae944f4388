// The layering DESIGN.md asks of every module, checked over the files as they are, so that a
// new module copies the rule along with the code: only routers speak tRPC; services throw
// domain errors (core/errors.ts) and hand cookies back instead of touching the response.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MODULES = fileURLToPath(new URL("./modules/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

// A module's router.ts, or one resource's procedures beside its service (publish/posts.router.ts).
const isRouter = (path: string) => path.endsWith("/router.ts") || path.endsWith(".router.ts");

/** Non-router files under modules/ whose text matches `pattern`, as "file:line: text". */
function offences(pattern: RegExp): string[] {
  return sourceFiles(MODULES)
    .filter((path) => !isRouter(path))
    .flatMap((path) =>
      readFileSync(path, "utf8")
        .split("\n")
        .flatMap((line, index) => (pattern.test(line) ? [`${relative(MODULES, path)}:${index + 1}: ${line.trim()}`] : [])),
    );
}

describe("modules/", () => {
  it("holds services and schemas, all of which it reads", () => {
    const files = sourceFiles(MODULES);
    expect(files.filter((path) => !isRouter(path)).length).toBeGreaterThan(10);
    expect(files.filter(isRouter).length).toBeGreaterThanOrEqual(4);
  });

  it("imports @trpc/server in routers only: services throw domain errors, which trpc.ts maps once", () => {
    expect(offences(/from\s+["']@trpc\/server|import\(\s*["']@trpc\/server|require\(\s*["']@trpc\/server/)).toEqual([]);
  });

  it("touches the response in routers only: services return the cookies to set", () => {
    expect(offences(/\.response\b|\b(setHeader|appendHeader)\(/)).toEqual([]);
  });
});

describe("routers", () => {
  const routerLines = () =>
    sourceFiles(MODULES)
      .filter(isRouter)
      .flatMap((path) =>
        readFileSync(path, "utf8")
          .split("\n")
          .map((line, index) => ({ where: `${relative(MODULES, path)}:${index + 1}`, line })),
      );

  // Layout within a procedure is Prettier's (decision 018); two procedures never share a line.
  it("write one procedure per block: never two procedures on one line", () => {
    const chained = routerLines().filter(({ line }) => (line.match(/\.(query|mutation|subscription)\(/g) ?? []).length > 1);
    expect(chained.map(({ where, line }) => `${where}: ${line.trim()}`)).toEqual([]);
  });

  it("take REST metadata from rest() in trpc.ts, never spelled out", () => {
    const spelled = routerLines().filter(({ line }) => /\bopenapi\s*:/.test(line));
    expect(spelled.map(({ where, line }) => `${where}: ${line.trim()}`)).toEqual([]);
  });
});
