import { defineConfig } from "vitest/config";

// `pnpm test` runs every package's tests in one run; each package's vitest.config.ts
// names its project and its environment. The workspace's own scripts (tooling/*.cjs) are
// no package, so their tests form a project here.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", { test: { name: "tooling", include: ["tooling/*.test.ts"] } }],
  },
});
