import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "api",
    globalSetup: ["../db/src/test-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
