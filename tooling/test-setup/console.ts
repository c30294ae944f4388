// Tests fail on an unexpected console.error or console.warn (setup.ts wires this into every
// Vitest project): a warning nobody reads is a bug nobody fixes. A test that means to make
// one says so with expectConsole().
import { format } from "node:util";

export type ConsoleLevel = "error" | "warn";

interface Expectation {
  level: ConsoleLevel;
  pattern: string | RegExp;
  /** "test" ends with the running test; "file" (declared outside a test) with the test file. */
  scope: "test" | "file";
  messages: string[];
}

/** What one test file's console said, and what its tests declared it would say. */
export interface ConsoleGuard {
  /** Called instead of console.error / console.warn. */
  record(level: ConsoleLevel, args: unknown[]): void;
  expect(level: ConsoleLevel, pattern: string | RegExp): Expectation;
  testStarted(): void;
  /** The problems of the test that just ended (unexpected messages, declared ones that never came), or null. */
  testEnded(): string | null;
  /** The problems outside any test (hooks, module load, file-wide declarations), or null. */
  fileEnded(): string | null;
}

const MAX_MESSAGE = 600;

function matches(pattern: string | RegExp, message: string): boolean {
  return typeof pattern === "string" ? message.includes(pattern) : pattern.test(message);
}

function problems(unexpected: string[], unmet: Expectation[], where: string): string | null {
  if (unexpected.length === 0 && unmet.length === 0) return null;
  const lines = [
    ...unexpected.map((message) => `unexpected ${message}`),
    ...unmet.map((e) => `expected a console.${e.level} matching ${String(e.pattern)}, and none came`),
  ];
  return `${where}:\n${lines.join("\n")}\n(a message a test means to cause is declared with expectConsole() from @glow/test-setup; any other is fixed or quieted at its source)`;
}

export function createConsoleGuard(): ConsoleGuard {
  let inTest = false;
  let expectations: Expectation[] = [];
  let unexpectedInTest: string[] = [];
  let unexpectedOutside: string[] = [];
  return {
    record(level, args) {
      const message = format(...args);
      const expectation = expectations.find((e) => e.level === level && matches(e.pattern, message));
      if (expectation) return void expectation.messages.push(message);
      const shown = `console.${level}: ${message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message}`;
      (inTest ? unexpectedInTest : unexpectedOutside).push(shown);
    },
    expect(level, pattern) {
      const expectation: Expectation = { level, pattern, scope: inTest ? "test" : "file", messages: [] };
      expectations.push(expectation);
      return expectation;
    },
    testStarted() {
      inTest = true;
    },
    testEnded() {
      inTest = false;
      const ended = expectations.filter((e) => e.scope === "test");
      expectations = expectations.filter((e) => e.scope === "file");
      const unexpected = unexpectedInTest;
      unexpectedInTest = [];
      return problems(
        unexpected,
        ended.filter((e) => e.messages.length === 0),
        "This test wrote to the console",
      );
    },
    fileEnded() {
      const unmet = expectations.filter((e) => e.messages.length === 0);
      const unexpected = unexpectedOutside;
      expectations = [];
      unexpectedOutside = [];
      return problems(unexpected, unmet, "This test file wrote to the console outside its tests");
    },
  };
}

// One guard per test file, found through the global object: the setup file and a test
// importing this module may hold different instances of it.
const GUARD = Symbol.for("glow.test-setup.console-guard");

export function currentGuard(): ConsoleGuard {
  const holder = globalThis as { [GUARD]?: ConsoleGuard };
  holder[GUARD] ??= createConsoleGuard();
  return holder[GUARD];
}

export function resetGuard(): void {
  delete (globalThis as { [GUARD]?: ConsoleGuard })[GUARD];
}

/**
 * Declares that the running test (or, called outside a test, the test file) writes a
 * console.error or console.warn matching `pattern` (a substring or a RegExp). Such messages
 * are kept from the output; the test fails if none comes. Returns the messages as they come.
 */
export function expectConsole(level: ConsoleLevel, pattern: string | RegExp): { readonly messages: readonly string[] } {
  return currentGuard().expect(level, pattern);
}
