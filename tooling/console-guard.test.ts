// The console guard (tooling/test-setup) fails exactly the tests that write an undeclared
// console.error or console.warn, or declare one that never comes: a child Vitest runs a
// fixture file through the same setup file every project uses.
import { spawnSync } from "node:child_process";
import { globSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

interface JsonReport {
  testResults: Array<{ message: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }>;
}

function runFixture(): { outcome: Record<string, { status: string; failure: string }>; fileMessage: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "glow-console-guard-"));
  try {
    const outputFile = path.join(dir, "report.json");
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        "tooling/test-setup/fixtures/vitest.config.ts",
        "--reporter=json",
        `--outputFile=${outputFile}`,
      ],
      { cwd: root, encoding: "utf8", timeout: 60_000 },
    );
    if (result.status !== 1) throw new Error(`the fixture run should fail (exit 1), it ended with ${result.status}: ${result.stderr}`);
    const file = (JSON.parse(readFileSync(outputFile, "utf8")) as JsonReport).testResults[0]!;
    const outcome = Object.fromEntries(
      file.assertionResults.map((test) => [test.title, { status: test.status, failure: test.failureMessages.join("\n") }]),
    );
    return { outcome, fileMessage: file.message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the console guard", () => {
  const { outcome, fileMessage } = runFixture();

  it("passes a quiet test and one that declares what it logs", () => {
    expect(outcome["quiet"]?.status).toBe("passed");
    expect(outcome["declares the error it logs"]?.status).toBe("passed");
  });

  it("fails a test that logs an undeclared error or warning, naming the message", () => {
    expect(outcome["logs an unexpected error"]).toMatchObject({ status: "failed" });
    expect(outcome["logs an unexpected error"]!.failure).toContain("unexpected console.error: Something broke: the widget");
    expect(outcome["logs an unexpected warning"]!.failure).toContain("unexpected console.warn: Error: careful");
  });

  it("fails a test whose declared message never comes, or comes at another level", () => {
    expect(outcome["declares an error that never comes"]!.failure).toContain("expected a console.error matching never said, and none came");
    expect(outcome["declares an error but logs a warning"]!.failure).toContain("unexpected console.warn: the same words");
  });

  it("counts what a test's clean-up writes against the test, and ends a declaration with its test", () => {
    expect(outcome["warns in its clean-up"]!.failure).toContain("unexpected console.warn: clean-up warned");
    expect(outcome["logs after a declaring test, undeclared again"]!.failure).toContain(
      "unexpected console.error: Could not reach the server",
    );
  });

  it("fails the file for what its hooks write outside any test", () => {
    expect(fileMessage).toContain("This test file wrote to the console outside its tests");
    expect(fileMessage).toContain("unexpected console.warn: set-up warned");
  });
});

describe("every Vitest project", () => {
  it("loads the console guard as a setup file", () => {
    const configs = globSync(["packages/*/vitest.config.ts", "apps/*/vitest.config.ts", "vitest.config.ts"], { cwd: root });
    expect(configs.length).toBeGreaterThanOrEqual(7);
    const without = configs.filter(
      (config) => !/setupFiles: \[[^\]]*tooling\/test-setup\/setup\.ts"/.test(readFileSync(path.join(root, config), "utf8")),
    );
    expect(without).toEqual([]);
  });
});
