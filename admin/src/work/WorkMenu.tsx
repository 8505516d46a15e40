// The sidebar's 我的待办 and 审批 entries, and the waiting-step counts beside the resource entries: a count, never
// also a red dot on the icon (issue #15).
import AssignmentIcon from '@mui/icons-material/AssignmentTurnedIn';
import GavelIcon from '@mui/icons-material/Gavel';
import SentimentDissatisfiedIcon from '@mui/icons-material/SentimentDissatisfied';
import { Box } from '@mui/material';
import { createElement } from 'react';
import { Menu, useResourceDefinitions, useTranslate } from 'react-admin';
import { useAccess } from '../access';
import { countsByResource, useMyWork } from './useMyWork';

/**
 * Whose work the 不满意件推送 is: the unit (its own list), the city-ops centre and the leaders. Any signed-in role may
 * read it (auth/operations.ts); this only keeps it out of other roles' sidebars.
 */
export const PUSH_READERS = ['UNIT_HANDLER', 'OPS', 'LEADER', 'ADMIN'];

const Count = ({ n, label }: { n: number; label: string }) =>
  n > 0 ? (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1.5 }}>
      {label}
      <Box component="span" data-count={n} sx={{ bgcolor: 'error.main', color: 'error.contrastText', borderRadius: 8, px: 0.75, fontSize: 12, lineHeight: '18px', minWidth: 18, textAlign: 'center', fontWeight: 600 }}>
        {n > 99 ? '99+' : n}
      </Box>
    </Box>
  ) : (
    <>{label}</>
  );

export const WorkMenu = () => {
  const translate = useTranslate();
  const { role, mayCall } = useAccess();
  const sections = useMyWork();
  const counts = countsByResource(sections);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const approvals = (sections ?? []).filter((s) => ['returnsDeputy', 'returnsMain', 'extensions'].includes(s.key)).reduce((n, s) => n + s.count, 0);
  return (
    <>
      <Menu.Item to="/my-work" primaryText={<Count n={total} label={translate('work.menu.myWork')} />} leftIcon={<AssignmentIcon />} />
      {mayCall('Mutation.decideReturn') || mayCall('Mutation.decideExtension') ? (
        <Menu.Item to="/approvals" primaryText={<Count n={approvals} label={translate('work.menu.approvals')} />} leftIcon={<GavelIcon />} />
      ) : null}
      {role && PUSH_READERS.includes(role) ? (
        <Menu.Item to="/unsatisfied-push" primaryText={translate('work.push.menu')} leftIcon={<SentimentDissatisfiedIcon />} />
      ) : null}
    </>
  );
};

/** A resource's menu entry with the number of its records waiting for the user (myWork). */
export const ResourceItemWithCount = ({ name }: { name: string }) => {
  const translate = useTranslate();
  const definitions = useResourceDefinitions();
  const counts = countsByResource(useMyWork());
  const n = counts[name] ?? 0;
  const def = definitions[name];
  if (!n || !def) return <Menu.ResourceItem name={name} />;
  return (
    <Menu.Item
      to={`/${name}`}
      primaryText={<Count n={n} label={translate(`resources.${name}.name`, { smart_count: 2 })} />}
      leftIcon={def.icon ? createElement(def.icon) : undefined}
    />
  );
};
