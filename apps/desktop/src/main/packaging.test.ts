// The packaging config (electron-builder.ts): packaging itself needs Electron's binaries,
// which cannot be downloaded here, so this checks what the packages would be made of.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import config from "../../electron-builder.ts";

const appDir = path.join(import.meta.dirname, "../..");
const targets = (platform: "linux" | "mac" | "win") => config[platform]?.target;

describe("packaging", () => {
  it("makes an AppImage and a .deb for Linux, a .dmg for macOS and an NSIS installer for Windows", () => {
    expect(targets("linux")).toEqual(["AppImage", "deb"]);
    expect(targets("mac")).toEqual(["dmg"]);
    expect(targets("win")).toEqual(["nsis"]);
  });

  it("registers glow:// (Info.plist on macOS, the .desktop file on Linux)", () => {
    expect(config.protocols).toEqual([{ name: "Glow", schemes: ["glow"] }]);
  });

  it("ships the bundles electron-vite builds, and the entry package.json names, without node_modules", async () => {
    const packageJson = JSON.parse(await readFile(path.join(appDir, "package.json"), "utf8")) as { main: string; description?: string };
    expect(packageJson.main).toBe("./out/main/index.js");
    expect(packageJson.description).toBeTruthy(); // the .deb needs one
    expect(config.files).toEqual(expect.arrayContaining(["out/**/*", "package.json", "!node_modules/**/*"]));
  });

  it("turns off Electron's switches that would let another program run code in the app", () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it("has an icon big enough for every platform (a PNG of at least 512 × 512)", async () => {
    const icon = await readFile(path.join(appDir, "build/icon.png"));
    expect(icon.subarray(1, 4).toString()).toBe("PNG");
    expect(Math.min(icon.readUInt32BE(16), icon.readUInt32BE(20))).toBeGreaterThanOrEqual(512);
  });
});
