// Short constructors for field specs, so each resource file reads like its register's column list.
import type { EnumSpec, FieldSpec, ScalarKind } from './resource';

type Extra = Partial<FieldSpec>;
const mk = (type: ScalarKind | EnumSpec) => (name: string, label: string, extra: Extra = {}): FieldSpec => ({ name, label, type, ...extra });

export const text = mk('String');
export const int = mk('Int');
export const float = mk('Float');
export const bool = mk('Boolean');
export const date = mk('Date');
export const dateTime = mk('DateTime');
export const json = mk('JSON');
export const oneOf = (e: EnumSpec) => mk(e);

/** A reference `<field>Id` to another resource, with the relation `<field>` loaded per request. */
export const ref = (field: string, label: string, target: { table: string; type: string }, extra: Extra = {}): FieldSpec => ({
  name: `${field}Id`,
  label,
  type: 'ID',
  ref: { ...target, field },
  ...extra,
});

export const UNIT = { table: 'unit', type: 'Unit' };
export const STREET = { table: 'street', type: 'Street' };
export const DISTRICT = { table: 'district', type: 'District' };
export const TICKET = { table: 'ticket', type: 'Ticket' };
export const USER = { table: 'appUser', type: 'User' };
export const NEGATIVE_ITEM = { table: 'negativeItem', type: 'NegativeItem' };

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
