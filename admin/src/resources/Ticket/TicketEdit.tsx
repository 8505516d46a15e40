import { useRecordContext } from 'react-admin';
import { ResourceCreate, ResourceEdit } from '../../common/views';
import { onlyWritable, ownWritableFields } from '../../common/useWritable';
import { writableFields } from '../../schema';
import { HandlerTicketForm, TicketForm } from './TicketForm';

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

/** Only what the caller may change is sent (a unit handler's save would otherwise carry every field). */
export const ticketUpdateData = <T extends Record<string, unknown>>(data: T): T => onlyWritable(dropMaskedPhone(data));

/** A caller who may change only some of the fields (a unit handler: the handling) gets a form with just those. */
const EditForm = () => {
  const record = useRecordContext();
  const own = ownWritableFields(record);
  const restricted = own !== null && [...writableFields('Ticket', 'edit')].some((f) => f !== 'id' && f !== 'version' && !own.has(f));
  return restricted ? <HandlerTicketForm /> : <TicketForm />;
};

export const TicketEdit = () => (
  <ResourceEdit transform={ticketUpdateData}>
    <EditForm />
  </ResourceEdit>
);

export const TicketCreate = () => (
  <ResourceCreate>
    <TicketForm isCreate />
  </ResourceCreate>
);
