import type { ResourceViews } from '../types';
import { TicketList } from './TicketList';
import { TicketShow } from './TicketShow';
import { TicketCreate, TicketEdit } from './TicketEdit';

export default {
  list: TicketList,
  show: TicketShow,
  edit: TicketEdit,
  create: TicketCreate,
} satisfies ResourceViews;
