// 导入工单: the city platform's export (.xlsx/.csv) dropped or chosen, uploaded with a progress bar, and the
// answer: the summary (新增/更新/未变化, notices) or, when the file is refused, every bad row — nothing written.
import { useRef, useState, type DragEvent } from 'react';
import {
  Alert, AlertTitle, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead,
  TableRow, Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Title, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { uploadTickets, type ImportResult } from './api';
import { StreetPicker, useStreet } from './pickers';

const ACCEPT = ['.xlsx', '.csv'];

type State =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; progress: number }
  | { kind: 'done'; name: string; result: ImportResult }
  | { kind: 'failed'; message: string };

export const ImportPage = () => {
  const translate = useTranslate();
  const street = useStreet();
  const { role, mayCall } = useAccess();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const forbidden = role !== undefined && !mayCall('Mutation.importTickets');

  const start = async (file: File | undefined) => {
    if (!file || !street.streetId) return;
    if (!ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      setState({ kind: 'failed', message: translate('reports.import.wrong_type', { name: file.name }) });
      return;
    }
    setState({ kind: 'uploading', name: file.name, progress: 0 });
    try {
      const result = await uploadTickets(street.streetId, file, (progress) => setState((s) => (s.kind === 'uploading' ? { ...s, progress } : s)));
      setState({ kind: 'done', name: file.name, result });
    } catch (e) {
      const message = (e as Error).message;
      setState({ kind: 'failed', message: translate(message, { _: message }) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void start(e.dataTransfer.files[0]);
  };

  const busy = state.kind === 'uploading';
  const result = state.kind === 'done' ? state.result : null;
  const refused = result && result.errors.length > 0;

  return (
    <Box sx={{ p: { xs: 1, md: 2 }, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1100 }}>
      <Title title={translate('reports.import.title')} />
      <Typography variant="body2" color="text.secondary">{translate('reports.import.intro')}</Typography>
      {forbidden ? <Alert severity="warning">{translate('rexian.error.forbidden')}</Alert> : null}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <StreetPicker streets={street.streets} value={street.streetId} onChange={street.setStreetId} />
      </Stack>
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
        <input ref={input} type="file" accept={ACCEPT.join(',')} hidden data-testid="import-file" onChange={(e) => void start(e.target.files?.[0])} />
      </Box>

      {state.kind === 'uploading' ? (
        <Box data-testid="upload-progress">
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {state.progress < 1 ? translate('reports.import.uploading', { name: state.name }) : translate('reports.import.processing')}
            {' '}{Math.round(state.progress * 100)}%
          </Typography>
          <LinearProgress variant={state.progress < 1 ? 'determinate' : 'indeterminate'} value={state.progress * 100} />
        </Box>
      ) : null}

      {state.kind === 'failed' ? <Alert severity="error">{state.message}</Alert> : null}

      {refused ? (
        <Card variant="outlined" data-testid="import-errors">
          <CardContent>
            <Alert severity="error" sx={{ mb: 2 }}>
              <AlertTitle>{translate('reports.import.refused', { count: result.errors.length })}</AlertTitle>
              {state.kind === 'done' ? state.name : null}
            </Alert>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 90 }}>{translate('reports.import.col_row')}</TableCell>
                  <TableCell sx={{ width: 160 }}>{translate('reports.import.col_column')}</TableCell>
                  <TableCell>{translate('reports.import.col_problem')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.errors.map((e, i) => (
                  <TableRow key={`${e.row}-${e.column}-${i}`}>
                    <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {e.row === 0 ? translate('reports.import.whole_file') : e.row === 1 ? translate('reports.import.header_row') : e.row}
                    </TableCell>
                    <TableCell>{e.column ?? '—'}</TableCell>
                    <TableCell>{e.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}

      {result && !refused && state.kind === 'done' ? (
        <Card variant="outlined" data-testid="import-summary">
          <CardContent>
            <Alert severity="success" sx={{ mb: 2 }}>{translate('reports.import.done', { name: state.name, rows: result.rows })}</Alert>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(120px, 200px))', gap: 2 }}>
              {(['inserted', 'updated', 'unchanged'] as const).map((k) => (
                <Box key={k} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
                  <Typography variant="body2" color="text.secondary">{translate(`reports.import.${k}`)}</Typography>
                  <Typography data-testid={`import-${k}`} sx={{ fontSize: 28, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{result[k]}</Typography>
                </Box>
              ))}
            </Box>
            {result.notices.length ? (
              <Alert severity="info" sx={{ mt: 2 }}>
                <AlertTitle>{translate('reports.import.notices')}</AlertTitle>
                {result.notices.map((n) => <div key={n}>{n}</div>)}
              </Alert>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      {state.kind === 'done' || state.kind === 'failed' ? (
        <Box>
          <Button variant="outlined" onClick={() => input.current?.click()}>{translate('reports.import.again')}</Button>
        </Box>
      ) : null}
    </Box>
  );
};
