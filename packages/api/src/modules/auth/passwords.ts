import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// zxcvbn-ts with its common-password and keyboard-pattern dictionaries: catches
// "password123" and "qwertyuiop", not just exact list entries.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

// zxcvbn reports warning keys; without a language pack we word the common ones ourselves.
const WARNINGS: Record<string, string> = {
  topten: "it is one of the most common passwords",
  tophundred: "it is one of the most common passwords",
  common: "it is a commonly used password",
  similartocommon: "it is very like a commonly used password",
  straightrow: "it is a row of keys on the keyboard",
  keypattern: "it is a keyboard pattern",
  simplerepeat: "it repeats characters",
  extendedrepeat: "it repeats a pattern",
  sequences: "it is a sequence like abc or 123",
  recentyears: "it is a recent year",
  dates: "it is a date",
  userinputs: "it contains your name or email",
};

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  const result = zxcvbn.check(password, userInputs);
  if (result.score < 3) {
    const reason = WARNINGS[(result.feedback.warning ?? "").toLowerCase()];
    return reason ? `This password is too easy to guess: ${reason}` : "This password is too easy to guess; add another word or two";
  }
  return null;
}
