// The sidebar: resources grouped as a clerk thinks of them (工单 / 台账 / 组织 / 设置).
import { Box, Divider, ListSubheader } from '@mui/material';
import { ReportsMenu } from '../reports/ReportsMenu';
import { UndercoverMenuItem } from '../undercover';
import { HotspotMenuItem } from '../warnings';
import { Menu, useSidebarState, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { AVAILABLE, MENU_GROUPS } from '../resources';
import { REFERENCE_DATA } from '../resources/registry';
import { ResourceItemWithCount, WorkMenu } from '../work/WorkMenu';
import { SheetMenuItems } from '../sheets';
import type { ReactNode } from 'react';

const Item = ({ name }: { name: string }) => <ResourceItemWithCount name={name} />;

/** A group heading, shown only when at least one of its resources has a menu entry for the user (access.ts inMenu). */
const Group = ({ label, resources, first, extra }: { label: string; resources: string[]; first: boolean; extra?: ReactNode }) => {
  const translate = useTranslate();
  const [open] = useSidebarState();
  const access = useAccess();
  const shown = resources.filter((r) => access.inMenu(r, REFERENCE_DATA.has(r)));
  if (!shown.length) return null;
  return (
    <>
      {first ? null : <Divider sx={{ my: 0.5 }} />}
      {open ? (
        <ListSubheader component="div" disableSticky sx={{ lineHeight: '32px', bgcolor: 'transparent', fontWeight: 600, color: 'text.secondary' }}>
          {translate(label)}
        </ListSubheader>
      ) : null}
      {extra}
      {shown.map((r) => <Item key={r} name={r} />)}
    </>
  );
};

export const AppMenu = () => (
  <Menu>
    <Box sx={{ pb: 2 }}>
      <WorkMenu />
      <ReportsMenu />
      <HotspotMenuItem />
      <UndercoverMenuItem />
      {MENU_GROUPS.map((g) => (
        <Group key={g.key} label={g.label} resources={g.resources.filter((r) => AVAILABLE.includes(r))} first={false} extra={g.key === 'registers' ? <SheetMenuItems /> : undefined} />
      ))}
    </Box>
  </Menu>
);
