import { useRecordContext, useResourceContext } from 'react-admin';
import { writableFields } from '../schema';

/**
 * Whether the current form's mutation (create or update of the current resource) takes a field. Inputs of fields
 * the API sets itself (a ticket's status, an award's amount) are disabled instead of silently ignored on save.
 */
export function useWritable(): (field: string) => boolean {
  const resource = useResourceContext() ?? '';
  const record = useRecordContext();
  const fields = writableFields(resource, record?.id != null ? 'edit' : 'create');
  return (field: string) => fields.has(field);
}
