import { describe, expect, it, vi } from "vitest";
import { claimSingleInstance } from "./single-instance.ts";

function fakeApp(locked: boolean) {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  return {
    listeners,
    requestSingleInstanceLock: vi.fn<() => boolean>(() => locked),
    quit: vi.fn<() => void>(),
    on: vi.fn<(event: string, listener: (...args: unknown[]) => void) => void>((event, listener) => void listeners.set(event, listener)),
  };
}

describe("claimSingleInstance", () => {
  it("lets the first Glow run, and hands it the command line of every later launch", () => {
    const app = fakeApp(true);
    const onSecondInstance = vi.fn<(argv: string[]) => void>();
    expect(claimSingleInstance(app as never, onSecondInstance)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.listeners.get("second-instance")?.({}, ["glow.exe", "glow://auth/callback?code=abc"], "C:\\");
    expect(onSecondInstance).toHaveBeenCalledWith(["glow.exe", "glow://auth/callback?code=abc"]);
  });

  it("quits a second Glow at once", () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, vi.fn<(argv: string[]) => void>())).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.listeners.size).toBe(0);
  });
});
