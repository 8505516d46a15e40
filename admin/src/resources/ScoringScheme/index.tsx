import { BooleanInput, DataTable, Labeled, NumberField, NumberInput, SimpleForm, SimpleShowLayout, TextField, TextInput, required, minValue, maxValue, useLocaleState } from 'react-admin';
import { DateOnlyField, EnumField, PercentField, YesNoField } from '../../common/fields';
import { CalendarDateInput, EnumInput, PercentInput } from '../../common/inputs';
import { FieldGrid, Row, Section } from '../../common/layout';
import { FormToolbar, ResourceCreate, ResourceEdit, ResourceList, ResourceShow } from '../../common/views';
import type { ResourceViews } from '../types';

const KPIS = ['FirstContact', 'OnTime', 'Resolution', 'ActualShare', 'Satisfaction'] as const;

/** A whole number of working days (the API's Int refuses a fraction only in English); the text stays in this lazy chunk. */
const wholeDays = (zh: boolean) => (v: unknown) =>
  v == null || v === '' || Number.isInteger(Number(v)) ? undefined : zh ? '受理时限（工作日）必须是整数' : 'The acceptance time limit must be a whole number of working days';

/** 拖延接单: working days after dispatch within which a unit must accept (1–10; enters no ranking). */
const AcceptWithinInput = () => {
  const [locale] = useLocaleState();
  return <NumberInput source="acceptWithinWorkdays" step={1} validate={[required(), minValue(1), maxValue(10), wholeDays(locale !== 'en')]} />;
};

const ScoringSchemeList = () => (
  <ResourceList sort={{ field: 'id', order: 'DESC' }}>
    <DataTable.Col source="name" />
    <DataTable.Col source="active"><YesNoField source="active" highlight /></DataTable.Col>
    <DataTable.NumberCol source="minSample" />
    <DataTable.NumberCol source="rollingMonths" />
    <DataTable.Col source="satisfactionVariant"><EnumField source="satisfactionVariant" enumName="satisfactionVariant" /></DataTable.Col>
    <DataTable.Col source="campaignFrom"><DateOnlyField source="campaignFrom" /></DataTable.Col>
    <DataTable.Col source="campaignTo"><DateOnlyField source="campaignTo" /></DataTable.Col>
  </ResourceList>
);

/** A new scheme starts from the plan's defaults (domain.md §3–4). */
const SCHEME_DEFAULTS = {
  wFirstContact: 20, wOnTime: 20, wResolution: 20, wActualShare: 10, wSatisfaction: 30,
  tFirstContact: 1, tOnTime: 1, tResolution: 0.97, tActualShare: 0.8, tSatisfaction: 0.93,
  minSample: 5, rollingMonths: 3, hotspotMin: 5, hotspotRatio: 3, acceptWithinWorkdays: 1, satisfactionVariant: 'WEIGHTED', campaignFrom: '2023-09-01', campaignTo: '2023-12-09', active: false,
};

const ScoringSchemeForm = () => (
  <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges defaultValues={SCHEME_DEFAULTS}>
    <Row>
      <TextInput source="name" validate={required()} sx={{ minWidth: 320 }} />
      <BooleanInput source="active" sx={{ alignSelf: 'center' }} />
    </Row>
    <Section title="rexian.section.weights" />
    <Row>
      {KPIS.map((k) => <NumberInput key={k} source={`w${k}`} step={1} validate={[required(), minValue(0)]} />)}
    </Row>
    <Section title="rexian.section.targets" />
    <Row>
      {KPIS.map((k) => <PercentInput key={k} source={`t${k}`} validate={required()} />)}
    </Row>
    <Row>
      <NumberInput source="minSample" step={1} validate={[required(), minValue(0)]} />
      <NumberInput source="rollingMonths" step={1} validate={[required(), minValue(1), maxValue(12)]} />
      <EnumInput source="satisfactionVariant" enumName="satisfactionVariant" validate={required()} />
    </Row>
    <Row>
      <CalendarDateInput source="campaignFrom" validate={required()} />
      <CalendarDateInput source="campaignTo" validate={required()} />
    </Row>
    <Row>
      <NumberInput source="hotspotMin" step={1} validate={[required(), minValue(1), maxValue(1000)]} />
      <NumberInput source="hotspotRatio" step={0.5} validate={[required(), minValue(0.01), maxValue(100)]} />
      <AcceptWithinInput />
    </Row>
  </SimpleForm>
);

const ScoringSchemeShow = () => (
  <ResourceShow>
    <SimpleShowLayout>
      <FieldGrid>
        <Labeled><TextField source="name" /></Labeled>
        <Labeled><YesNoField source="active" highlight /></Labeled>
        <Labeled><NumberField source="minSample" /></Labeled>
        <Labeled><NumberField source="rollingMonths" /></Labeled>
        <Labeled><EnumField source="satisfactionVariant" enumName="satisfactionVariant" /></Labeled>
        <Labeled><DateOnlyField source="campaignFrom" /></Labeled>
        <Labeled><DateOnlyField source="campaignTo" /></Labeled>
        <Labeled><NumberField source="hotspotMin" /></Labeled>
        <Labeled><NumberField source="hotspotRatio" /></Labeled>
        <Labeled><NumberField source="acceptWithinWorkdays" /></Labeled>
      </FieldGrid>
      <Section title="rexian.section.weights" />
      <FieldGrid>
        {KPIS.map((k) => <Labeled key={k}><NumberField source={`w${k}`} /></Labeled>)}
      </FieldGrid>
      <Section title="rexian.section.targets" />
      <FieldGrid>
        {KPIS.map((k) => <Labeled key={k}><PercentField source={`t${k}`} /></Labeled>)}
      </FieldGrid>
    </SimpleShowLayout>
  </ResourceShow>
);

export default {
  list: ScoringSchemeList,
  show: ScoringSchemeShow,
  edit: () => <ResourceEdit><ScoringSchemeForm /></ResourceEdit>,
  create: () => <ResourceCreate><ScoringSchemeForm /></ResourceCreate>,
} satisfies ResourceViews;
