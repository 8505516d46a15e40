import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { AppBar, Layout, TitlePortal, useTranslate } from 'react-admin';
import { AppMenu } from './Menu';
import { StreetSwitcher, WorkingStreetProvider } from '../common/workingStreet';
import { useLiveUpdates } from '../live/useLiveUpdates';

const Brand = () => {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="span" sx={{ fontWeight: 700, mr: 2, whiteSpace: 'nowrap', letterSpacing: '0.02em' }}>
      {translate('rexian.app.title')}
    </Typography>
  );
};

const RexianAppBar = () => (
  <AppBar color="primary">
    <Brand />
    <Box component="span" sx={{ opacity: 0.6, mr: 2 }}>|</Box>
    <TitlePortal variant="subtitle1" />
    <StreetSwitcher />
  </AppBar>
);

const LiveUpdates = () => {
  useLiveUpdates();
  return null;
};

export const RexianLayout = ({ children }: { children: ReactNode }) => (
  <WorkingStreetProvider>
    <LiveUpdates />
    <Layout appBar={RexianAppBar} menu={AppMenu}>
      {children}
    </Layout>
  </WorkingStreetProvider>
);
