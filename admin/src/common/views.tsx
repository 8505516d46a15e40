// Page shells shared by every resource: pessimistic writes (records are versioned), no undo, no bulk deletes.
import type { ReactElement, ReactNode } from 'react';
import {
  Create, CreateButton, DataTable, DeleteButton, Edit, EditButton, ExportButton, FilterButton, List, SaveButton,
  Show, ShowButton, TopToolbar, Toolbar, ListButton, useRecordContext, type DataTableProps, type ListProps,
  type SortPayload, useResourceDefinition, useTranslate,
} from 'react-admin';
import { Alert } from '@mui/material';

export const PER_PAGE = 25;

/** A list page: filters above, 25 rows a page, rows open the record's page. */
export const ResourceList = ({
  children, filters, sort, rowClick = 'show', dataTableProps, actions, ...rest
}: Omit<ListProps, 'children' | 'sort'> & {
  children: ReactNode; filters?: ReactElement[]; sort?: SortPayload; rowClick?: 'show' | 'edit' | false;
  dataTableProps?: Partial<DataTableProps>;
}) => (
  <List
    filters={filters}
    sort={sort ?? { field: 'id', order: 'DESC' }}
    perPage={PER_PAGE}
    actions={actions ?? <ListActionsBar hasFilters={!!filters?.length} />}
    {...rest}
  >
    <DataTable rowClick={rowClick} bulkActionButtons={false} size="small" {...dataTableProps}>
      {children}
    </DataTable>
  </List>
);

export const ListActionsBar = ({ hasFilters }: { hasFilters?: boolean }) => {
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      {hasFilters ? <FilterButton /> : null}
      {hasCreate ? <CreateButton /> : null}
      <ExportButton />
    </TopToolbar>
  );
};

/** Edit: pessimistic (the API checks `version` and may answer CONFLICT), then back to the record. */
export const ResourceEdit = ({ children, redirect = 'show', ...rest }: { children: ReactNode; redirect?: 'show' | 'list' | 'edit'; title?: ReactNode; transform?: (data: any) => any }) => (
  <Edit mutationMode="pessimistic" redirect={redirect} actions={<EditActions />} {...rest}>
    {children}
  </Edit>
);

const EditActions = () => (
  <TopToolbar>
    <ListButton />
    <ShowButton />
  </TopToolbar>
);

export const ResourceCreate = ({ children, redirect = 'show', ...rest }: { children: ReactNode; redirect?: 'show' | 'list' | 'edit'; title?: ReactNode; transform?: (data: any) => any }) => (
  <Create redirect={redirect} {...rest}>
    {children}
  </Create>
);

export const ResourceShow = ({ children, ...rest }: { children: ReactNode; title?: ReactNode }) => (
  // A record that does not exist — or belongs to another street (NOT_FOUND alike) — stays on its URL with a plain
  // message rather than bouncing to the list.
  <Show actions={<ShowActions />} redirectOnError={false} error={<NotFoundNotice />} {...rest}>
    {children}
  </Show>
);

const NotFoundNotice = () => {
  const translate = useTranslate();
  return <Alert severity="warning" sx={{ mt: 2 }} data-testid="not-found">{translate('rexian.street.notFound')}</Alert>;
};

const ShowActions = () => {
  const { hasEdit } = useResourceDefinition();
  return (
    <TopToolbar>
      <ListButton />
      {hasEdit ? <EditButton /> : null}
    </TopToolbar>
  );
};

/** Save, and delete behind a confirmation (never undoable: the write must not be delayed). */
export const FormToolbar = ({ deletable = true }: { deletable?: boolean }) => {
  const record = useRecordContext();
  return (
    <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
      <SaveButton />
      {deletable && record ? <DeleteButton mutationMode="pessimistic" /> : null}
    </Toolbar>
  );
};
