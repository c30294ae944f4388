// A developer's script: today's reset plan and challenge, through Glow's typed client.
// GLOW_URL=http://localhost:3000 GLOW_TOKEN=glow_pat_… node index.ts
import { createGlowClient, TRPCClientError, type RouterOutputs } from "@glow/api/client";

type Plan = NonNullable<RouterOutputs["reset"]["plan"]["today"]>;

const glow = createGlowClient({ url: process.env.GLOW_URL ?? "http://localhost:3000", token: process.env.GLOW_TOKEN });

function describe(plan: Plan): string {
  return plan.steps.map((s) => `${s.completedAt ? "✓" : "·"} ${s.step}: ${s.title}`).join("\n");
}

try {
  const info = await glow.system.info.query();
  console.log(`${info.name} is ${info.status}`);
  const me = await glow.auth.me.query();
  if (!me) throw new Error("Set GLOW_TOKEN to a personal access token (Settings → API tokens)");
  const plan = (await glow.reset.plan.today.query()) ?? null;
  console.log(plan ? `Day ${plan.day} for ${me.name}:\n${describe(plan)}` : `${me.name} has no plan today yet`);
  const challenge = await glow.reset.challenge.progress.query();
  console.log(`Challenge: ${challenge.completedDays}/8 days, streak ${challenge.streak}`);
} catch (error) {
  if (error instanceof TRPCClientError) {
    console.error(`Glow said ${error.data?.httpStatus ?? "?"} ${error.message}`);
    process.exit(1);
  }
  throw error;
}
