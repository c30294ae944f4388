import { defineConfig } from "vitest/config";

// `pnpm test` runs every package's tests in one run; each package's vitest.config.ts
// names its project and its environment. The workspace's own scripts (tooling/*.cjs) are
// no package, so their tests form a project here. Every project fails a test on an
// unexpected console.error or console.warn (tooling/test-setup).
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "apps/*",
      { test: { name: "tooling", include: ["tooling/*.test.ts"], setupFiles: ["tooling/test-setup/setup.ts"] } },
    ],
  },
});
