import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Inputs side by side, wrapping on narrow screens. */
export const Row = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, width: '100%', '& > *': { minWidth: 220 } }}>{children}</Box>
);

/** Labeled fields in a responsive grid (show pages). */
export const FieldGrid = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2, width: '100%' }}>{children}</Box>
);

/** A translated section heading inside a form or show layout (`title`, not `label`: layouts would label it again). */
export const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 600, width: '100%' }}>
      {translate(title, { smart_count: 2 })}
    </Typography>
  );
};
