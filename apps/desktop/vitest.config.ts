import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "desktop",
    // The renderer test starts the real server, which needs a test database.
    globalSetup: ["../../packages/db/src/test-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
