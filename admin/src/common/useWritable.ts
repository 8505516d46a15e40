import { useRecordContext, useResourceContext } from 'react-admin';
import { writableFields } from '../schema';

/**
 * Whether the current form's mutation (create or update of the current resource) takes a field. Inputs of fields
 * the API sets itself (a ticket's status, an award's amount) are disabled instead of silently ignored on save.
 * A record that states what the caller may change (`writableFields`, e.g. a unit handler's ticket) narrows it.
 */
export function useWritable(): (field: string) => boolean {
  const resource = useResourceContext() ?? '';
  const record = useRecordContext();
  const fields = writableFields(resource, record?.id != null ? 'edit' : 'create');
  const own = ownWritableFields(record);
  return (field: string) => fields.has(field) && (!own || own.has(field));
}

/** The record's own answer to "what may I change here" (the API computes it for the caller), if it gives one. */
export function ownWritableFields(record: object | undefined | null): Set<string> | null {
  const fields = (record as { writableFields?: unknown } | null | undefined)?.writableFields;
  return Array.isArray(fields) ? new Set(fields as string[]) : null;
}

/**
 * What an update sends: the stock provider sends the whole record, so fields the caller may not change are
 * dropped here (the API would refuse a changed one). Records without `writableFields` are sent as they are.
 */
export function onlyWritable<T extends Record<string, unknown>>(data: T): T {
  const own = ownWritableFields(data);
  if (!own) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => k === 'id' || k === 'version' || own.has(k))) as T;
}
