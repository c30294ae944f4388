import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const checkNode = "node tooling/check-node.cjs";
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

/** Runs the check on this Node, posing as `version` (the script honours that only under Vitest). */
function runCheck(version: string | null, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, ["tooling/check-node.cjs"], {
    cwd: root,
    encoding: "utf8",
    env: version ? { ...env, GLOW_NODE_VERSION_UNDER_TEST: version } : env,
    timeout: 10_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("tooling/check-node.cjs", () => {
  it("stops Node 20 with the required version and how to get Node 24", () => {
    const result = runCheck("20.20.2");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Glow needs Node.js 22.18 or newer; this is Node.js 20.20.2");
    expect(result.stderr).toContain("Node 24 LTS is recommended (.nvmrc says 24)");
    expect(result.stderr).toContain("nvm install 24");
    expect(result.stderr).toContain("volta install node@24");
    expect(result.stderr).toContain("https://nodejs.org/en/download");
  });

  it("stops 22.12 to 22.17, which cannot run TypeScript files, and lets 22.18 and later through silently", () => {
    for (const version of ["18.20.8", "22.12.0", "22.17.1"]) expect(runCheck(version).status, version).toBe(1);
    for (const version of ["22.18.0", "24.9.0", "26.1.0"])
      expect(runCheck(version), version).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(runCheck(null)).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("ignores the posed version outside Vitest", () => {
    const { VITEST: _vitest, ...outsideVitest } = process.env;
    expect(runCheck("20.20.2", outsideVitest).status).toBe(0);
  });

  it("reads its minimum from the root package.json's engines and .nvmrc's recommendation", () => {
    expect(packageJson.engines.node).toBe(">=22.18");
    expect(readFileSync(path.join(root, ".nvmrc"), "utf8").trim()).toBe("24");
  });

  it("runs before `pnpm install` and first in every script that runs Glow's code", () => {
    expect(packageJson.scripts.preinstall).toBe(checkNode);
    for (const script of ["dev", "dev:desktop", "build", "test", "test:watch", "bench"]) {
      expect(packageJson.scripts[script], script).toMatch(new RegExp(`^${checkNode} && `));
    }
  });
});
