// The org tree (domain.md §1): district → street → unit, with pairing and the leader duty roster.
import { defineResource } from './resource';
import { bool, date, DISTRICT, oneOf, ref, STREET, text, UNIT, USER } from './fields';
import { PeerGroup } from './enums';

defineResource({
  name: 'District',
  table: 'district',
  label: '区',
  fields: [text('code', '区代码', { required: true, search: true, maxLength: 40 }), text('name', '区名称', { required: true, search: true, maxLength: 100 })],
});

defineResource({
  name: 'Street',
  table: 'street',
  label: '街镇',
  fields: [
    text('code', '街镇代码', { required: true, search: true, maxLength: 40 }),
    text('name', '街镇名称', { required: true, search: true, maxLength: 100 }),
    ref('district', '所属区', DISTRICT, { required: true }),
  ],
});

defineResource({
  name: 'Unit',
  table: 'unit',
  label: '处置单位',
  defaultSort: { field: 'code', order: 'asc' },
  fields: [
    text('code', '单位代码', { required: true, search: true, maxLength: 40 }),
    text('name', '单位名称', { required: true, search: true, maxLength: 100 }),
    ref('street', '所属街镇', STREET, { required: true }),
    oneOf(PeerGroup)('peerGroup', '考核分组', { required: true }),
    text('head', '负责人', { search: true, maxLength: 50 }),
    text('deputyLeader', '分管领导', { search: true, maxLength: 50 }),
    bool('active', '启用'),
    text('aliases', '别名', { list: true }),
  ],
  hooks: {
    prepare: ({ values }) => {
      if (values.active === null) values.active = true;
      if (values.aliases === null) values.aliases = [];
    },
  },
});

defineResource({
  name: 'Pairing',
  table: 'pairing',
  label: '专人结对',
  touch: false,
  fields: [
    text('staffName', '城运中心结对人员', { required: true, search: true, maxLength: 50 }),
    ref('staffUser', '结对人员账号', USER),
    ref('unit', '结对单位', UNIT, { required: true }),
    date('since', '结对日期'),
  ],
});

defineResource({
  name: 'DutyRoster',
  table: 'dutyRoster',
  label: '班子成员轮值',
  touch: false,
  defaultSort: { field: 'isoWeek', order: 'desc' },
  fields: [
    ref('street', '街镇', STREET, { required: true }),
    text('isoWeek', '周次 (YYYY-Www)', { required: true, search: true, maxLength: 8 }),
    text('leaderName', '轮值领导', { required: true, search: true, maxLength: 50 }),
    ref('leaderUser', '领导账号', USER),
  ],
  hooks: {
    prepare: ({ values }) => {
      if (values.isoWeek != null && !/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(values.isoWeek)) return { isoWeek: '周次格式应为 2023-W25' };
    },
  },
});
