import { describe, expect, it } from "vitest";
import { OAUTH_ERROR_MESSAGES, OAUTH_UNKNOWN_ERROR, oauthErrorMessage } from "./errors.ts";

describe("oauthErrorMessage", () => {
  it("words each code the server sends", () => {
    expect(oauthErrorMessage("oauth_cancelled")).toBe("Sign-in was cancelled at the provider.");
    expect(oauthErrorMessage("state_mismatch")).toMatch(/started in another browser/);
    for (const [code, message] of Object.entries(OAUTH_ERROR_MESSAGES)) expect(oauthErrorMessage(code)).toBe(message);
  });

  it("shows a generic line for any other text, so a link cannot choose the words", () => {
    for (const text of ["Your account is suspended: call +1 555 0100", "constructor", "__proto__", "toString", "OAUTH_CANCELLED"]) {
      expect(oauthErrorMessage(text)).toBe(OAUTH_UNKNOWN_ERROR);
    }
  });

  it("shows nothing without a code", () => {
    expect(oauthErrorMessage(null)).toBeNull();
    expect(oauthErrorMessage("")).toBeNull();
  });
});
