// Pages load on demand: the first screen downloads only the shell (layout, menu, data provider), and each page's
// code — with the libraries only it uses (exceljs, echarts, the datasheet grid) — arrives when it is opened.
import { Box, CircularProgress } from '@mui/material';
import { Suspense, lazy, type ComponentType, type ReactElement } from 'react';
import { useTranslate } from 'react-admin';

/** Shown while a page's code downloads (usually a few hundred milliseconds, once). */
export const PageLoading = () => {
  const translate = useTranslate();
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 1.5, p: 4, color: 'text.secondary' }}>
      <CircularProgress size={20} />
      {translate('rexian.app.loading', { _: '正在加载…' })}
    </Box>
  );
};

/** A page component whose module is imported the first time it renders:
 *  `const RankingPage = lazyPage(() => import('./RankingPage'), (m) => m.RankingPage);` */
export function lazyPage<M, P extends object = object>(load: () => Promise<M>, pick: (m: M) => ComponentType<P>): (props: P) => ReactElement {
  const Page = lazy(async () => ({ default: pick(await load()) }));
  const Lazy = (props: P) => (
    <Suspense fallback={<PageLoading />}>
      <Page {...props} />
    </Suspense>
  );
  return Lazy;
}
