// A ticket's append-only history (ticket events), one sentence per row: who (by name) did what, with the changed
// fields named and their values translated — status names, unit names, dates as YYYY-MM-DD HH:mm (Shanghai).
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useGetMany, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { EnumName } from '../../common/enums';
import { actorText, headline, joinSentence, parseAuditSummary, shanghaiMinute, word, type Lang } from './eventSentences';

interface TicketEvent { id: string; at: string; actorLabel?: string | null; actorName?: string | null; kind: string; before?: unknown; after?: unknown; note?: string | null }

const ENUM_OF: Record<string, EnumName> = {
  status: 'ticketStatus', statusBeforeReturn: 'ticketStatus', category: 'category', channel: 'channel', factFinding: 'factFinding',
  resolution: 'resolution', reopenKind: 'reopenKind', result: 'callbackResult', returnStatus: 'returnStatus',
};
/** Ids shown by the name of what they point to. */
const REFERENCE_OF: Record<string, 'Unit' | 'Street' | 'Ticket'> = {
  unitId: 'Unit', committeeUnitId: 'Unit', toUnitId: 'Unit', fromUnitId: 'Unit', streetId: 'Street', repeatOfId: 'Ticket',
};
const NAME_OF = { Unit: (r: any) => r.name, Street: (r: any) => r.name, Ticket: (r: any) => r.number } as const;
/** Bookkeeping a clerk does not need to read. */
const HIDDEN = new Set(['callbackId', 'leaderOrderId', 'returnRequestId', 'version', 'updatedAt', 'createdAt', 'id']);
/** Fields the headline already says (the unit dispatched to, the callback's result, the overdue deadline). */
const IN_HEADLINE: Record<string, string[]> = {
  DISPATCHED: ['unitId', 'unit'], RETURN_APPROVED: ['toUnitId', 'unitId', 'unit'], RETURN_AWAITING_MAIN_LEADER: ['toUnitId', 'unit'], CALLBACK: ['result'],
  OVERDUE: ['kind', 'dueAt'], REOPENED: ['reopenKind'], AUDIT_FAILED: ['submittedAt'], RECEIVED: ['status', 'number'],
};
/** The API's (and the demo's) own wording for an audit without a note of its own: the headline already says it. */
const DEFAULT_NOTES = new Set(['八审八不准审核通过', '八审八不准审核未通过，退回重办']);
/** Events that record a whole new ticket: only the filled-in values are worth listing. */
const WHOLE_RECORD = new Set(['CREATED', 'IMPORTED', 'RECEIVED']);
const isBlank = (v: unknown) => v == null || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const sameMinute = (a: unknown, b: string) => typeof a === 'string' && ISO.test(a) && shanghaiMinute(a) === shanghaiMinute(b);

const asObject = (v: unknown): Record<string, unknown> => {
  if (typeof v === 'string') {
    try {
      return (JSON.parse(v) as Record<string, unknown>) ?? {};
    } catch {
      return {};
    }
  }
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
};

/** The names of the units, streets and tickets the events point to: one request per resource for the whole history. */
function useNames(events: TicketEvent[]) {
  const ids: Record<'Unit' | 'Street' | 'Ticket', Set<string>> = { Unit: new Set(), Street: new Set(), Ticket: new Set() };
  for (const e of events) {
    for (const o of [asObject(e.before), asObject(e.after)]) {
      for (const [f, v] of Object.entries(o)) if (REFERENCE_OF[f] && v != null && v !== '') ids[REFERENCE_OF[f]!].add(String(v));
    }
  }
  const units = useGetMany('Unit', { ids: [...ids.Unit] }, { enabled: ids.Unit.size > 0 });
  const streets = useGetMany('Street', { ids: [...ids.Street] }, { enabled: ids.Street.size > 0 });
  const tickets = useGetMany('Ticket', { ids: [...ids.Ticket] }, { enabled: ids.Ticket.size > 0 });
  const map = new Map<string, string>();
  for (const [res, q] of [['Unit', units], ['Street', streets], ['Ticket', tickets]] as const) {
    for (const r of q.data ?? []) if (r) map.set(`${res}:${r.id}`, String(NAME_OF[res](r) ?? r.id));
  }
  return (res: string, id: unknown) => map.get(`${res}:${String(id)}`) ?? '…';
}

export const TicketEvents = () => {
  const record = useRecordContext<{ events?: TicketEvent[] }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lang: Lang = locale?.startsWith('zh') ? 'zh' : 'en';
  const events = [...(record?.events ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : Number(b.id) - Number(a.id)));
  const nameOf = useNames(events);
  if (events.length === 0) return <Typography variant="body2" color="text.secondary">—</Typography>;

  const label = (f: string) => translate(`resources.Ticket.fields.${f}`, { _: translate(`rexian.event.field.${f}`, { _: word(lang, f) }) });
  const show = (field: string, v: unknown): string => {
    if (v == null || v === '') return word(lang, 'empty');
    if (REFERENCE_OF[field]) return nameOf(REFERENCE_OF[field]!, v);
    if (ENUM_OF[field]) return translate(`rexian.enum.${ENUM_OF[field]}.${String(v)}`, { _: String(v) });
    if (typeof v === 'boolean') return word(lang, v ? 'yes' : 'no');
    if (typeof v === 'string' && ISO.test(v)) return shanghaiMinute(v);
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 60)}…` : s;
  };

  const sentence = (e: TicketEvent) => {
    const before = asObject(e.before);
    const after = asObject(e.after);
    const named = e.actorName || e.actorLabel;
    const actor = named ? actorText(lang, named) : word(lang, 'system');
    // 「城运中心 王敏 将工单派给…」: a space after a name in a Chinese sentence, none after 系统.
    const vars: Record<string, string> = {
      actor: lang === 'zh' && named ? `${actor} ` : actor,
      source: actor,
      kind: translate(`rexian.eventKind.${e.kind}`, { _: e.kind }),
    };
    const unit = after.toUnitId ?? after.unitId;
    if (unit != null && unit !== '') vars.unit = nameOf('Unit', unit);
    // Imported and demo events name the unit itself.
    else if (typeof after.unit === 'string' && after.unit) vars.unit = after.unit;
    if (after.result) vars.result = show('result', after.result);
    if (after.reopenKind) vars.reopenKind = show('reopenKind', after.reopenKind);
    if (e.kind === 'OVERDUE') {
      vars.dueKind = word(lang, String(after.kind ?? 'COMPLETION'));
      vars.dueAt = shanghaiMinute(after.dueAt);
    }
    const whole = WHOLE_RECORD.has(e.kind);
    const skip = new Set(IN_HEADLINE[e.kind] ?? []);
    const clauses = Object.keys(after)
      .filter((f) => !HIDDEN.has(f) && !skip.has(f) && !(whole && isBlank(after[f])))
      // A step's own timestamp (dispatchedAt at the moment of dispatch) says nothing the row's time does not.
      .filter((f) => !(f.endsWith('At') && !(f in before && before[f] != null) && sameMinute(after[f], e.at)))
      .map((f) => {
        const field = label(f);
        if (!whole && f in before && before[f] != null && before[f] !== '') {
          if (after[f] == null || after[f] === '') return word(lang, 'cleared', { field });
          return word(lang, 'changed', { field, before: show(f, before[f]), after: show(f, after[f]) });
        }
        return word(lang, 'set', { field, after: show(f, after[f]) });
      });
    return { head: headline(lang, e.kind, vars), clauses };
  };

  /** An audit's failed checks, with the same labels as the audit dialog. */
  const auditDetail = (note: string): string[] | null => {
    const parsed = parseAuditSummary(note);
    if (!parsed) return null;
    const lines = parsed.failed.map((c) => word(lang, 'failed', { item: String(c.item), label: translate(`rexian.check.c${c.item}`), note: c.note }));
    if (parsed.auditNote) lines.push(word(lang, 'auditNote', { note: parsed.auditNote }));
    return lines;
  };

  return (
    <Table size="small" data-testid="ticket-history">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 150 }}>{word(lang, 'time')}</TableCell>
          <TableCell>{word(lang, 'what')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((e) => {
          const { head, clauses } = sentence(e);
          const audit = e.kind === 'AUDIT_FAILED' && e.note ? auditDetail(e.note) : null;
          const end = word(lang, 'end');
          const text = joinSentence(lang, head, clauses);
          return (
            <TableRow key={e.id} data-event={e.kind}>
              <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', verticalAlign: 'top' }}>{shanghaiMinute(e.at)}</TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <Typography variant="body2" sx={{ fontWeight: 500 }} data-sentence>
                  {text}
                </Typography>
                {audit ? audit.map((line, i) => (
                  <Typography key={i} variant="body2" color="error.main" data-audit-line>{line}{end}</Typography>
                )) : e.note && !DEFAULT_NOTES.has(e.note) ? (
                  <Box component="div" sx={{ color: 'text.secondary', typography: 'body2', whiteSpace: 'pre-wrap' }}>{word(lang, 'note', { note: e.note })}</Box>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
