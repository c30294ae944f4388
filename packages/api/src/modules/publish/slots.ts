// The weekly posting queue: times in the organization's zone that "add to queue" fills in order.
import type { Tenant } from "../../core/tenancy.ts";
import type { SlotsView } from "./posts.schemas.ts";
import { minuteOfDay, timeOfMinute, type WeeklySlot } from "./scheduling.ts";

/** The organization's slots (Monday first) and their zone (null when there are none). */
export async function readSlots(tenant: Tenant): Promise<{ timeZone: string | null; slots: WeeklySlot[] }> {
  const rows = await tenant.run((tx) =>
    tx.publishSlot.findMany({
      orderBy: [{ weekday: "asc" }, { minuteOfDay: "asc" }],
      select: { weekday: true, minuteOfDay: true, timeZone: true },
    }),
  );
  return { timeZone: rows[0]?.timeZone ?? null, slots: rows.map((row) => ({ weekday: row.weekday, minuteOfDay: row.minuteOfDay })) };
}

const view = (timeZone: string | null, slots: readonly WeeklySlot[]): SlotsView => ({
  timeZone,
  slots: slots.map((slot) => ({ weekday: slot.weekday, time: timeOfMinute(slot.minuteOfDay) })),
});

export async function getSlots(tenant: Tenant): Promise<SlotsView> {
  const { timeZone, slots } = await readSlots(tenant);
  return view(timeZone, slots);
}

/** Replaces the week's slots (duplicates kept once). */
export async function setSlots(
  tenant: Tenant,
  input: { timeZone: string; slots: Array<{ weekday: number; time: string }> },
): Promise<SlotsView> {
  const unique = new Map<string, WeeklySlot>();
  for (const slot of input.slots)
    unique.set(`${slot.weekday}:${slot.time}`, { weekday: slot.weekday, minuteOfDay: minuteOfDay(slot.time) });
  const slots = [...unique.values()].sort((a, b) => a.weekday - b.weekday || a.minuteOfDay - b.minuteOfDay);
  await tenant.run(async (tx) => {
    await tx.publishSlot.deleteMany({});
    await tx.publishSlot.createMany({ data: slots.map((slot) => ({ orgId: tenant.orgId, ...slot, timeZone: input.timeZone })) });
  });
  return view(input.timeZone, slots);
}
