// 生成预警单 / 生成领导派单（督办单）/ 生成专报 on a ticket or warning page: generateReport for that record, then the
// archived report's page (print, .docx, .xlsx). Light on purpose — the report page itself is a lazy route.
import PrintIcon from '@mui/icons-material/Print';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useAccess } from '../../access';
import { mutate } from '../api';

export type FormKind = 'WARNING_FORM' | 'LEADER_ORDER_FORM' | 'HOTSPOT';

export const GenerateFormButton = ({ kind, period, streetId, label }: { kind: FormKind; period: string; streetId: string | number | null | undefined; label: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const { mayCall } = useAccess();
  const [busy, setBusy] = useState(false);
  if (!mayCall('Mutation.generateReport') || streetId == null) return null;
  const generate = async () => {
    setBusy(true);
    try {
      const d = await mutate<{ generateReport: { id: string; version: number } }>(
        `mutation($kind: ReportKind!, $streetId: ID!, $period: String!) { generateReport(kind: $kind, streetId: $streetId, period: $period) { id version } }`,
        { kind, streetId: String(streetId), period },
      );
      notify('reportDocs.archive.generated', { type: 'success', messageArgs: { kind: translate(`reportDocs.kind.${kind}`), period, version: d.generateReport.version } });
      navigate(`/reports-archive/${d.generateReport.id}`);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" variant="outlined" startIcon={<PrintIcon />} disabled={busy} onClick={generate} data-testid={`generate-${kind}`}>
      {translate(label)}
    </Button>
  );
};
