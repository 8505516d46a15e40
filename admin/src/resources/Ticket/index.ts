import Icon from '@mui/icons-material/PhoneInTalk';
import type { ResourceModule } from '../types';
import { TicketList } from './TicketList';
import { TicketShow } from './TicketShow';
import { TicketCreate, TicketEdit } from './TicketEdit';

export default {
  list: TicketList,
  show: TicketShow,
  edit: TicketEdit,
  create: TicketCreate,
  icon: Icon,
  recordRepresentation: 'number',
} satisfies ResourceModule;
