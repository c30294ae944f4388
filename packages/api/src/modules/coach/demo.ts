// Development demo data for the coach screens: a parent business with two children, their
// staff and clients, each client's assessment scored and program generated through the same
// services a request uses, workouts over the last three weeks and video progress. Idempotent.
import { randomUUID } from "node:crypto";
import {
  COACH_DEFAULT_TEMPLATE,
  COACH_DEFAULT_TEMPLATE_ID,
  DEMO_PASSWORD,
  hashPassword,
  seedCoachLibrary,
  seedRoles,
  type Db,
  type Prisma,
} from "@glow/db";
import { tenantOf, type OrgRole } from "../../core/tenancy.ts";
import { submitAssessment } from "./assessments.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A person by email: made with the demo password (or the given hash) and the "user" role when missing, else left alone. */
export async function ensurePerson(
  db: Db,
  person: { email: string; name: string },
  passwordHash: string | (() => Promise<string>) = () => hashPassword(DEMO_PASSWORD),
): Promise<string> {
  const existing = await db.user.findUnique({ where: { email: person.email }, select: { id: true } });
  if (existing) return existing.id;
  const hash = typeof passwordHash === "string" ? passwordHash : await passwordHash();
  const user = await db.user.create({
    data: { email: person.email, name: person.name, passwordHash: hash, emailVerifiedAt: new Date() },
  });
  const role = await db.role.findUnique({ where: { name: "user" } });
  if (role) await db.userRole.create({ data: { userId: user.id, roleId: role.id } });
  return user.id;
}

/** An organization by slug (made when missing). */
export async function ensureOrganization(db: Db, org: { slug: string; name: string; parentId?: string | null }): Promise<string> {
  const row = await db.organization.upsert({
    where: { slug: org.slug },
    update: {},
    create: { slug: org.slug, name: org.name, parentId: org.parentId ?? null },
  });
  return row.id;
}

/** A membership (made when missing; an existing one keeps its role). */
export async function ensureMembership(db: Db, orgId: string, userId: string, role: OrgRole): Promise<void> {
  await db.orgMembership.upsert({ where: { orgId_userId: { orgId, userId } }, update: {}, create: { orgId, userId, role } });
}

interface DemoClient {
  email: string;
  name: string;
  age: number;
  weight?: number;
  days: "two" | "three" | "four" | "five";
  equipment: string[];
  activity: "sedentary" | "light" | "moderate" | "very";
  pushups: number;
  minutes: number;
  rating: number;
  goals: string[];
  limitations: string[];
  highBloodPressure?: boolean;
  /** Share of due sessions they logged. */
  adherence: number;
  /** Took the assessment this week (the others started their program about three weeks ago). */
  recent?: boolean;
}

const DOWNTOWN_CLIENTS: DemoClient[] = [
  // The demo's own client account, so signing in as user@glow.dev shows a program.
  {
    email: "user@glow.dev",
    name: "Uma User",
    age: 31,
    weight: 64,
    days: "three",
    equipment: ["dumbbell", "band"],
    activity: "moderate",
    pushups: 18,
    minutes: 120,
    rating: 3,
    goals: ["strength", "general"],
    limitations: [],
    adherence: 0.8,
  },
  {
    email: "mara.lindqvist@glow.dev",
    name: "Mara Lindqvist",
    age: 42,
    weight: 71,
    days: "four",
    equipment: ["dumbbell", "kettlebell", "barbell", "bench"],
    activity: "very",
    pushups: 35,
    minutes: 260,
    rating: 4,
    goals: ["strength"],
    limitations: ["shoulder"],
    adherence: 0.95,
  },
  {
    email: "theo.okafor@glow.dev",
    name: "Theo Okafor",
    age: 27,
    days: "three",
    equipment: [],
    activity: "light",
    pushups: 8,
    minutes: 45,
    rating: 2,
    goals: ["fat_loss", "endurance"],
    limitations: ["knee"],
    adherence: 0.5,
  },
  {
    email: "priya.natarajan@glow.dev",
    name: "Priya Natarajan",
    age: 36,
    weight: 58,
    days: "two",
    equipment: ["band", "mat"],
    activity: "light",
    pushups: 4,
    minutes: 60,
    rating: 2,
    goals: ["mobility"],
    limitations: ["lower_back"],
    adherence: 0.7,
  },
  {
    email: "jonas.berg@glow.dev",
    name: "Jonas Berg",
    age: 58,
    weight: 88,
    days: "three",
    equipment: ["dumbbell", "bench"],
    activity: "moderate",
    pushups: 15,
    minutes: 150,
    rating: 3,
    goals: ["general"],
    limitations: [],
    highBloodPressure: true,
    adherence: 0.6,
  },
  {
    email: "lucia.ferreira@glow.dev",
    name: "Lucia Ferreira",
    age: 24,
    weight: 60,
    days: "five",
    equipment: ["dumbbell", "kettlebell", "pull_up_bar"],
    activity: "very",
    pushups: 28,
    minutes: 320,
    rating: 5,
    goals: ["endurance", "strength"],
    limitations: [],
    adherence: 0.4,
    recent: true,
  },
];

const RIVERSIDE_CLIENTS: DemoClient[] = [
  {
    email: "ben.holloway@glow.dev",
    name: "Ben Holloway",
    age: 45,
    weight: 95,
    days: "three",
    equipment: ["dumbbell"],
    activity: "sedentary",
    pushups: 6,
    minutes: 20,
    rating: 1,
    goals: ["fat_loss"],
    limitations: ["knee", "lower_back"],
    adherence: 0.55,
  },
  {
    email: "aiko.tanaka@glow.dev",
    name: "Aiko Tanaka",
    age: 33,
    weight: 55,
    days: "four",
    equipment: ["kettlebell", "band", "mat"],
    activity: "moderate",
    pushups: 22,
    minutes: 180,
    rating: 4,
    goals: ["mobility", "general"],
    limitations: ["wrist"],
    adherence: 0.9,
  },
  {
    email: "omar.haddad@glow.dev",
    name: "Omar Haddad",
    age: 29,
    weight: 80,
    days: "four",
    equipment: ["barbell", "dumbbell", "bench", "pull_up_bar"],
    activity: "very",
    pushups: 45,
    minutes: 300,
    rating: 5,
    goals: ["strength"],
    limitations: [],
    adherence: 0.75,
  },
  {
    email: "greta.novak@glow.dev",
    name: "Greta Novak",
    age: 67,
    weight: 62,
    days: "two",
    equipment: [],
    activity: "light",
    pushups: 3,
    minutes: 90,
    rating: 2,
    goals: ["general", "mobility"],
    limitations: ["hip"],
    adherence: 0.65,
    recent: true,
  },
];

function answersOf(client: DemoClient): Record<string, unknown> {
  const screening = Object.fromEntries(
    COACH_DEFAULT_TEMPLATE.questions.filter((q) => q.kind === "yes_no" && "stopIfYes" in q && q.stopIfYes).map((q) => [q.id, false]),
  );
  return {
    ...screening,
    age: client.age,
    ...(client.weight !== undefined ? { weight: client.weight } : {}),
    training_days: client.days,
    equipment: client.equipment.length > 0 ? client.equipment : ["nothing"],
    activity_level: client.activity,
    pushups: client.pushups,
    weekly_minutes: client.minutes,
    fitness_rating: client.rating,
    goals: client.goals,
    limitations: client.limitations.length > 0 ? client.limitations : ["none"],
    blood_pressure: client.highBloodPressure ?? false,
  };
}

/** A stable number in [0, 1) from text: which sessions a demo client logged. */
function share(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash / 2 ** 32;
}

/** One client's assessment, program, workouts and video progress, unless they have an assessment here already. */
async function seedClient(db: Db, orgId: string, userId: string, client: DemoClient, now: number): Promise<void> {
  if (await db.coachAssessment.findFirst({ where: { orgId, clientId: userId }, select: { id: true } })) return;
  const tenant = tenantOf(db, orgId, userId, "client");
  const submitted = await submitAssessment({ tenant }, { templateId: COACH_DEFAULT_TEMPLATE_ID, answers: answersOf(client) });
  if (!submitted.programId) return;
  const startedAt = new Date(client.recent ? now - 2 * 60 * 60 * 1000 : now - 20 * DAY_MS);
  await db.coachAssessment.update({ where: { id: submitted.assessmentId }, data: { createdAt: startedAt } });
  await db.coachProgram.update({ where: { id: submitted.programId }, data: { createdAt: startedAt } });

  const sessions = await db.coachProgramSession.findMany({
    where: { programId: submitted.programId },
    orderBy: [{ week: "asc" }, { day: "asc" }],
    include: { items: { orderBy: { position: "asc" } } },
  });
  // Workouts and video progress go in in bulk (one transaction per client, not per session).
  const baseKg = (client.weight ?? 70) * (client.activity === "very" ? 0.8 : 0.5);
  const logs: Prisma.CoachWorkoutLogCreateManyInput[] = [];
  const sets: Prisma.CoachWorkoutSetCreateManyInput[] = [];
  for (const session of sessions) {
    const at = startedAt.getTime() + (session.week - 1) * 7 * DAY_MS + (session.day - 1) * 2 * DAY_MS + 18 * 60 * 60 * 1000;
    if (at >= now || share(`${client.email}:${session.week}:${session.day}`) >= client.adherence) continue;
    const logId = randomUUID();
    logs.push({ id: logId, orgId, clientId: userId, programId: submitted.programId, sessionId: session.id, loggedAt: new Date(at) });
    for (const item of session.items) {
      for (let setNumber = 1; setNumber <= item.sets; setNumber++) {
        sets.push({
          orgId,
          logId,
          exerciseId: item.exerciseId,
          setNumber,
          reps: item.reps,
          seconds: item.seconds,
          loadKg: item.loadPercent !== null ? Math.round((baseKg * item.loadPercent) / 50) / 2 : null,
          rpe: 6 + (setNumber % 3),
        });
      }
    }
  }
  const watched = (sessions[0]?.items ?? []).slice(0, 3).map((item, index) => ({
    orgId,
    clientId: userId,
    exerciseId: item.exerciseId,
    positionSeconds: 3 + index,
    completed: index < 2,
  }));
  await tenant.run(async (tx) => {
    await tx.coachWorkoutLog.createMany({ data: logs });
    await tx.coachWorkoutSet.createMany({ data: sets });
    await tx.coachVideoProgress.createMany({ data: watched, skipDuplicates: true });
  });
}

export const COACH_DEMO_ORGANIZATIONS = {
  group: { slug: "glow-fitness-group", name: "Glow Fitness Group" },
  downtown: { slug: "glow-fitness-downtown", name: "Glow Fitness Downtown" },
  riverside: { slug: "glow-fitness-riverside", name: "Glow Fitness Riverside" },
} as const;

/**
 * The coach demo: "Glow Fitness Group" (owner admin@glow.dev) with the children "Glow Fitness
 * Downtown" (owner admin@glow.dev, a coach, six clients including user@glow.dev) and "Glow
 * Fitness Riverside" (its own owner, four clients). Running it again changes nothing.
 */
export async function seedCoachDemo(db: Db): Promise<void> {
  await seedRoles(db);
  await seedCoachLibrary(db);
  // Hashed once, and only when someone is missing (a second run hashes nothing).
  let hashing: Promise<string> | null = null;
  const passwordHash = () => (hashing ??= hashPassword(DEMO_PASSWORD));
  const person = (email: string, name: string) => ensurePerson(db, { email, name }, passwordHash);

  const admin = await person("admin@glow.dev", "Ada Admin");
  const group = await ensureOrganization(db, COACH_DEMO_ORGANIZATIONS.group);
  const downtown = await ensureOrganization(db, { ...COACH_DEMO_ORGANIZATIONS.downtown, parentId: group });
  const riverside = await ensureOrganization(db, { ...COACH_DEMO_ORGANIZATIONS.riverside, parentId: group });
  await ensureMembership(db, group, admin, "owner");
  await ensureMembership(db, downtown, admin, "owner");
  await ensureMembership(db, downtown, await person("sam.coach@glow.dev", "Sam Coach"), "staff");
  await ensureMembership(db, riverside, await person("rita.rivers@glow.dev", "Rita Rivers"), "owner");

  const now = Date.now();
  // The two businesses side by side (a shorter `pnpm dev` start); each one's clients in turn.
  await Promise.all(
    [
      { orgId: downtown, clients: DOWNTOWN_CLIENTS },
      { orgId: riverside, clients: RIVERSIDE_CLIENTS },
    ].map(async ({ orgId, clients }) => {
      for (const client of clients) {
        const userId = await person(client.email, client.name);
        await ensureMembership(db, orgId, userId, "client");
        await seedClient(db, orgId, userId, client, now);
      }
    }),
  );
}
