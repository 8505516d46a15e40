import { ResourceCreate, ResourceEdit } from '../../common/views';
import { TicketForm } from './TicketForm';

/**
 * The stock provider sends the whole record on update. A phone number the user may only see masked
 * (138****1234) must not be written back over the real one.
 */
export const dropMaskedPhone = <T extends { citizenPhone?: unknown }>(data: T): T => {
  if (typeof data.citizenPhone === 'string' && data.citizenPhone.includes('*')) {
    const { citizenPhone: _masked, ...rest } = data;
    return rest as T;
  }
  return data;
};

export const TicketEdit = () => (
  <ResourceEdit transform={dropMaskedPhone}>
    <TicketForm />
  </ResourceEdit>
);

export const TicketCreate = () => (
  <ResourceCreate>
    <TicketForm isCreate />
  </ResourceCreate>
);
