import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "web",
    globalSetup: ["../../packages/db/src/test-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
