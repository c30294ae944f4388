// Adherence, one definition for every screen: of the active program's sessions that are due
// (those of the weeks begun since the program started: week w begins 7 × (w − 1) days after
// it), how many the client has logged (each session once, however often logged; sessions
// done ahead count too, and the share is capped at 1).
import type { AdherenceView } from "./schemas.ts";

/** Columns planned and logged for the active program `p` (an alias in the enclosing query). */
export const ADHERENCE_COLUMNS = `
  (SELECT count(*)::int FROM coach_program_sessions s
     WHERE s.program_id = p.id
       AND s.week <= least(p.weeks, floor(extract(epoch FROM now() - p.created_at) / 604800)::int + 1)) AS planned,
  (SELECT count(DISTINCT l.session_id)::int FROM coach_workout_logs l
     WHERE l.program_id = p.id AND l.client_id = p.client_id) AS logged`;

export function adherenceOf(row: { planned: number; logged: number } | null | undefined): AdherenceView {
  if (!row) return { planned: 0, logged: 0, ratio: null };
  return { planned: row.planned, logged: row.logged, ratio: row.planned > 0 ? Math.min(1, row.logged / row.planned) : null };
}

/** The mean of the ratios that exist (clients with something due), or null. */
export function averageAdherence(rows: Array<{ planned: number; logged: number }>): number | null {
  const ratios = rows.map((row) => adherenceOf(row).ratio).filter((ratio): ratio is number => ratio !== null);
  return ratios.length > 0 ? ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length : null;
}
