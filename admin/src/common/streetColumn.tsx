// The 街镇 column of lists that span streets: a district account (区城运中心) reads every street, so its lists say
// whose row each is; a street account sees only its own street and no such column.
import { DataTable, ReferenceField } from 'react-admin';
import { useWorkingStreet } from './workingStreet';

/** The street of the row's unit (registers hang off a unit; the unit belongs to a street). */
export const StreetOfUnitField = ({ source = 'unitId' }: { source?: string }) => (
  <ReferenceField source={source} reference="Unit" link={false} emptyText="—">
    <ReferenceField source="streetId" reference="Street" link={false} emptyText="—" sx={{ whiteSpace: 'nowrap' }} />
  </ReferenceField>
);

/** The row's own street (tickets, warnings). */
export const StreetField = () => <ReferenceField source="streetId" reference="Street" link={false} emptyText="—" sx={{ whiteSpace: 'nowrap' }} />;

/** The street of the row's ticket (what hangs off a ticket: callbacks, returns, audits, orders, visits). */
export const StreetOfTicketField = ({ source = 'ticketId' }: { source?: string }) => (
  <ReferenceField source={source} reference="Ticket" link={false} emptyText="—">
    <ReferenceField source="streetId" reference="Street" link={false} emptyText="—" sx={{ whiteSpace: 'nowrap' }} />
  </ReferenceField>
);

/** The 街镇 column, for district accounts only: through the row's unit or its ticket. */
export const DistrictStreetCol = ({ via }: { via: 'unit' | 'ticket' }) => {
  const { isDistrict } = useWorkingStreet();
  if (!isDistrict) return null;
  return (
    <DataTable.Col source="street" label="rexian.street.column" disableSort>
      {via === 'unit' ? <StreetOfUnitField /> : <StreetOfTicketField />}
    </DataTable.Col>
  );
};
