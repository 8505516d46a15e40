// A ticket's append-only history (ticket events): who changed what, when — with field names and values translated.
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../common/time';
import type { EnumName } from '../../common/enums';

interface TicketEvent { id: string; at: string; actorLabel?: string | null; kind: string; before?: unknown; after?: unknown; note?: string | null }

const ENUM_OF: Record<string, EnumName> = {
  status: 'ticketStatus', category: 'category', channel: 'channel', factFinding: 'factFinding', resolution: 'resolution',
  reopenKind: 'reopenKind', result: 'callbackResult', returnStatus: 'returnStatus',
};
/** Ids shown by the name of what they point to. */
const REFERENCE_OF: Record<string, string> = {
  unitId: 'Unit', committeeUnitId: 'Unit', toUnitId: 'Unit', streetId: 'Street', repeatOfId: 'Ticket',
};
/** Bookkeeping a clerk does not need to read. */
const HIDDEN = new Set(['callbackId', 'leaderOrderId', 'version', 'updatedAt', 'createdAt']);
/** Events that record a whole new ticket: only the filled-in values are worth listing. */
const WHOLE_RECORD = new Set(['CREATED', 'IMPORTED']);
const isBlank = (v: unknown) => v == null || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

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

export const TicketEvents = () => {
  const record = useRecordContext<{ events?: TicketEvent[] }>();
  const translate = useTranslate();
  const events = [...(record?.events ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  if (events.length === 0) return <Typography variant="body2" color="text.secondary">—</Typography>;
  const label = (f: string) => translate(`resources.Ticket.fields.${f}`, { _: translate(`rexian.event.field.${f}`, { _: f }) });
  const show = (field: string, v: unknown): React.ReactNode => {
    if (v == null || v === '') return translate('rexian.event.empty');
    if (REFERENCE_OF[field]) {
      return <ReferenceField record={{ id: '', [field]: v }} source={field} reference={REFERENCE_OF[field]!} link={false} />;
    }
    if (ENUM_OF[field]) return translate(`rexian.enum.${ENUM_OF[field]}.${String(v)}`, { _: String(v) });
    if (typeof v === 'boolean') return translate(v ? 'ra.boolean.true' : 'ra.boolean.false');
    if (typeof v === 'string' && ISO.test(v)) return formatDateTime(v);
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > 40 ? `${s.slice(0, 40)}…` : s;
  };
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('rexian.event.at')}</TableCell>
          <TableCell>{translate('rexian.event.actor')}</TableCell>
          <TableCell>{translate('rexian.event.kind')}</TableCell>
          <TableCell>{translate('rexian.event.changes')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((e) => {
          const before = asObject(e.before);
          const after = asObject(e.after);
          const whole = WHOLE_RECORD.has(e.kind);
          const fields = Object.keys(after).filter((f) => !HIDDEN.has(f) && !(whole && isBlank(after[f])));
          return (
            <TableRow key={e.id}>
              <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(e.at)}</TableCell>
              <TableCell>{e.actorLabel || translate('rexian.event.system')}</TableCell>
              <TableCell>{translate(`rexian.eventKind.${e.kind}`, { _: e.kind })}</TableCell>
              <TableCell>
                {fields.map((f) => (
                  <div key={f}>
                    {label(f)}：{whole || !(f in before) ? show(f, after[f]) : <>{show(f, before[f])} → {show(f, after[f])}</>}
                  </div>
                ))}
                {e.note ? <div>{e.note}</div> : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
