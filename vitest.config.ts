import { defineConfig } from "vitest/config";

// `pnpm test` runs every package's tests in one run; each package's vitest.config.ts
// names its project and its environment.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
