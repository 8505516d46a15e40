// 每日预警摘要 (domain.md §5 "Daily warning digest"): the lists made at 08:30 on working days for the caller's
// level (warningDigest), for today or a chosen day, as a printable A4 page (digest-print.css): one table per
// recipient — unit heads, 分管领导, 主要领导 — with the repeat (RED/YELLOW) and hotspot items.
import PrintIcon from '@mui/icons-material/Print';
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../common/time';
import { useWorkingStreet } from '../common/workingStreet';
import { DateField } from '../common/pickers';
import { query } from '../reports/api';
import { errorText } from '../resources/Meeting/DecisionDone';
import { useWarningText } from './actions';
import './digest-print.css';

interface DigestItem {
  kind: string;
  id: string;
  level: 'RED' | 'YELLOW' | 'HOTSPOT';
  count: number;
  title: string;
  specialStudy: boolean;
  ticketNumber: string | null;
  ticketId: string | null;
  units: Array<{ name: string }>;
}
interface DigestList {
  id: string;
  day: string;
  audience: 'UNIT' | 'DEPUTY' | 'MAIN';
  recipient: string;
  itemCount: number;
  createdAt: string;
  items: DigestItem[];
}

const AUDIENCE_ORDER = { MAIN: 0, DEPUTY: 1, UNIT: 2 } as const;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const chineseDay = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export const DigestPage = () => {
  const t = useWarningText();
  const { streetId, street } = useWorkingStreet();
  const [params, setParams] = useSearchParams();
  const day = params.get('day') || today();
  const [lists, setLists] = useState<DigestList[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLists(undefined);
    setError(null);
    query<{ warningDigest: DigestList[] }>(
      // Lean on purpose: a list of lists of lists is costed at 20 × 20 × 20 by the API's query limit.
      `query($s: ID, $d: Date) { warningDigest(streetId: $s, day: $d) {
        id day audience recipient itemCount createdAt
        items { kind id level count title specialStudy ticketNumber ticketId units { name } }
      } }`,
      { s: streetId, d: day },
    ).then(
      (d) => live && setLists([...d.warningDigest].sort((a, b) => AUDIENCE_ORDER[a.audience] - AUDIENCE_ORDER[b.audience] || a.recipient.localeCompare(b.recipient, 'zh-CN'))),
      (e) => {
        if (!live) return;
        setLists([]);
        setError(errorText(e));
      },
    );
    return () => void (live = false);
  }, [streetId, day]);

  const streetName = street?.name ?? '';
  return (
    <Box className="digest-root" sx={{ p: { xs: 1, md: 2 } }} data-page="warning-digest">
      <Title title={t('digest.title')} />
      <Stack className="digest-toolbar" direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap sx={{ maxWidth: '210mm', mx: 'auto' }}>
        <DateField
          size="small"
          label={t('digest.day')}
          value={day}
          onChange={(v) => v && setParams({ day: v }, { replace: true })}
          name="day"
          sx={{ width: 180 }}
        />
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!lists?.length} data-testid="digest-print">
          {t('digest.print')}
        </Button>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 240 }}>{t('digest.intro')}</Typography>
      </Stack>
      {error ? <Alert severity="error" className="no-print" sx={{ maxWidth: '210mm', mx: 'auto', mt: 2 }}>{error}</Alert> : null}
      {lists && lists.length === 0 && !error ? (
        <Alert severity="info" className="no-print" sx={{ maxWidth: '210mm', mx: 'auto', mt: 2 }}>{t('digest.empty', { day: chineseDay(day) })}</Alert>
      ) : null}
      {lists && lists.length ? (
        <div className="digest-sheet" data-testid="digest-sheet">
          <h1>{t('digest.heading', { street: streetName })}</h1>
          <div className="digest-day">{chineseDay(day)}</div>
          {lists.map((l) => (
            <section key={l.id} data-audience={l.audience} data-recipient={l.recipient}>
              <h2>{t('digest.listTitle', { audience: t(`digest.audience.${l.audience}`), recipient: l.recipient, count: l.itemCount })}</h2>
              <table>
                <colgroup>
                  <col style={{ width: '8%' }} />
                  <col style={{ width: '14%' }} />
                  <col />
                  <col style={{ width: '9%' }} />
                  <col style={{ width: '17%' }} />
                  <col style={{ width: '20%' }} />
                </colgroup>
                <thead>
                  <tr>{(['no', 'level', 'title', 'count', 'ticket', 'units'] as const).map((c) => <th key={c}>{t(`digest.column.${c}`)}</th>)}</tr>
                </thead>
                <tbody>
                  {l.items.map((i, n) => (
                    <tr key={`${i.kind}-${i.id}`}>
                      <td className="num">{n + 1}</td>
                      <td className={`level-${i.level}`}>{t(`digest.level.${i.level}`)}{i.specialStudy ? `（${t('digest.specialStudy')}）` : ''}</td>
                      <td>{i.kind === 'HOTSPOT' ? <Link to="/hotspots">{i.title}</Link> : i.title}</td>
                      <td className="num">{i.count}</td>
                      <td>{i.ticketId ? <Link to={`/Ticket/${i.ticketId}/show`}>{i.ticketNumber}</Link> : '—'}</td>
                      <td>{i.units.map((u) => u.name).join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="digest-made">{t('digest.made', { time: formatDateTime(l.createdAt) })}</div>
            </section>
          ))}
          <div className="digest-footer">{t('digest.footer', { street: streetName, day: chineseDay(day) })}</div>
        </div>
      ) : null}
    </Box>
  );
};
