/*
 * Program generation: a score breakdown and an exercise library → weeks × sessions × exercises.
 * Pure and deterministic: the same score, library and seed always give the same program.
 *
 * Safety first. An exercise can be chosen only if
 *   - its difficulty is at most the client's level (a beginner never gets difficulty 2 or 3);
 *   - none of its contraindications is one of the client's limitations (compared lowercased);
 *   - when the template asked about equipment (score.equipment present), everything it needs is
 *     in score.equipment ("bodyweight" and an empty list are always fine).
 * When too few exercises are safe a session gets fewer of them, never an unsafe one; when none
 * is safe at all, generateProgram throws.
 *
 * Split (sessionsPerWeek sessions a week, days 1..n):
 *   beginners: full body every session (A, B, C);   2 a week: full body A, B;
 *   3: push, pull, legs;   4: upper, lower, upper, lower;   5: push, pull, legs, upper, lower.
 * An exercise's movement pattern is its first muscle group that names one (chest, shoulders,
 * triceps → push; back, lats, biceps → pull; quads, hamstrings, glutes, calves → legs; core,
 * abs, obliques → core; hips, spine, mobility → mobility; cardio, full_body → cardio).
 * Each session fills 4 + level slots (5, 6 or 7) from its split's pattern list; a mobility goal
 * puts a mobility slot first, an endurance or fat-loss goal a cardio slot last (in place of the
 * list's last slots). A slot takes, among the safe exercises of its pattern not yet in the
 * session (any safe one when its pattern has none left), the best by: a muscle group not yet
 * worked in the session, then not yet used this week, then difficulty closest to the target
 * (the level for strength and general goals, one below it, at least 1, for fat loss, endurance
 * and mobility), then a hash of the seed (the only place the seed matters: it varies the choice among equally
 * good exercises). Every week repeats week 1's exercises, so progress can be measured.
 *
 * Prescription, by the first goal (an exercise of the mobility pattern always gets mobility's);
 * k = week − 1; sets: 2 / 3 / 4 by level, +1 for strength, always 2 for mobility:
 *   strength  loaded: 5 reps at 65 / 70 / 75 % (by level) + 5 % a week (at most 90 %, then +1
 *             rep a week); rest 120 / 150 / 180 s, held.  bodyweight: 6 + k reps, rest 90 s.
 *             timed: 20 + 5k s, rest 60 s.
 *   fat_loss  12 + k reps (12–15 in a 4-week block), loaded at 50 %; rest 45 − 5k s (≥ 30).
 *             timed: 30 + 5k s, rest 40 − 5k s (≥ 20).
 *   endurance every exercise timed: 30 / 40 / 45 s + 5k; rest 30 − 5k s (≥ 15).
 *   mobility  holds of 30 + 5k s (rep exercises: 8 + k slow reps); rest 20 s (30 s), held.
 *   general   8 + k reps, loaded at 60 %; rest 90 − 10k s (≥ 60). timed: 30 + 5k s, rest 45 s.
 * So every item does strictly more work each week (a rep, 5 s or 5 % more; no deload within a
 * block) while its rest shrinks or holds. Loaded means it needs a barbell, dumbbell,
 * kettlebell, cable, machine or sandbag; only loaded rep items carry loadPercent.
 */
import type { Goal, Level, ScoreBreakdown } from "./scoring.ts";

export interface LibraryExercise {
  id: string;
  name: string;
  muscleGroups: string[];
  equipment: string[];
  difficulty: number;
  contraindications: string[];
  measure: "reps" | "time";
}

export interface GeneratedItem {
  exerciseId: string;
  position: number;
  sets: number;
  reps: number | null;
  seconds: number | null;
  restSeconds: number;
  loadGuidance: string;
  loadPercent: number | null;
}

export interface GeneratedSession {
  week: number;
  day: number;
  title: string;
  items: GeneratedItem[];
}

export interface GeneratedProgram {
  title: string;
  weeks: number;
  sessions: GeneratedSession[];
}

export const DEFAULT_PROGRAM_WEEKS = 4;
export const MAX_PROGRAM_WEEKS = 12;
export const MAX_LOAD_PERCENT = 90;

type Pattern = "push" | "pull" | "legs" | "core" | "mobility" | "cardio";

const PATTERN_OF_MUSCLE: Record<string, Pattern> = {
  chest: "push",
  shoulders: "push",
  triceps: "push",
  back: "pull",
  upper_back: "pull",
  lats: "pull",
  biceps: "pull",
  rear_delts: "pull",
  quads: "legs",
  hamstrings: "legs",
  glutes: "legs",
  calves: "legs",
  adductors: "legs",
  core: "core",
  abs: "core",
  obliques: "core",
  hips: "mobility",
  spine: "mobility",
  mobility: "mobility",
  thoracic: "mobility",
  cardio: "cardio",
  full_body: "cardio",
  conditioning: "cardio",
};

const LOADED_EQUIPMENT = new Set(["barbell", "dumbbell", "kettlebell", "cable", "machine", "sandbag"]);
const ALWAYS_AVAILABLE = new Set(["bodyweight", "none"]);

type SessionKind = "full_body" | "push" | "pull" | "legs" | "upper" | "lower";
// Seven slots each: a session uses the first 4 + level of them (minus the goal's slots).
const SLOTS: Record<SessionKind, Pattern[]> = {
  full_body: ["legs", "push", "pull", "core", "legs", "pull", "push"],
  push: ["push", "push", "push", "core", "push", "core", "push"],
  pull: ["pull", "pull", "pull", "core", "pull", "core", "pull"],
  legs: ["legs", "legs", "legs", "core", "legs", "core", "legs"],
  upper: ["push", "pull", "push", "pull", "core", "push", "pull"],
  lower: ["legs", "legs", "core", "legs", "legs", "core", "legs"],
};
const KIND_NAMES: Record<SessionKind, string> = {
  full_body: "Full body",
  push: "Push",
  pull: "Pull",
  legs: "Legs",
  upper: "Upper body",
  lower: "Lower body",
};
const GOAL_NAMES: Record<Goal, string> = {
  strength: "Strength",
  fat_loss: "Fat loss",
  endurance: "Endurance",
  mobility: "Mobility",
  general: "General fitness",
};
const LEVEL_NAMES: Record<Level, string> = { 1: "beginner", 2: "intermediate", 3: "advanced" };

function split(sessionsPerWeek: number, level: Level): Array<{ kind: SessionKind; title: string }> {
  const letters = (kinds: SessionKind[]) => {
    const counts = new Map<SessionKind, number>();
    for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const seen = new Map<SessionKind, number>();
    return kinds.map((kind) => {
      const n = seen.get(kind) ?? 0;
      seen.set(kind, n + 1);
      const suffix = counts.get(kind)! > 1 ? ` ${String.fromCharCode(65 + n)}` : "";
      return { kind, title: `${KIND_NAMES[kind]}${suffix}` };
    });
  };
  if (level === 1 || sessionsPerWeek <= 2) return letters(Array.from({ length: sessionsPerWeek }, () => "full_body"));
  if (sessionsPerWeek === 3) return letters(["push", "pull", "legs"]);
  if (sessionsPerWeek === 4) return letters(["upper", "lower", "upper", "lower"]);
  const five: SessionKind[] = ["push", "pull", "legs", "upper", "lower"];
  return letters(Array.from({ length: sessionsPerWeek }, (_, i) => five[i % five.length]!));
}

/** FNV-1a: a small stable hash, so the seed's effect is the same on every platform. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const normalized = (codes: readonly string[]) => codes.map((c) => c.trim().toLowerCase());

interface Candidate {
  exercise: LibraryExercise;
  pattern: Pattern | null;
  primaryMuscle: string;
  loaded: boolean;
}

function candidateOf(exercise: LibraryExercise): Candidate {
  const muscles = normalized(exercise.muscleGroups);
  const pattern = muscles.map((m) => PATTERN_OF_MUSCLE[m]).find((p) => p !== undefined) ?? null;
  return {
    exercise,
    pattern,
    primaryMuscle: muscles[0] ?? "",
    loaded: normalized(exercise.equipment).some((e) => LOADED_EQUIPMENT.has(e)),
  };
}

/** Whether a client with this score may be given the exercise (the rules at the top). */
export function isSafeFor(score: Pick<ScoreBreakdown, "level" | "limitations" | "equipment">, exercise: LibraryExercise): boolean {
  if (!(exercise.difficulty <= score.level)) return false;
  const limitations = new Set(normalized(score.limitations));
  if (normalized(exercise.contraindications).some((c) => limitations.has(c))) return false;
  if (score.equipment) {
    const available = new Set([...normalized(score.equipment), ...ALWAYS_AVAILABLE]);
    if (!normalized(exercise.equipment).every((e) => available.has(e))) return false;
  }
  return true;
}

type Prescription = Omit<GeneratedItem, "exerciseId" | "position">;

function prescribe(goal: Goal, level: Level, candidate: Candidate, k: number): Prescription {
  const { exercise, loaded } = candidate;
  const effective: Goal = candidate.pattern === "mobility" ? "mobility" : goal;
  const timed = exercise.measure === "time" || effective === "endurance";
  const sets = effective === "mobility" ? 2 : level + 1 + (effective === "strength" ? 1 : 0);
  const reps = (count: number, restSeconds: number, loadGuidance: string, loadPercent: number | null = null): Prescription => ({
    sets,
    reps: count,
    seconds: null,
    restSeconds,
    loadGuidance,
    loadPercent: loaded ? loadPercent : null,
  });
  const time = (seconds: number, restSeconds: number, loadGuidance: string): Prescription => ({
    sets,
    reps: null,
    seconds,
    restSeconds,
    loadGuidance,
    loadPercent: null,
  });

  switch (effective) {
    case "strength": {
      if (timed) return time(20 + 5 * k, 60, "Brace hard and hold good form (RPE 8)");
      if (!loaded) return reps(6 + k, 90, "Bodyweight, slow 3-second lowering (RPE 8)");
      const start = 60 + 5 * level;
      const weeksToCap = (MAX_LOAD_PERCENT - start) / 5;
      const percent = Math.min(start + 5 * k, MAX_LOAD_PERCENT);
      const count = 5 + Math.max(0, k - weeksToCap);
      return reps(count, 90 + 30 * level, `Heavy: ${percent}% of your estimated one-rep max, 1–2 reps in reserve (RPE 8)`, percent);
    }
    case "fat_loss":
      if (timed) return time(30 + 5 * k, Math.max(20, 40 - 5 * k), "Keep moving at a brisk pace (RPE 7)");
      return reps(
        12 + k,
        Math.max(30, 45 - 5 * k),
        loaded ? "Moderate: 50% of your estimated one-rep max, keep the pace up (RPE 7)" : "Bodyweight, steady brisk pace (RPE 7)",
        50,
      );
    case "endurance":
      return time(
        [30, 40, 45][level - 1]! + 5 * k,
        Math.max(15, 30 - 5 * k),
        loaded ? "Light load, a pace you can keep talking through (RPE 6)" : "A pace you can keep talking through (RPE 6)",
      );
    case "mobility":
      if (timed) return time(30 + 5 * k, 20, "Gentle hold, breathe slowly; never into pain");
      return reps(8 + k, 30, "Slow and controlled through a comfortable range", null);
    case "general":
      if (timed) return time(30 + 5 * k, 45, "Steady effort with good form (RPE 6–7)");
      return reps(
        8 + k,
        Math.max(60, 90 - 10 * k),
        loaded ? "Moderate: 60% of your estimated one-rep max (RPE 7)" : "Bodyweight, controlled tempo (RPE 7)",
        60,
      );
  }
}

/** Work an item asks for, to compare weeks: sets × (reps or seconds) × load share (100 % without a load). */
export function itemWork(item: Pick<GeneratedItem, "sets" | "reps" | "seconds" | "loadPercent">): number {
  return (item.sets * (item.reps ?? item.seconds ?? 0) * (item.loadPercent ?? 100)) / 100;
}

export function generateProgram(
  score: ScoreBreakdown,
  exercises: readonly LibraryExercise[],
  options: { seed: string; weeks?: number },
): GeneratedProgram {
  const weeks = options.weeks ?? DEFAULT_PROGRAM_WEEKS;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_PROGRAM_WEEKS) {
    throw new Error(`A program lasts 1 to ${MAX_PROGRAM_WEEKS} whole weeks (got ${weeks})`);
  }
  const level = (Math.min(Math.max(Math.round(score.level), 1), 3) || 1) as Level;
  const sessionsPerWeek = Math.min(Math.max(Math.round(score.sessionsPerWeek), 1), 7) || 2;
  const goal: Goal = score.goals[0] ?? "general";

  // Sorted by id and deduplicated, so the library's order never changes the program.
  const byId = new Map<string, LibraryExercise>();
  for (const exercise of exercises) if (!byId.has(exercise.id)) byId.set(exercise.id, exercise);
  const safe = [...byId.values()]
    .filter((exercise) => isSafeFor({ ...score, level }, exercise))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(candidateOf);
  if (safe.length === 0) {
    const equipment = score.equipment ? `; equipment: ${score.equipment.join(", ")}` : "";
    throw new Error(
      `No exercise in the library is safe for this client (level ${level}; limitations: ${score.limitations.join(", ") || "none"}${equipment})`,
    );
  }

  const goalSlots: Pattern[] = [];
  if (score.goals.includes("mobility")) goalSlots.push("mobility");
  if (score.goals.includes("endurance") || score.goals.includes("fat_loss")) goalSlots.push("cardio");
  const slotCount = 4 + level;
  // Conditioning, high-rep and mobility work uses movements a notch below the client's top level.
  const targetDifficulty = goal === "strength" || goal === "general" ? level : Math.max(1, level - 1);

  const usedThisWeek = new Set<string>();
  const week1 = split(sessionsPerWeek, level).map(({ kind, title }, index) => {
    const base = SLOTS[kind].slice(0, slotCount - goalSlots.length);
    const slots = [...goalSlots.filter((p) => p === "mobility"), ...base, ...goalSlots.filter((p) => p === "cardio")];
    const chosen: Candidate[] = [];
    const muscles = new Set<string>();
    slots.forEach((pattern, slot) => {
      const unused = safe.filter((c) => !chosen.includes(c));
      const ofPattern = unused.filter((c) => c.pattern === pattern);
      const pool = ofPattern.length > 0 ? ofPattern : unused;
      const rank = (c: Candidate) => [
        muscles.has(c.primaryMuscle) ? 1 : 0,
        usedThisWeek.has(c.exercise.id) ? 1 : 0,
        Math.abs(targetDifficulty - c.exercise.difficulty),
        hash(`${options.seed}:${index}:${slot}:${c.exercise.id}`),
      ];
      let best: Candidate | undefined;
      let bestRank: number[] = [];
      for (const candidate of pool) {
        const r = rank(candidate);
        if (!best || compareRanks(r, bestRank) < 0) {
          best = candidate;
          bestRank = r;
        }
      }
      if (!best) return;
      chosen.push(best);
      muscles.add(best.primaryMuscle);
      usedThisWeek.add(best.exercise.id);
    });
    return { day: index + 1, title, chosen };
  });

  const sessions: GeneratedSession[] = [];
  for (let week = 1; week <= weeks; week++) {
    for (const { day, title, chosen } of week1) {
      sessions.push({
        week,
        day,
        title,
        items: chosen.map((candidate, i) => ({
          exerciseId: candidate.exercise.id,
          position: i + 1,
          ...prescribe(goal, level, candidate, week - 1),
        })),
      });
    }
  }
  return { title: `${GOAL_NAMES[goal]} program: ${LEVEL_NAMES[level]}, ${weeks} week${weeks === 1 ? "" : "s"}`, weeks, sessions };
}
