// The supervision loop's action buttons, each a small dialog calling its mutation: 完成 a proactive task with its
// outcome (completeProactiveTask), 确认 / 不予认定 a late acceptance (confirmLateAcceptance, dismissLateAcceptance)
// and 确认记负面 an exceeded quota (confirmQuotaExceeded). The server's refusal is shown in the dialog, in its words.
// Used by the resources' list and show views and by 我的待办 (all loaded lazily).
import { useState, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { mutate, query } from '../reports/api';
import { errorText } from '../resources/Meeting/DecisionDone';
import { announceWorkChanged } from '../work/useMyWork';
import { usePageText } from '../work/pageText';
import { enWarningPages, zhWarningPages } from './pageMessages';

export const useWarningText = () => usePageText(zhWarningPages, enWarningPages);

interface TextDialogProps {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  hint?: ReactNode;
  fieldLabel: string;
  placeholder?: string;
  required?: boolean;
  submitLabel: string;
  color?: 'primary' | 'error' | 'warning';
  variant?: 'outlined' | 'contained' | 'text';
  testId: string;
  /** Runs the mutation with the text; throws to keep the dialog open with the error. */
  run: (text: string) => Promise<void>;
}

/** A button opening a dialog with one text field; the mutation's refusal stays in the dialog. */
export const TextDialogButton = ({ label, title, hint, fieldLabel, placeholder, required, submitLabel, color = 'primary', variant = 'outlined', testId, run }: TextDialogProps) => {
  const translate = useTranslate();
  const t = useWarningText();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (required && !text.trim()) {
      setError(t('common.required', { field: fieldLabel }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await run(text.trim());
      setOpen(false);
    } catch (e) {
      const message = errorText(e);
      setError(translate(message, { _: message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        color={color}
        variant={variant}
        data-testid={testId}
        onClick={(e) => {
          e.stopPropagation(); // inside a list row: do not open the record
          setText('');
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} onClick={(e) => e.stopPropagation()} fullWidth maxWidth="sm">
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={1.5} sx={{ pt: 0.5 }}>
            {hint ? <Alert severity="info" variant="outlined">{hint}</Alert> : null}
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={3}
              label={fieldLabel}
              required={required}
              placeholder={placeholder}
              value={text}
              onChange={(e) => { setText(e.target.value); setError(null); }}
              error={!!error}
              helperText={error ?? ' '}
              inputProps={{ 'data-testid': `${testId}-text` }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>{t('common.cancel')}</Button>
          <Button variant="contained" color={color} onClick={submit} disabled={busy} data-testid={`${testId}-submit`}>{submitLabel}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

/** 完成: an open proactive task, by its unit, the 城运中心 or a leader, with the outcome. */
export const TaskDoneButton = ({ record, onDone }: { record: { id: string | number; version?: number; status?: string }; onDone?: () => void }) => {
  const t = useWarningText();
  const notify = useNotify();
  const refresh = useRefresh();
  if (record.status && record.status !== 'OPEN') return null;
  return (
    <TextDialogButton
      label={t('task.done')}
      title={t('task.doneTitle')}
      fieldLabel={t('task.outcome')}
      placeholder={t('task.outcomeHint')}
      required
      submitLabel={t('task.done')}
      variant="contained"
      testId={`task-done-${record.id}`}
      run={async (outcome) => {
        // The version is read again: 我的待办 lists tasks without it.
        const v = record.version ?? (await currentVersion(record.id));
        await mutate(`mutation($id: ID!, $v: Int!, $o: String) { completeProactiveTask(id: $id, version: $v, outcome: $o) { id status version outcome } }`, { id: record.id, v, o: outcome });
        notify(t('task.doneOk'), { type: 'success' });
        announceWorkChanged();
        refresh();
        onDone?.();
      }}
    />
  );
};

async function currentVersion(id: string | number): Promise<number> {
  const d = await query<{ ProactiveTask: { version: number } | null }>(`query($id: ID!) { ProactiveTask(id: $id) { id version } }`, { id });
  return d.ProactiveTask?.version ?? 0;
}

/** 确认 and 不予认定 of an open late acceptance (the 城运中心). */
export const LateAcceptanceButtons = ({ record }: { record: { id: string | number; status?: string } }) => {
  const t = useWarningText();
  const notify = useNotify();
  const refresh = useRefresh();
  if (record.status !== 'OPEN') return null;
  const done = (message: string) => {
    notify(message, { type: 'success' });
    announceWorkChanged();
    refresh();
  };
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <TextDialogButton
        label={t('late.confirm')}
        title={t('late.confirmTitle')}
        hint={t('late.confirmHint')}
        fieldLabel={t('late.note')}
        submitLabel={t('late.confirm')}
        color="error"
        variant="contained"
        testId={`late-confirm-${record.id}`}
        run={async (note) => {
          await mutate(`mutation($id: ID!, $n: String) { confirmLateAcceptance(id: $id, note: $n) { id status } }`, { id: record.id, n: note || null });
          done(t('late.confirmed'));
        }}
      />
      <TextDialogButton
        label={t('late.dismiss')}
        title={t('late.dismissTitle')}
        fieldLabel={t('late.reason')}
        placeholder={t('late.reasonHint')}
        required
        submitLabel={t('late.dismiss')}
        testId={`late-dismiss-${record.id}`}
        run={async (reason) => {
          await mutate(`mutation($id: ID!, $r: String!) { dismissLateAcceptance(id: $id, reason: $r) { id status } }`, { id: record.id, r: reason });
          done(t('late.dismissed'));
        }}
      />
    </Stack>
  );
};

/** 确认记负面: writes the negative record of a quota exceeded this month (confirmQuotaExceeded, the 城运中心). */
export const QuotaConfirmButton = ({ quotaId, unit, month, indicator, allowed, summary, onDone }: { quotaId: string | number; unit?: string; month?: string; indicator?: string; allowed?: number; summary?: string; onDone?: () => void }) => {
  const t = useWarningText();
  const notify = useNotify();
  const refresh = useRefresh();
  return (
    <TextDialogButton
      label={t('quota.confirm')}
      title={t('quota.confirmTitle')}
      hint={unit ? t('quota.confirmHint', { unit, month: month ?? '', indicator: indicator ?? '', allowed: allowed ?? '' }) : summary}
      fieldLabel={t('quota.note')}
      submitLabel={t('quota.confirm')}
      color="error"
      testId={`quota-confirm-${quotaId}`}
      run={async (note) => {
        await mutate(`mutation($q: ID!, $n: String) { confirmQuotaExceeded(quotaId: $q, note: $n) { id } }`, { q: quotaId, n: note || null });
        notify(t('quota.confirmed'), { type: 'success' });
        announceWorkChanged();
        refresh();
        onDone?.();
      }}
    />
  );
};
