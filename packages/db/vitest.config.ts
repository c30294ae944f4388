import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "db",
    globalSetup: ["./src/test-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
