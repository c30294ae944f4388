import { describe, expect, it, vi } from "vitest";
import { createLinkInbox, deepLinkFromArgv, parseDeepLink } from "./deep-link.ts";

const CODE = "abcdefghijklmnopqrstuvwxyz234567"; // the server's codes: 32 characters of base32

describe("parseDeepLink", () => {
  it("accepts the sign-in callback with a code or an error", () => {
    expect(parseDeepLink(`glow://auth/callback?code=${CODE}`)).toEqual({ kind: "oauth-callback", code: CODE });
    expect(parseDeepLink("glow://auth/callback?error=Sign-in%20was%20cancelled%20at%20the%20provider")).toEqual({
      kind: "oauth-error",
      error: "Sign-in was cancelled at the provider",
    });
    expect(parseDeepLink("GLOW://AUTH/callback?code=" + CODE)).toEqual({ kind: "oauth-callback", code: CODE });
  });

  it("turns control characters in an error into spaces and bounds its length", () => {
    expect(parseDeepLink("glow://auth/callback?error=line%0Aone%00two")).toEqual({ kind: "oauth-error", error: "line one two" });
    const long = parseDeepLink(`glow://auth/callback?error=${"x".repeat(1000)}`);
    expect(long?.kind === "oauth-error" && long.error.length).toBe(300);
  });

  it.each([
    ["another scheme", `https://auth/callback?code=${CODE}`],
    ["another host", `glow://evil/callback?code=${CODE}`],
    ["another path", `glow://auth/other?code=${CODE}`],
    ["a path below the callback", `glow://auth/callback/more?code=${CODE}`],
    ["no parameters", "glow://auth/callback"],
    ["both code and error", `glow://auth/callback?code=${CODE}&error=x`],
    ["the code twice", `glow://auth/callback?code=${CODE}&code=${CODE}`],
    ["an extra parameter", `glow://auth/callback?code=${CODE}&next=https://evil.example`],
    ["the server's 'linked' answer (the app never links)", "glow://auth/callback?linked=github"],
    ["a code too short", "glow://auth/callback?code=abc"],
    ["a code with other characters", `glow://auth/callback?code=${CODE}%3Cscript%3E`],
    ["an empty error", "glow://auth/callback?error="],
    ["credentials", `glow://user:pass@auth/callback?code=${CODE}`],
    ["a fragment", `glow://auth/callback?code=${CODE}#x`],
    ["a port", `glow://auth:8080/callback?code=${CODE}`],
    ["not a URL", "glow:auth callback"],
    ["something too long", `glow://auth/callback?error=${"x".repeat(3000)}`],
  ])("rejects %s", (_name, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it.each([[null], [42], [{ url: "glow://auth/callback" }]])("rejects %j", (value) => {
    expect(parseDeepLink(value)).toBeNull();
  });
});

describe("deepLinkFromArgv", () => {
  it("finds the glow:// argument that Windows and Linux pass to a second launch", () => {
    expect(deepLinkFromArgv(["C:\\Glow\\Glow.exe", "--allow-file-access", `glow://auth/callback?code=${CODE}`])).toBe(
      `glow://auth/callback?code=${CODE}`,
    );
    expect(deepLinkFromArgv(["/usr/bin/glow", "--no-sandbox"])).toBeNull();
  });
});

describe("createLinkInbox", () => {
  it("holds links until a handler is set, then passes them (and later ones) on in order", () => {
    const inbox = createLinkInbox();
    inbox.receive("glow://one");
    inbox.receive("glow://two");
    const handler = vi.fn<(url: string) => void>();
    inbox.handleWith(handler);
    inbox.receive("glow://three");
    expect(handler.mock.calls).toEqual([["glow://one"], ["glow://two"], ["glow://three"]]);
  });
});
