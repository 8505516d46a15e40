// 季节预判 (domain.md §5 "Before the season"): the coming month's forecast list per (topic, 居委) from last year's
// same month (seasonForecast), with the change against the year before, last year's handling units and the key
// periods; each row gives a 主动治理任务 (createProactiveTask) with its owner unit, due date and note.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, Autocomplete, Box, Button, Card, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Link, Stack, Table, TableBody, TableCell,
  TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useAccess } from '../access';
import { useWorkingStreet } from '../common/workingStreet';
import { DateField } from '../common/pickers';
import { mutate, query } from '../reports/api';
import { MonthPicker } from '../reports/pickers';
import { errorText } from '../resources/Meeting/DecisionDone';
import { useWarningText } from './actions';

interface Unit { id: string; name: string; code?: string; peerGroup?: string }
interface ForecastRow {
  topic: string;
  committeeName: string | null;
  unitId: string | null;
  lastYear: number;
  yearBefore: number;
  change: number;
  handlingUnits: Unit[];
  keyPeriods: string[];
}
interface Task { id: string; topic: string; committeeName: string | null; status: string; dueOn: string }

/** This month and others in Asia/Shanghai, as YYYY-MM. */
function shanghaiMonth(offset = 0): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
}
/** The day before the month starts: a task prepares the season, so it is due before it. */
const dayBefore = (month: string) => new Date(Date.parse(`${month}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const monthBefore = (month: string) => dayBefore(month).slice(0, 7);
const pairKey = (topic: string, committee: string | null) => `${topic}\u0001${committee ?? ''}`;

export const ForecastPage = () => {
  const t = useWarningText();
  const translate = useTranslate();
  const { streetId } = useWorkingStreet();
  const { mayCall } = useAccess();
  const notify = useNotify();
  const [month, setMonth] = useState(() => shanghaiMonth(1));
  const [rows, setRows] = useState<ForecastRow[] | undefined>(undefined);
  const [units, setUnits] = useState<Unit[]>([]);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState<ForecastRow | null>(null);
  const mayCreate = mayCall('Mutation.createProactiveTask');

  const load = useCallback(async () => {
    if (!streetId) return;
    setRows(undefined);
    setError(null);
    try {
      const d = await query<{ seasonForecast: ForecastRow[]; allUnits: Unit[]; allProactiveTasks: Task[] }>(
        `query($s: ID!, $m: String!, $from: Date!) {
          seasonForecast(streetId: $s, month: $m) { topic committeeName unitId lastYear yearBefore change handlingUnits { id name } keyPeriods }
          allUnits(filter: { streetId: $s }, perPage: 100, sortField: "code", sortOrder: "ASC") { id name code peerGroup }
          allProactiveTasks(filter: { streetId: $s, dueOn_gte: $from }, perPage: 100) { id topic committeeName status dueOn }
        }`,
        { s: streetId, m: month, from: `${monthBefore(month)}-01` },
      );
      setRows(d.seasonForecast);
      setUnits(d.allUnits);
      setTasks(d.allProactiveTasks);
    } catch (e) {
      setRows([]);
      setError(errorText(e));
    }
  }, [streetId, month]);
  useEffect(() => void load(), [load]);

  const tasksByPair = useMemo(() => {
    const m = new Map<string, Task[]>();
    for (const x of tasks) m.set(pairKey(x.topic, x.committeeName), [...(m.get(pairKey(x.topic, x.committeeName)) ?? []), x]);
    return m;
  }, [tasks]);

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1400 }} data-page="season-forecast">
      <Title title={t('forecast.title')} />
      <Typography variant="body2" color="text.secondary">{t('forecast.intro', { month })}</Typography>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <MonthPicker value={month} onChange={setMonth} />
        <Button component={RouterLink} to="/ProactiveTask" size="small">{t('forecast.tasks')}</Button>
      </Stack>
      {!streetId ? <Alert severity="info">{t('forecast.noStreet')}</Alert> : null}
      {error ? <Alert severity="error">{error}</Alert> : null}
      {streetId && rows === undefined ? <Typography color="text.secondary">{t('forecast.loading')}</Typography> : null}
      {rows && rows.length === 0 && !error ? <Alert severity="info">{t('forecast.empty', { month: `${Number(month.slice(0, 4)) - 1}${month.slice(4)}` })}</Alert> : null}
      {rows && rows.length ? (
        <Card variant="outlined">
          <Table size="small" data-testid="forecast-rows">
            <TableHead>
              <TableRow>
                {(['topic', 'committee', 'lastYear', 'yearBefore', 'change', 'units', 'periods', 'actions'] as const).map((c) => (
                  <TableCell key={c} align={['lastYear', 'yearBefore', 'change'].includes(c) ? 'right' : 'left'} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {t(`forecast.column.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => {
                const existing = tasksByPair.get(pairKey(r.topic, r.committeeName)) ?? [];
                return (
                  <TableRow key={pairKey(r.topic, r.committeeName)} data-row={`${r.topic}|${r.committeeName ?? ''}`} hover>
                    <TableCell sx={{ fontWeight: 600 }}>{r.topic}</TableCell>
                    <TableCell>{r.committeeName ?? <Typography component="span" variant="body2" color="text.secondary">{t('forecast.noCommittee')}</Typography>}</TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{r.lastYear}</TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: 'text.secondary' }}>{r.yearBefore}</TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, color: r.change > 0 ? 'error.main' : r.change < 0 ? 'success.main' : 'text.secondary' }}>
                      {r.change > 0 ? `+${r.change}` : r.change}
                    </TableCell>
                    <TableCell sx={{ maxWidth: 260 }}>{r.handlingUnits.map((u) => u.name).join(translate('rexian.punct.list')) || '—'}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
                        {r.keyPeriods.length ? r.keyPeriods.map((p) => <Chip key={p} size="small" color="warning" variant="outlined" label={p} />) : '—'}
                      </Stack>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <Stack direction="row" spacing={1} alignItems="center">
                        {mayCreate ? (
                          <Button size="small" variant={existing.length ? 'outlined' : 'contained'} onClick={() => setCreating(r)} data-testid="forecast-create">
                            {t('forecast.create')}
                          </Button>
                        ) : null}
                        {existing.map((x) => (
                          <Link key={x.id} component={RouterLink} to={`/ProactiveTask/${x.id}/show`} variant="body2" data-testid="forecast-task">
                            <TaskStatus status={x.status} />
                          </Link>
                        ))}
                      </Stack>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      {creating && streetId ? (
        <CreateTaskDialog
          row={creating}
          month={month}
          streetId={streetId}
          units={units}
          onClose={() => setCreating(null)}
          onCreated={(task) => {
            setCreating(null);
            setTasks((xs) => [...xs, task]);
            notify(t('forecast.created'), { type: 'success' });
          }}
        />
      ) : null}
    </Box>
  );
};

const TaskStatus = ({ status }: { status: string }) => {
  const translate = useTranslate();
  return <Chip size="small" clickable color={status === 'DONE' ? 'success' : 'warning'} label={translate(`rexian.enum.proactiveTaskStatus.${status}`, { _: status })} />;
};

const CreateTaskDialog = ({ row, month, streetId, units, onClose, onCreated }: {
  row: ForecastRow; month: string; streetId: string; units: Unit[]; onClose: () => void; onCreated: (task: Task) => void;
}) => {
  const t = useWarningText();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [unit, setUnit] = useState<Unit | null>(() => units.find((u) => u.id === row.unitId) ?? units.find((u) => u.id === row.handlingUnits[0]?.id) ?? null);
  const [dueOn, setDueOn] = useState(() => dayBefore(month));
  const [note, setNote] = useState(() =>
    t('forecast.defaultNote', {
      month: new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`)),
      topic: row.topic,
      count: row.lastYear,
      place: row.committeeName ? t('forecast.placeOf', { committee: row.committeeName }) : t('forecast.placeNone'),
    }),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!unit) missing.unitId = t('forecast.required', { field: t('forecast.unit') });
    if (!dueOn) missing.dueOn = t('forecast.required', { field: t('forecast.dueOn') });
    if (!note.trim()) missing.title = t('forecast.required', { field: t('forecast.note') });
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setFailure(null);
    try {
      const d = await mutate<{ createProactiveTask: Task }>(
        `mutation($s: ID!, $u: ID!, $topic: String!, $c: String, $title: String!, $due: Date!) {
          createProactiveTask(streetId: $s, unitId: $u, topic: $topic, committeeName: $c, title: $title, dueOn: $due) { id topic committeeName status dueOn }
        }`,
        { s: streetId, u: unit!.id, topic: row.topic, c: row.committeeName, title: note.trim(), due: dueOn },
      );
      onCreated(d.createProactiveTask);
    } catch (e) {
      // Field errors from the server (责任单位不属于任务所在街镇 …) go under their field; the rest above the form.
      const body = (e as { body?: { errors?: Record<string, unknown> } }).body?.errors ?? {};
      const fieldErrors = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      setErrors(fieldErrors);
      const message = errorText(e);
      setFailure(translate(message, { _: message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => !busy && onClose()} fullWidth maxWidth="sm">
      <DialogTitle>{t('forecast.dialogTitle', { topic: row.committeeName ? `${row.topic} · ${row.committeeName}` : row.topic })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {failure ? <Alert severity="error">{failure}</Alert> : null}
          <Autocomplete
            options={units}
            value={unit}
            onChange={(_e, v) => { setUnit(v); setErrors(({ unitId: _u, ...rest }) => rest); }}
            getOptionLabel={(u) => u.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            groupBy={(u) => translate(`rexian.enum.peerGroup.${u.peerGroup}`, { _: u.peerGroup ?? '' })}
            renderInput={(params) => <TextField {...params} label={t('forecast.unit')} required error={!!errors.unitId} helperText={errors.unitId ?? ' '} />}
          />
          <DateField
            label={t('forecast.dueOn')}
            required
            clearable
            value={dueOn}
            onChange={(v) => { setDueOn(v); setErrors(({ dueOn: _d, ...rest }) => rest); }}
            error={!!errors.dueOn}
            helperText={errors.dueOn ?? ' '}
            name="dueOn"
            sx={{ maxWidth: 220 }}
          />
          <TextField
            label={t('forecast.note')}
            required
            multiline
            minRows={3}
            value={note}
            onChange={(e) => { setNote(e.target.value); setErrors(({ title: _t, ...rest }) => rest); }}
            error={!!errors.title}
            helperText={errors.title ?? ' '}
            inputProps={{ name: 'title' }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>{t('forecast.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={busy} data-testid="forecast-create-submit">{t('forecast.submit')}</Button>
      </DialogActions>
    </Dialog>
  );
};
