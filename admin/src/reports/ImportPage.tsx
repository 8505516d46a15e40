// 导入工单: the city platform's export (.xlsx/.csv) dropped or chosen, first checked (checkImport: what would be
// inserted, updated or unchanged, the errors and the data-quality notes — nothing written), then imported on
// confirmation (importTickets). Errors block the import; notes do not. Both lists download as .xlsx.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Alert, AlertTitle, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Title, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { uploadTickets, type ImportResult } from './api';
import { ImportFindings } from './ImportFindings';
import { useStreet } from './pickers';

const ACCEPT = ['.xlsx', '.csv'];

type Phase = 'check' | 'import';
type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; phase: Phase; name: string; progress: number }
  | { kind: 'checked' | 'done'; file: File; result: ImportResult }
  | { kind: 'failed'; message: string };

const Counts = ({ result, prefix }: { result: ImportResult; prefix: 'would_' | '' }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(120px, 200px))', gap: 2 }}>
      {(['inserted', 'updated', 'unchanged'] as const).map((k) => (
        <Box key={k} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
          <Typography variant="body2" color="text.secondary">{translate(`reports.import.${prefix}${k}`)}</Typography>
          <Typography data-testid={`import-${k}`} sx={{ fontSize: 28, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{result[k]}</Typography>
        </Box>
      ))}
    </Box>
  );
};

export const ImportPage = () => {
  const translate = useTranslate();
  const street = useStreet();
  const { role, mayCall } = useAccess();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const forbidden = role !== undefined && !mayCall('Query.checkImport');
  const mayImport = mayCall('Mutation.importTickets');
  // A check or an import belongs to the street it was made for: switching streets starts again.
  useEffect(() => setState({ kind: 'idle' }), [street.streetId]);

  const send = async (file: File, phase: Phase) => {
    if (!street.streetId) return;
    setState({ kind: 'uploading', phase, name: file.name, progress: 0 });
    try {
      const onProgress = (progress: number) => setState((s) => (s.kind === 'uploading' ? { ...s, progress } : s));
      const result = await uploadTickets(street.streetId, file, onProgress, phase === 'check' ? 'checkImport' : 'importTickets');
      setState({ kind: phase === 'check' ? 'checked' : 'done', file, result });
    } catch (e) {
      const message = (e as Error).message;
      setState({ kind: 'failed', message: translate(message, { _: message }) });
    }
  };

  const choose = (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    if (!ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      setState({ kind: 'failed', message: translate('reports.import.wrong_type', { name: file.name }) });
      return;
    }
    void send(file, 'check');
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };

  const busy = state.kind === 'uploading';
  const answered = state.kind === 'checked' || state.kind === 'done' ? state : null;
  const refused = answered !== null && answered.result.errors.length > 0;

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1100 }}>
      <Title title={translate('reports.import.title')} />
      <Typography variant="body2" color="text.secondary">{translate('reports.import.intro')}</Typography>
      {forbidden ? <Alert severity="warning">{translate('rexian.error.forbidden')}</Alert> : null}
      {street.street ? (
        <Typography variant="subtitle1" data-testid="import-street">{translate('rexian.street.importTo', { street: street.street.name })}</Typography>
      ) : null}
      <Box
        data-testid="dropzone"
        role="button"
        tabIndex={0}
        onClick={() => !busy && input.current?.click()}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && !busy && input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        sx={{
          border: 2, borderStyle: 'dashed', borderRadius: 2, p: 4, textAlign: 'center', cursor: busy ? 'progress' : 'pointer',
          borderColor: over ? 'primary.main' : 'divider', bgcolor: over ? 'action.hover' : 'background.paper',
        }}
      >
        <UploadFileIcon color={over ? 'primary' : 'action'} sx={{ fontSize: 40 }} />
        <Typography sx={{ mt: 1, fontWeight: 600 }}>{translate(over ? 'reports.import.drop_active' : 'reports.import.drop')}</Typography>
        <Typography variant="body2" color="text.secondary">{translate('reports.import.formats')}</Typography>
        <input ref={input} type="file" accept={ACCEPT.join(',')} hidden data-testid="import-file" onChange={(e) => choose(e.target.files?.[0])} />
      </Box>

      {state.kind === 'uploading' ? (
        <Box data-testid="upload-progress">
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {state.progress < 1
              ? translate('reports.import.uploading', { name: state.name })
              : translate(state.phase === 'check' ? 'reports.import.checking' : 'reports.import.processing')}
            {' '}{Math.round(state.progress * 100)}%
          </Typography>
          <LinearProgress variant={state.progress < 1 ? 'determinate' : 'indeterminate'} value={state.progress * 100} />
        </Box>
      ) : null}

      {state.kind === 'failed' ? <Alert severity="error">{state.message}</Alert> : null}

      {answered ? (
        <Card variant="outlined" data-testid={answered.kind === 'checked' ? 'import-check' : 'import-summary'}>
          <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            {refused ? (
              <Alert severity="error">
                {translate(answered.kind === 'checked' ? 'reports.import.check_refused' : 'reports.import.refused', { name: answered.file.name, count: answered.result.errors.length })}
              </Alert>
            ) : (
              <>
                <Alert severity={answered.kind === 'checked' ? 'info' : 'success'}>
                  {translate(answered.kind === 'checked' ? 'reports.import.checked' : 'reports.import.done', { name: answered.file.name, rows: answered.result.rows })}
                </Alert>
                <Counts result={answered.result} prefix={answered.kind === 'checked' ? 'would_' : ''} />
              </>
            )}
            <ImportFindings kind="errors" items={answered.result.errors} filename={answered.file.name} />
            <ImportFindings kind="notes" items={answered.result.notes} filename={answered.file.name} />
            {answered.result.notices.length ? (
              <Alert severity="info">
                <AlertTitle>{translate('reports.import.notices')}</AlertTitle>
                {answered.result.notices.map((n) => <div key={n}>{n}</div>)}
              </Alert>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      {answered || state.kind === 'failed' ? (
        <Stack direction="row" spacing={2}>
          {answered?.kind === 'checked' && mayImport ? (
            <Button variant="contained" disabled={refused} onClick={() => void send(answered.file, 'import')} data-testid="confirm-import">
              {translate('reports.import.confirm')}
            </Button>
          ) : null}
          <Button variant="outlined" onClick={() => input.current?.click()}>
            {translate(answered?.kind === 'done' ? 'reports.import.again' : 'reports.import.other_file')}
          </Button>
        </Stack>
      ) : null}
    </Box>
  );
};
