import { EventEmitter } from "node:events";
import type { HandlerDetails, WebContents, WindowOpenHandlerResponse } from "electron";
import { describe, expect, it, vi } from "vitest";
import { APP_ENTRY_URL, appOriginOf } from "./app-url.ts";
import { guardNavigation } from "./navigation.ts";

const { openExternal } = vi.hoisted(() => ({ openExternal: vi.fn<(url: string) => Promise<void>>(async () => {}) }));
vi.mock("electron", () => ({ shell: { openExternal } }));

/** The few parts of WebContents the guard touches. */
class FakeContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
}

function guarded(appOrigin = "app://glow"): FakeContents {
  const contents = new FakeContents();
  guardNavigation(contents as unknown as WebContents, appOrigin);
  return contents;
}

/** Emits will-navigate and tells whether the guard blocked it. */
function navigationBlocked(contents: FakeContents, url: string): boolean {
  const event = { url, preventDefault: vi.fn<() => void>() };
  contents.emit("will-navigate", event, url);
  return event.preventDefault.mock.calls.length > 0;
}

function openWindow(contents: FakeContents, url: string): WindowOpenHandlerResponse {
  if (!contents.openHandler) throw new Error("no window open handler installed");
  return contents.openHandler({ url } as HandlerDetails);
}

describe("app origin", () => {
  it("is app://glow for the packaged renderer and the dev server's origin in development", () => {
    expect(appOriginOf(APP_ENTRY_URL)).toBe("app://glow");
    expect(appOriginOf("http://localhost:5173/")).toBe("http://localhost:5173");
  });

  it("refuses a host-less renderer URL, whose origin could not be told apart", () => {
    expect(() => appOriginOf("file:///opt/glow/index.html")).toThrow(/needs a host/);
  });
});

describe("navigation guard", () => {
  it("lets the window move between the app's own pages", () => {
    const contents = guarded();
    expect(navigationBlocked(contents, "app://glow/index.html")).toBe(false);
    expect(navigationBlocked(contents, "app://glow/settings")).toBe(false);
  });

  it.each([
    "https://evil.example/",
    "http://127.0.0.1:3000/",
    "app://other/index.html",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "not a url",
  ])("blocks navigation to %s", (url) => {
    expect(navigationBlocked(guarded(), url)).toBe(true);
  });

  it("compares whole origins for the dev server, port included", () => {
    const contents = guarded("http://localhost:5173");
    expect(navigationBlocked(contents, "http://localhost:5173/index.html")).toBe(false);
    expect(navigationBlocked(contents, "http://localhost:5174/")).toBe(true);
  });

  it("opens http(s) links in the system browser and never in a new window", () => {
    const contents = guarded();
    expect(openWindow(contents, "https://glow.example/docs")).toEqual({ action: "deny" });
    expect(openWindow(contents, "http://glow.example/")).toEqual({ action: "deny" });
    expect(openExternal.mock.calls).toEqual([["https://glow.example/docs"], ["http://glow.example/"]]);
  });

  it.each(["file:///etc/passwd", "javascript:alert(1)", "app://glow/index.html", "smb://share/x", "not a url"])(
    "denies a window for %s without handing it to the system",
    (url) => {
      expect(openWindow(guarded(), url)).toEqual({ action: "deny" });
      expect(openExternal).not.toHaveBeenCalled();
    },
  );

  it("refuses <webview> attachments", () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn<() => void>() };
    contents.emit("will-attach-webview", event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
