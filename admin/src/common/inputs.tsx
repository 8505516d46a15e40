// Inputs shared by every resource.
import { useMemo } from 'react';
import { InputAdornment } from '@mui/material';
import {
  AutocompleteArrayInput, AutocompleteInput, NullableBooleanInput, NumberInput, RadioButtonGroupInput, ReferenceArrayInput,
  ReferenceInput, SelectInput, TextInput, useGetList, useGetMany, useTranslate, type InputProps, type Validator,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { useWorkingStreet } from './workingStreet';
import { choices, type EnumName } from './enums';

type Common = Omit<InputProps, 'source'> & { source: string; label?: string; helperText?: string | false; fullWidth?: boolean };

// Dates, date-times, months and weeks: text fields with a calendar in the app's language (dateInputs.tsx, issue #15).
export { DayInput as CalendarDateInput, DayFromFilter, DayToFilter, DayInput, IsoWeekInput, MonthInput, ShanghaiDateTimeInput } from './dateInputs';

/** A fraction (0.97) entered as a percentage (97). */
export const PercentInput = (props: Common & { min?: number; max?: number; step?: number }) => (
  <NumberInput
    format={(v: unknown) => (v == null || v === '' ? '' : +(Number(v) * 100).toFixed(4))}
    parse={(v: string) => (v === '' || v == null ? null : Number(v) / 100)}
    min={0}
    max={100}
    step={0.5}
    slotProps={{ input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } }}
    sx={{ width: 200 }}
    {...props}
  />
);

/** A yes/no filter with "any" as its empty choice (a switch could not express "don't filter"). */
export const BoolFilter = (props: Common & { alwaysOn?: boolean }) => (
  <NullableBooleanInput nullLabel="rexian.filter.any" sx={{ minWidth: 140 }} {...props} />
);

/** A select of translated enum labels. Radio buttons for short lists read better on a form. */
export const EnumInput = ({ enumName, radio = false, emptyText, ...props }: Common & { enumName: EnumName; radio?: boolean; emptyText?: string }) =>
  radio ? (
    <RadioButtonGroupInput choices={choices(enumName)} {...props} />
  ) : (
    <SelectInput choices={choices(enumName)} emptyText={emptyText} {...props} />
  );

/** A reference picked by typing its name (the API's `q` filter). */
export const RefInput = ({
  reference, validate, label, helperText, filter, sort, fullWidth, disabled, alwaysOn, ...props
}: Common & { reference: string; filter?: Record<string, unknown>; sort?: { field: string; order: 'ASC' | 'DESC' }; alwaysOn?: boolean }) => (
  <ReferenceInput reference={reference} filter={filter} sort={sort} perPage={50} alwaysOn={alwaysOn} {...props}>
    <AutocompleteInput
      validate={validate as Validator | Validator[] | undefined}
      label={label}
      helperText={helperText}
      fullWidth={fullWidth}
      disabled={disabled}
      filterToQuery={(q: string) => (q ? { q } : {})}
      sx={fullWidth ? undefined : { width: 280 }}
    />
  </ReferenceInput>
);

const PEER_ORDER = ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL'];
/** 职能部门, then 事业单位·中心, then 居委; by code inside each. */
export const byPeerGroupAndCode = <U extends { peerGroup: string; code: string }>(a: U, b: U) =>
  PEER_ORDER.indexOf(a.peerGroup) - PEER_ORDER.indexOf(b.peerGroup) || a.code.localeCompare(b.code, 'zh-CN');

/**
 * A unit of one street — the street being worked on, or `streetId` (a ticket's own street when dispatching) —
 * grouped by peer group and sorted by code (domain.md §1: names resolve inside a street; every street has its
 * 城管中队). A street has well under 100 units: one page, filtered as the clerk types.
 */
export const UnitInput = ({
  streetId, validate, label, helperText, fullWidth, disabled, alwaysOn, ...props
}: Common & { streetId?: string | null; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  const working = useWorkingStreet();
  const street = streetId ?? working.streetId;
  const { data, isPending } = useGetList<{ id: string; code: string; name: string; peerGroup: string }>(
    'Unit',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'code', order: 'ASC' }, filter: { streetId: street } },
    { enabled: !!street },
  );
  // A record of another street than the one worked in (a district account's older row) keeps showing its unit.
  const form = useFormContext() as ReturnType<typeof useFormContext> | null;
  const value = form?.watch(props.source as string) as string | number | null | undefined;
  const foreign =
    working.isDistrict && value != null && value !== '' && data && !data.some((u) => String(u.id) === String(value)) ? [String(value)] : [];
  const { data: extra } = useGetMany<{ id: string; code: string; name: string; peerGroup: string }>('Unit', { ids: foreign }, { enabled: foreign.length > 0 });
  const choices = useMemo(() => [...(data ?? []), ...(foreign.length ? extra ?? [] : [])].sort(byPeerGroupAndCode), [data, extra, foreign.length]);
  return (
    <AutocompleteInput
      {...props}
      choices={choices}
      isPending={isPending}
      optionText={(u: { name: string; code: string }) => translate('rexian.punct.paren', { text: u.name, inner: u.code })}
      inputText={(u: { name: string }) => u.name}
      groupBy={(u) => translate(`rexian.enum.peerGroup.${u.peerGroup}`)}
      validate={validate as Validator | Validator[] | undefined}
      label={label}
      helperText={helperText}
      fullWidth={fullWidth}
      disabled={disabled}
      sx={fullWidth ? undefined : { width: 280 }}
    />
  );
};

/** Several references (an `xIds` field). */
export const RefArrayInput = ({
  reference, label, helperText, fullWidth, ...props
}: Common & { reference: string }) => (
  <ReferenceArrayInput reference={reference} perPage={50} {...props}>
    <AutocompleteArrayInput label={label} helperText={helperText} fullWidth={fullWidth} filterToQuery={(q: string) => (q ? { q } : {})} />
  </ReferenceArrayInput>
);

/** Search box on the API's free-text `q` filter. */
export const QuickSearch = (props: Partial<Common>) => <TextInput source="q" label="rexian.filter.search" resettable {...props} />;
