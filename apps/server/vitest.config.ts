import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "server",
    globalSetup: ["../../packages/db/src/test-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
