import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    // Polls wait on other processes (servers, Chromium); CI's 2 cores can be slow to answer.
    expect: { poll: { timeout: 10_000 } },
    name: "react",
    // Fails a test on an unexpected console.error or console.warn (tooling/test-setup).
    setupFiles: ["../../tooling/test-setup/setup.ts"],
    environment: "happy-dom",
  },
});
