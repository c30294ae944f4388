// Vitest setup file of every project (setupFiles): routes console.error and console.warn
// through the file's console guard and fails a test that wrote an unexpected one.
import { afterAll, afterEach, beforeEach } from "vitest";
import { currentGuard, resetGuard, type ConsoleLevel } from "./console.ts";

const LEVELS: ConsoleLevel[] = ["error", "warn"];
const originals = new Map(LEVELS.map((level) => [level, console[level]]));

resetGuard();
for (const level of LEVELS) {
  console[level] = (...args: unknown[]) => currentGuard().record(level, args);
}

beforeEach(() => currentGuard().testStarted());

// Registered first, so it runs after the test file's own afterEach (hooks run as a stack):
// what a test's clean-up writes counts against the test.
afterEach(() => {
  const problems = currentGuard().testEnded();
  if (problems) throw new Error(problems);
});

afterAll(() => {
  const problems = currentGuard().fileEnded();
  for (const [level, original] of originals) console[level] = original;
  resetGuard();
  if (problems) throw new Error(problems);
});
