// Browser tests sign in through their fixture (signInDirectly in apps/web/e2e/stack.ts and
// apps/desktop/e2e/support.ts), not the sign-in form; only the tests of signing in itself
// click its button.
import { globSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** The tests that sign in through the form, each with why. */
const FORM_TESTS: Record<string, string> = {
  "apps/web/e2e/auth.test.ts": "tests the sign-in screen: a wrong password, the keyboard, the way back to the page asked for",
  "apps/desktop/e2e/admin-users.test.ts": "tests the desktop sign-in screen: the demo hint and a refused password",
  "apps/desktop/e2e/built-app.test.ts": "signs in through main's real code in the production build once",
};

const clicksSignIn = /name: "Sign in"(?:, exact: true)? \}\)\.click\(\)/;

describe("browser tests", () => {
  it("sign in through the fixture, except the tests of the sign-in form", () => {
    const files = globSync(["apps/web/e2e/*.ts", "apps/desktop/e2e/*.ts"], { cwd: root });
    expect(files.length).toBeGreaterThanOrEqual(8);
    const throughForm = files.filter((file) => clicksSignIn.test(readFileSync(path.join(root, file), "utf8"))).sort();
    expect(throughForm).toEqual(Object.keys(FORM_TESTS).sort());
  });
});
