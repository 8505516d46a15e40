// The ticket list at narrow widths (issue #15: at 1280×720 the 时限 column was cut). The table must keep to the
// window without a scrolling box of its own (rows stay clickable, the bulk checkboxes where they are): where all the
// columns do not fit, 类型 joins 诉求主题, 办结时限 and the deadline badge share one column (the badge's tooltip gives
// the time), unit and street names end in "…" with the whole name in their title, and cells are narrower.
import { Typography, useMediaQuery } from '@mui/material';
import { ReferenceField, useLocaleState, useRecordContext, useTranslate } from 'react-admin';

/**
 * The narrowest window (px) that holds every column, measured on the demo street with the sidebar open: Chinese
 * labels for a street account; English labels, or a district account's extra 街镇 column, need more.
 */
const FULL_FROM = { zh: 1440, wider: 1680 };

export function useCompactTicketList(isDistrict: boolean): boolean {
  const [locale] = useLocaleState();
  const full = useMediaQuery(`(min-width:${locale === 'en' || isDistrict ? FULL_FROM.wider : FULL_FROM.zh}px)`, { noSsr: true });
  return !full;
}

/** Narrower cells: less side padding, and a long header (「先行联系时限」, "First contact due") may take two lines. */
export const COMPACT_CELLS = {
  '& .MuiTableCell-root': { px: 1 },
  '& .MuiTableCell-paddingCheckbox': { px: 0.5 },
  '& .MuiTableCell-head': { whiteSpace: 'normal', lineHeight: 1.3 },
} as const;

const ellipsis = (maxWidth: string) => ({ display: 'block', maxWidth, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }) as const;

/** 诉求主题 with its 类型 after it in grey: 「噪声 · 投诉」; the whole text in the title when cut. */
export const CategoryTopicField = (_: { label?: string; source?: string }) => {
  const record = useRecordContext<{ topic?: string | null; category?: string | null }>();
  const translate = useTranslate();
  if (!record) return null;
  const category = record.category ? translate(`rexian.enum.category.${record.category}`, { _: record.category }) : '';
  const topic = record.topic || '—';
  return (
    <Typography component="span" variant="body2" title={category ? `${topic} · ${category}` : topic} sx={ellipsis('10em')} data-testid="topic-category">
      {topic}
      {category ? <Typography component="span" variant="body2" color="text.secondary">{` · ${category}`}</Typography> : null}
    </Typography>
  );
};

/** The name of a referenced record, cut with "…" and whole in its title. */
const EllipsisName = ({ maxWidth }: { maxWidth: string }) => {
  const record = useRecordContext<{ name?: string }>();
  if (!record?.name) return null;
  return <Typography component="span" variant="body2" title={record.name} sx={ellipsis(maxWidth)}>{record.name}</Typography>;
};

/** The row's 承办单位 (or, with `street`, its 街镇) by name, cut to fit. */
export const EllipsisUnitField = ({ street = false }: { street?: boolean; label?: string; source?: string }) => (
  <ReferenceField source={street ? 'streetId' : 'unitId'} reference={street ? 'Street' : 'Unit'} link={false} emptyText="—">
    <EllipsisName maxWidth={street ? '6em' : '9em'} />
  </ReferenceField>
);
