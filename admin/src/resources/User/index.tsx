import {
  BooleanInput, DataTable, Labeled, NumberField, PasswordInput, ReferenceField, SimpleForm, SimpleShowLayout, TextField, TextInput,
  minLength, regex, required, type Validator,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { DateTimeField, EnumField, YesNoField } from '../../common/fields';
import { BoolFilter, EnumInput, QuickSearch, UnitInput } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import { argsOf } from '../../schema';
import type { ResourceViews } from '../types';

const filters = [
  <QuickSearch key="q" alwaysOn />,
  <EnumInput key="role" source="role" enumName="userRole" alwaysOn />,
  <UnitInput key="unitId" source="unitId" />,
  <BoolFilter key="active" source="active" />,
];

const UserList = () => (
  <ResourceList filters={filters} sort={{ field: 'username', order: 'ASC' }}>
    <DataTable.Col source="username" />
    <DataTable.Col source="displayName" />
    <DataTable.Col source="role"><EnumField source="role" enumName="userRole" chip /></DataTable.Col>
    <DataTable.Col source="leaderRank"><EnumField source="leaderRank" enumName="leaderRank" /></DataTable.Col>
    <DataTable.Col source="unitId"><ReferenceField source="unitId" reference="Unit" link={false} emptyText="—" /></DataTable.Col>
    <DataTable.Col source="canReadPersonalData"><YesNoField source="canReadPersonalData" /></DataTable.Col>
    <DataTable.Col source="active"><YesNoField source="active" /></DataTable.Col>
  </ResourceList>
);

const unitRequiredForHandler: Validator = (value, values) =>
  values?.role === 'UNIT_HANDLER' && !value ? 'rexian.helper.unit_for_handler' : undefined;

const UnitForRole = () => {
  const role = useWatch({ name: 'role' }) as string | undefined;
  return (
    <UnitInput source="unitId" validate={unitRequiredForHandler}
      helperText={role === 'UNIT_HANDLER' ? 'rexian.helper.unit_for_handler' : false} />
  );
};

/** 分管领导 / 主要领导 decide different steps of the return chain: only a leader has a rank (the API clears it otherwise). */
const RankForRole = () => {
  const role = useWatch({ name: 'role' }) as string | undefined;
  return role === 'LEADER' ? <EnumInput source="leaderRank" enumName="leaderRank" defaultValue="DEPUTY" validate={required()} helperText="rexian.helper.leader_rank" /> : null;
};

const UserForm = ({ isCreate = false }: { isCreate?: boolean }) => {
  const canSetPassword = isCreate || argsOf('updateUser').has('password');
  return (
    <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
      <Section title="rexian.section.account" />
      <Row>
        <TextInput source="username" validate={[required(), regex(/^[A-Za-z0-9_.-]{2,40}$/)]} disabled={!isCreate} autoComplete="off" />
        <TextInput source="displayName" />
        {canSetPassword ? (
          <PasswordInput source="password" autoComplete="new-password"
            validate={isCreate ? [required(), minLength(8)] : [minLength(8)]}
            helperText={isCreate ? 'rexian.helper.password_new' : 'rexian.helper.password_edit'} />
        ) : null}
      </Row>
      <Section title="rexian.section.permissions" />
      <Row>
        <EnumInput source="role" enumName="userRole" validate={required()} />
        <RankForRole />
        <UnitForRole />
      </Row>
      <Row>
        <BooleanInput source="canReadPersonalData" defaultValue={false} />
        <BooleanInput source="active" defaultValue={true} />
      </Row>
    </SimpleForm>
  );
};

const UserShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="username" /></Labeled>
        <Labeled><TextField source="displayName" emptyText="—" /></Labeled>
        <Labeled><EnumField source="role" enumName="userRole" chip /></Labeled>
        <Labeled><EnumField source="leaderRank" enumName="leaderRank" chip /></Labeled>
        <Labeled><ReferenceField source="unitId" reference="Unit" emptyText="—" /></Labeled>
        <Labeled><YesNoField source="canReadPersonalData" /></Labeled>
        <Labeled><YesNoField source="active" /></Labeled>
        <Labeled><NumberField source="failedLogins" emptyText="0" /></Labeled>
        <Labeled><DateTimeField source="lockedUntil" /></Labeled>
        <Labeled><DateTimeField source="updatedAt" /></Labeled>
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

/** An empty password on edit means "keep the current one". */
const dropEmptyPassword = (data: Record<string, unknown>) => {
  const { password, ...rest } = data;
  return password ? { ...rest, password } : rest;
};

export default {
  list: UserList,
  show: UserShow,
  edit: () => <ResourceEdit transform={dropEmptyPassword}><UserForm /></ResourceEdit>,
  create: () => <ResourceCreate><UserForm isCreate /></ResourceCreate>,
} satisfies ResourceViews;
