// The daily unsatisfied push (不满意件推送, domain.md §5): which callbacks of a day were 不满意, whether each
// was the ticket's first callback, and whether the ticket reached two or more consecutive 不满意 (escalated
// to level 2, the 分管领导). Pure: the repository supplies each ticket's callbacks up to the end of the day.

export interface DigestCallback {
  id: number;
  ticketId: number;
  calledAt: Date;
  result: string;
}

export interface DigestEntry {
  ticketId: number;
  /** The ticket's last 不满意 callback of the day. */
  callbackId: number;
  /** No reached callback of the ticket came before it (首次回访). */
  firstCallback: boolean;
  /** Length of the run of 不满意 among the ticket's reached callbacks, ending with this one. */
  consecutiveUnsatisfied: number;
  escalated: boolean;
  /** 1 = unit head (单位负责人), 2 = 分管领导. */
  level: 1 | 2;
}

export const ESCALATE_AFTER_CONSECUTIVE = 2;
const REACHED = new Set(['SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED']);

/**
 * One entry per ticket with a 不满意 callback in [dayStart, dayEnd). Unreached attempts (未接通, 拒评)
 * give no verdict: they neither count as a callback for "first" nor break a run of 不满意.
 */
export function unsatisfiedEntries(callbacks: readonly DigestCallback[], dayStart: Date, dayEnd: Date): DigestEntry[] {
  const byTicket = new Map<number, DigestCallback[]>();
  for (const c of callbacks) {
    if (!REACHED.has(c.result) || c.calledAt >= dayEnd) continue;
    let list = byTicket.get(c.ticketId);
    if (!list) byTicket.set(c.ticketId, (list = []));
    list.push(c);
  }
  const out: DigestEntry[] = [];
  for (const [ticketId, list] of byTicket) {
    list.sort((a, b) => a.calledAt.getTime() - b.calledAt.getTime() || a.id - b.id);
    let run = 0;
    let entry: DigestEntry | null = null;
    list.forEach((c, i) => {
      run = c.result === 'UNSATISFIED' ? run + 1 : 0;
      if (c.result === 'UNSATISFIED' && c.calledAt >= dayStart) {
        const escalated = run >= ESCALATE_AFTER_CONSECUTIVE;
        entry = { ticketId, callbackId: c.id, firstCallback: i === 0, consecutiveUnsatisfied: run, escalated, level: escalated ? 2 : 1 };
      }
    });
    if (entry) out.push(entry);
  }
  return out.sort((a, b) => a.ticketId - b.ticketId);
}
