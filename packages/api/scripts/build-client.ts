// Builds the typed client as a package developers can install outside this monorepo:
// dist/client-package/ with the client bundled as ESM (router *types* only, no server
// code), its declarations, and a manifest whose dependencies are only the client's.
// `pnpm --filter @glow/api build`, then `npm pack dist/client-package`.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist/client-package");
const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
const lock = await readFile(path.join(root, "../../pnpm-workspace.yaml"), "utf8");
/** The version the workspace catalog pins, so the package asks for what it was built and tested with. */
const pinned = (name: string) => {
  const match = new RegExp(`^\\s+"?${name.replace("/", "\\/")}"?: ([^\\s]+)$`, "m").exec(lock);
  if (!match) throw new Error(`${name} is not in the catalog`);
  return match[1]!;
};
const runtimeDependencies = ["@trpc/client", "@trpc/server", "superjson"];

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const bundle = await rolldown({
  input: path.join(root, "src/client.ts"),
  platform: "neutral",
  external: (id) => runtimeDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
});
await bundle.write({ file: path.join(out, "client.js"), format: "esm" });
await bundle.close();

execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.client.json")], {
  stdio: "inherit",
});
// Our sources import with .ts; published declarations refer to each other as .js.
for (const file of await readdir(path.join(out, "types"), { recursive: true })) {
  if (!file.endsWith(".d.ts")) continue;
  const full = path.join(out, "types", file);
  const text = await readFile(full, "utf8");
  await writeFile(full, text.replace(/((?:from |import\()["']\.{1,2}\/[^"']+)\.ts(["'])/g, "$1.js$2"));
}

await writeFile(
  path.join(out, "package.json"),
  `${JSON.stringify(
    {
      name: "@glow/api",
      version: manifest.version,
      description: "Typed client for the Glow API: createGlowClient() and the router's input and output types",
      type: "module",
      exports: { "./client": { types: "./types/client.d.ts", default: "./client.js" } },
      files: ["client.js", "types"],
      engines: { node: ">=22.12" },
      dependencies: Object.fromEntries(runtimeDependencies.map((dep) => [dep, pinned(dep)])),
      // The declarations describe procedures with zod schemas.
      peerDependencies: { zod: pinned("zod") },
    },
    null,
    2,
  )}\n`,
);
process.stdout.write(`built ${path.relative(process.cwd(), out)}\n`);
