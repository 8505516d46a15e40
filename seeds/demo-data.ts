// Static material for the demo street (domain.md §9): organisation, places, people and the wording of
// tickets. Everything random is drawn in demo-generate.ts from these lists.

export type Category = 'COMPLAINT' | 'HELP' | 'CONSULT' | 'SUGGESTION' | 'OTHER' | 'PHOTO_REPORT';
export const CATEGORIES: readonly Category[] = ['COMPLAINT', 'HELP', 'CONSULT', 'SUGGESTION', 'OTHER', 'PHOTO_REPORT'];
export type PeerGroup = 'DEPARTMENT' | 'INSTITUTION' | 'RESIDENTIAL';

export const DISTRICT = { code: 'PD', name: '浦东新区' } as const;

/** A unit template: `code` is unique inside its street. */
export interface UnitTemplate {
  code: string;
  name: string;
  peerGroup: PeerGroup;
  aliases: string[];
  /** Posts for the A and B roles. */
  posts: [string, string];
}

/** The "6+2" offices, centres and stationed units of a Shanghai 街道. */
export const DEPARTMENT_TEMPLATES: readonly UnitTemplate[] = [
  { code: 'DZB', name: '党政办公室', peerGroup: 'DEPARTMENT', aliases: ['党政办'], posts: ['综合科员', '办事员'] },
  { code: 'DJB', name: '社区党建办公室', peerGroup: 'DEPARTMENT', aliases: ['党建办', '社区党建办'], posts: ['组织员', '科员'] },
  { code: 'GLB', name: '社区管理办公室', peerGroup: 'DEPARTMENT', aliases: ['管理办', '社区管理办'], posts: ['市政管理科员', '建设管理科员'] },
  { code: 'FWB', name: '社区服务办公室', peerGroup: 'DEPARTMENT', aliases: ['服务办', '社区服务办'], posts: ['民政科员', '社会救助科员'] },
  { code: 'PAB', name: '社区平安办公室', peerGroup: 'DEPARTMENT', aliases: ['平安办', '社区平安办'], posts: ['综治科员', '安全生产科员'] },
  { code: 'ZZB', name: '社区自治办公室', peerGroup: 'DEPARTMENT', aliases: ['自治办', '社区自治办'], posts: ['自治科员', '办事员'] },
  { code: 'CYZX', name: '城市运行管理中心', peerGroup: 'INSTITUTION', aliases: ['城运中心', '城运分中心', '城市运行管理中心（城运分中心）'], posts: ['热线专职', '值班长'] },
  { code: 'SLZX', name: '社区事务受理服务中心', peerGroup: 'INSTITUTION', aliases: ['受理中心', '社区事务受理中心'], posts: ['窗口主管', '综合窗口受理员'] },
  { code: 'DQZX', name: '党群服务中心', peerGroup: 'INSTITUTION', aliases: ['社区党群服务中心'], posts: ['项目主管', '社工'] },
  { code: 'CGZD', name: '城管中队', peerGroup: 'DEPARTMENT', aliases: ['城管执法中队', '综合行政执法队', '城管'], posts: ['执法队员', '中队内勤'] },
  { code: 'FGB', name: '房管办事处', peerGroup: 'DEPARTMENT', aliases: ['房办', '房管办'], posts: ['物业管理员', '房管员'] },
  { code: 'SJS', name: '市场监督管理所', peerGroup: 'DEPARTMENT', aliases: ['市场监管所', '市场所'], posts: ['执法人员', '科员'] },
  { code: 'PCS', name: '派出所', peerGroup: 'DEPARTMENT', aliases: ['公安派出所'], posts: ['社区民警', '内勤民警'] },
  { code: 'LHS', name: '绿化市容所', peerGroup: 'DEPARTMENT', aliases: ['绿化和市容管理所', '绿化市容管理所'], posts: ['市容管理员', '绿化管理员'] },
  { code: 'WYZX', name: '物业管理事务中心', peerGroup: 'INSTITUTION', aliases: ['物业中心', '物业管理中心'], posts: ['物业督导', '维修协调员'] },
];

export interface CommitteeSpec {
  /** Without the 居委 suffix. */
  name: string;
  roads: string[];
  /** Relative number of households. */
  size: number;
  /** Handling quality: > 1 worse than average (draws more late contacts, unresolved and unsatisfied tickets). */
  bad?: number;
}

export interface StreetSpec {
  code: string;
  name: string;
  /** First character used in filing references, e.g. 塘城运备〔2023〕12号. */
  short: string;
  /** Department codes present in the street (a subset of DEPARTMENT_TEMPLATES). */
  departments: string[];
  committees: CommitteeSpec[];
  roads: string[];
  /** Leadership team: [name, title]; the first is the main leader (主要领导), the second the 城运分管领导. */
  leaders: [string, string][];
  /** Which leader (index into leaders) is 分管领导 of each department code. */
  deputyOf: Record<string, number>;
  /** Handling quality per department code (default 1). */
  bad: Record<string, number>;
  /** Yearly ticket totals per category (other streets); Tangqiao's are fixed per half in the generator. */
  yearTotals?: Record<Category, number>;
  /** Monthly street-level indicator targets, Jan..Dec: [firstContact, resolution, actualShare, satisfaction]. */
  monthly: [number, number, number, number][];
  /** City-operations staff who follow units (专人结对). */
  opsStaff: string[];
}

export const TANGQIAO: StreetSpec = {
  code: 'TQ',
  name: '塘桥街道',
  short: '塘',
  departments: DEPARTMENT_TEMPLATES.map((d) => d.code),
  committees: [
    { name: '微山新村', roads: ['微山路', '浦建路'], size: 1.3, bad: 1.6 },
    { name: '微南', roads: ['微山路', '南泉路'], size: 0.9 },
    { name: '宁阳路', roads: ['宁阳路', '福山路'], size: 0.8 },
    { name: '茂兴路', roads: ['茂兴路', '东方路'], size: 0.9 },
    { name: '香花桥街', roads: ['塘桥路', '浦建路'], size: 0.8 },
    { name: '浦建路', roads: ['浦建路'], size: 1.1 },
    { name: '塘桥', roads: ['塘桥新路', '塘桥路'], size: 1.2, bad: 1.5 },
    { name: '文兰', roads: ['蓝村路', '峨山路'], size: 0.9, bad: 0.5 },
    { name: '胡家木桥', roads: ['浦电路', '东方路'], size: 0.8 },
    { name: '南泉路', roads: ['南泉路', '塘桥新路'], size: 1.2, bad: 2.2 },
    { name: '蓝村', roads: ['蓝村路'], size: 1.0, bad: 0.45 },
    { name: '兰高', roads: ['峨山路', '蓝村路'], size: 0.9 },
    { name: '塘东', roads: ['东方路', '张杨路'], size: 1.0 },
    { name: '南浦', roads: ['浦建路', '南泉路'], size: 0.9 },
    { name: '兰东', roads: ['蓝村路', '龙阳路'], size: 0.8 },
    { name: '金浦', roads: ['浦建路', '浦电路'], size: 0.9 },
    { name: '龙阳路', roads: ['龙阳路'], size: 1.0 },
    { name: '南城', roads: ['南泉路', '浦电路'], size: 0.8 },
    { name: '东方', roads: ['东方路', '福山路'], size: 1.1 },
    { name: '怡东', roads: ['东方路', '峨山路'], size: 0.9 },
    { name: '贵龙居', roads: ['龙阳路', '峨山路'], size: 0.7 },
    { name: '龙园', roads: ['龙阳路', '蓝村路'], size: 0.8 },
    { name: '富都', roads: ['张杨路', '福山路'], size: 0.9, bad: 0.5 },
  ],
  roads: ['浦建路', '南泉路', '塘桥新路', '东方路', '峨山路', '蓝村路', '龙阳路', '张杨路', '福山路', '塘桥路', '浦电路', '微山路', '宁阳路', '茂兴路'],
  leaders: [
    ['陆振华', '办事处主任'],
    ['周立新', '办事处副主任（城运分管）'],
    ['沈国华', '党工委书记'],
    ['朱丽萍', '党工委副书记'],
    ['钱晓燕', '办事处副主任'],
    ['姚志强', '党工委委员、办事处副主任'],
  ],
  deputyOf: {
    DZB: 3, DJB: 3, GLB: 1, FWB: 4, PAB: 5, ZZB: 3, CYZX: 1, SLZX: 4, DQZX: 3,
    CGZD: 1, FGB: 5, SJS: 4, PCS: 5, LHS: 1, WYZX: 5,
  },
  bad: {
    DZB: 0.6, DJB: 0.5, GLB: 2.2, FWB: 0.8, PAB: 1.0, ZZB: 0.7, CYZX: 1.0, SLZX: 0.4, DQZX: 0.5,
    CGZD: 1.8, FGB: 1.7, SJS: 2.0, PCS: 1.1, LHS: 0.9, WYZX: 1.5,
  },
  // Plan 四(一): first contact 95–99 %, resolution 90–92 %, satisfaction 75–90 % in H1, worst in May/June;
  // the 百日攻坚 campaign (from September) reaches the targets by November/December.
  monthly: [
    [0.978, 0.915, 0.76, 0.865],
    [0.975, 0.913, 0.75, 0.845],
    [0.970, 0.911, 0.75, 0.825],
    [0.966, 0.909, 0.74, 0.80],
    [0.958, 0.906, 0.72, 0.772],
    [0.956, 0.905, 0.72, 0.765],
    [0.965, 0.915, 0.74, 0.805],
    [0.970, 0.925, 0.76, 0.84],
    [0.986, 0.950, 0.80, 0.895],
    [0.993, 0.965, 0.82, 0.92],
    [0.998, 0.975, 0.84, 0.942],
    [1.000, 0.982, 0.85, 0.955],
  ],
  opsStaff: ['张敏', '李晓东', '王佳怡', '陈思远', '徐婷婷'],
};

export const PEER_DEPARTMENTS = ['CYZX', 'CGZD', 'FGB', 'SJS', 'GLB', 'FWB', 'PAB', 'LHS', 'WYZX', 'PCS'];

export const PEER_STREETS: StreetSpec[] = [
  {
    code: 'HM',
    name: '花木街道',
    short: '花',
    departments: PEER_DEPARTMENTS,
    committees: [
      { name: '牡丹第一', roads: ['牡丹路', '花木路'], size: 1 },
      { name: '钦洋', roads: ['钦洋路', '东绣路'], size: 1 },
      { name: '联洋', roads: ['芳甸路', '长柳路'], size: 1.2 },
      { name: '由由', roads: ['梅花路', '花木路'], size: 0.9 },
      { name: '培花', roads: ['东绣路', '锦绣路'], size: 0.8 },
      { name: '东城', roads: ['锦绣路', '梅花路'], size: 1 },
    ],
    roads: ['花木路', '东绣路', '芳甸路', '锦绣路', '梅花路', '牡丹路', '长柳路', '钦洋路'],
    leaders: [['顾建平', '办事处主任'], ['韩立新', '办事处副主任（城运分管）'], ['蒋美玲', '办事处副主任']],
    deputyOf: { CYZX: 1, CGZD: 1, FGB: 2, SJS: 2, GLB: 1, FWB: 2, PAB: 2, LHS: 1, WYZX: 2, PCS: 2 },
    bad: { CGZD: 1.3, FGB: 1.2 },
    yearTotals: { COMPLAINT: 960, HELP: 420, CONSULT: 50, SUGGESTION: 22, OTHER: 2, PHOTO_REPORT: 46 },
    monthly: [
      [0.988, 0.945, 0.79, 0.885], [0.987, 0.944, 0.79, 0.88], [0.988, 0.946, 0.80, 0.885], [0.987, 0.945, 0.79, 0.88],
      [0.986, 0.944, 0.79, 0.875], [0.985, 0.943, 0.78, 0.872], [0.984, 0.944, 0.78, 0.87], [0.986, 0.946, 0.79, 0.88],
      [0.989, 0.952, 0.80, 0.895], [0.991, 0.957, 0.81, 0.905], [0.992, 0.960, 0.81, 0.91], [0.993, 0.962, 0.82, 0.915],
    ],
    opsStaff: ['邵敏', '汤海燕'],
  },
  {
    code: 'YJ',
    name: '洋泾街道',
    short: '洋',
    departments: PEER_DEPARTMENTS,
    committees: [
      { name: '泾东', roads: ['泾东路', '博山东路'], size: 1 },
      { name: '巨野', roads: ['巨野路', '羽山路'], size: 1 },
      { name: '羽山', roads: ['羽山路', '崮山路'], size: 0.9 },
      { name: '西镇', roads: ['洋泾路', '崮山路'], size: 0.8 },
      { name: '崮山', roads: ['崮山路'], size: 0.8 },
      { name: '阳光', roads: ['博山东路', '巨野路'], size: 1.1 },
    ],
    roads: ['巨野路', '羽山路', '博山东路', '崮山路', '泾东路', '洋泾路', '歇浦路'],
    leaders: [['孔德明', '办事处主任'], ['范振宇', '办事处副主任（城运分管）'], ['邹红梅', '办事处副主任']],
    deputyOf: { CYZX: 1, CGZD: 1, FGB: 2, SJS: 2, GLB: 1, FWB: 2, PAB: 2, LHS: 1, WYZX: 2, PCS: 2 },
    bad: { SJS: 1.4, GLB: 1.3 },
    yearTotals: { COMPLAINT: 770, HELP: 335, CONSULT: 40, SUGGESTION: 18, OTHER: 1, PHOTO_REPORT: 36 },
    monthly: [
      [0.980, 0.932, 0.77, 0.86], [0.979, 0.930, 0.77, 0.855], [0.978, 0.928, 0.76, 0.85], [0.977, 0.927, 0.76, 0.845],
      [0.976, 0.925, 0.76, 0.835], [0.975, 0.924, 0.75, 0.83], [0.976, 0.926, 0.76, 0.835], [0.978, 0.930, 0.77, 0.845],
      [0.982, 0.938, 0.78, 0.865], [0.984, 0.944, 0.79, 0.88], [0.986, 0.948, 0.80, 0.89], [0.987, 0.950, 0.80, 0.895],
    ],
    opsStaff: ['虞文杰', '施佳怡'],
  },
  {
    code: 'LJZ',
    name: '陆家嘴街道',
    short: '陆',
    departments: PEER_DEPARTMENTS,
    committees: [
      { name: '东园一村', roads: ['东园路', '崂山路'], size: 1 },
      { name: '崂山', roads: ['崂山路', '浦东南路'], size: 1 },
      { name: '福山', roads: ['福山路', '东昌路'], size: 0.9 },
      { name: '梅园', roads: ['浦东南路', '东园路'], size: 1 },
      { name: '爱建', roads: ['东昌路', '浦东大道'], size: 0.8 },
      { name: '市新', roads: ['崂山路', '东昌路'], size: 0.9 },
    ],
    roads: ['崂山路', '浦东南路', '东园路', '东昌路', '浦东大道', '福山路', '商城路'],
    leaders: [['杭卫国', '办事处主任'], ['庄晓东', '办事处副主任（城运分管）'], ['俞佩华', '办事处副主任']],
    deputyOf: { CYZX: 1, CGZD: 1, FGB: 2, SJS: 2, GLB: 1, FWB: 2, PAB: 2, LHS: 1, WYZX: 2, PCS: 2 },
    bad: { FGB: 1.4, WYZX: 1.3 },
    yearTotals: { COMPLAINT: 640, HELP: 280, CONSULT: 34, SUGGESTION: 15, OTHER: 1, PHOTO_REPORT: 30 },
    monthly: [
      [0.985, 0.940, 0.78, 0.875], [0.984, 0.939, 0.78, 0.87], [0.984, 0.938, 0.78, 0.868], [0.983, 0.937, 0.77, 0.865],
      [0.983, 0.936, 0.77, 0.86], [0.982, 0.935, 0.77, 0.855], [0.982, 0.936, 0.77, 0.857], [0.983, 0.938, 0.78, 0.862],
      [0.986, 0.944, 0.79, 0.88], [0.988, 0.950, 0.80, 0.895], [0.989, 0.953, 0.80, 0.90], [0.990, 0.955, 0.81, 0.905],
    ],
    opsStaff: ['傅俊', '龚雪梅'],
  },
];

/** Tangqiao's 2023 first half (plan 四(一)): the exact category totals. */
export const TANGQIAO_H1_TOTALS: Record<Category, number> = {
  COMPLAINT: 1808, HELP: 758, CONSULT: 77, SUGGESTION: 37, OTHER: 1, PHOTO_REPORT: 38,
};
/** Tangqiao's second half: busier (夏令热线). */
export const TANGQIAO_H2_TOTALS: Record<Category, number> = {
  COMPLAINT: 2010, HELP: 905, CONSULT: 96, SUGGESTION: 44, OTHER: 2, PHOTO_REPORT: 71,
};

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林',
  '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '沈', '陆', '顾', '钱', '金', '姚',
  '蒋', '俞', '潘', '庄', '施', '汤', '范', '邵', '叶', '程', '袁', '戴', '倪', '龚', '瞿', '奚', '费', '卫',
];
export const GIVEN_NAMES = [
  '建华', '丽萍', '伟', '敏', '静', '磊', '洁', '晓燕', '志强', '海燕', '国庆', '红梅', '佳怡', '思远', '文杰', '雪梅',
  '俊', '颖', '卫东', '秀英', '立新', '建平', '美玲', '晨', '怡', '浩', '婷婷', '振华', '玉兰', '春燕', '宏', '慧',
  '亚平', '佩华', '琳', '斌', '勇', '军', '凤英', '瑾', '一鸣', '嘉怡', '欣然', '子涵', '明辉', '志刚', '海峰', '晓峰',
];

export type Hard = number;

/** Topics: wording, who handles them, how hard they are. `JW` means the committee of the address. */
export interface TopicSpec {
  units: [string, number][];
  hard: Hard;
  /** Shop or street addresses (路+号) instead of residential ones (路+弄+号). */
  street?: boolean;
  complaint: string[];
  help?: string[];
  consult?: string[];
  suggestion?: string[];
  photo?: string[];
  action: string;
  explain: string;
  unresolved: string;
}

export const TOPICS: Record<string, TopicSpec> = {
  噪声: {
    units: [['CGZD', 35], ['PAB', 10], ['PCS', 10], ['SJS', 5], ['JW', 25], ['GLB', 5], ['WYZX', 10]],
    hard: 1.2,
    complaint: [
      '{addr}附近工地夜间施工，22点后仍有机械作业声，严重影响休息，要求停止夜间施工。',
      '{addr}楼上住户装修，周末早上7点就开始电钻施工，希望规范装修时间。',
      '{road}沿街商铺门口音响声音过大，影响周边居民休息。',
      '{addr}小区内广场舞音量过大，晚上九点后仍未结束。',
      '{addr}楼下空调外机噪声大，夜间持续轰鸣，希望协调处理。',
      '{road}夜间有改装车辆轰油门、鸣笛，噪声扰民。',
    ],
    help: ['{addr}楼上住户深夜拖拽家具，多次沟通无果，请求协调。'],
    action: '责令相关方停止噪声扰民行为并落实降噪措施',
    explain: '该施工属市政保障工程，已取得夜间施工许可，已要求施工单位合理安排工序、减少高噪声作业',
    unresolved: '噪声源为流动车辆，难以固定取证',
  },
  物业维修: {
    units: [['FGB', 35], ['WYZX', 35], ['JW', 25], ['GLB', 5]],
    hard: 1.1,
    complaint: [
      '{addr}楼道灯损坏多日，物业未及时维修，老人上下楼不便。',
      '{addr}顶楼屋面漏水，雨天室内渗水，要求物业尽快维修。',
      '{addr}小区电梯经常故障停运，物业维修不及时。',
      '{addr}小区单元门禁损坏，外来人员随意进出，存在安全隐患。',
    ],
    help: [
      '{addr}楼道内水管漏水，地面积水，请求维修。',
      '{addr}小区下水道堵塞，污水外溢，请求疏通。',
      '{addr}家中外墙渗水，请求协调物业维修基金使用。',
      '{addr}楼道窗户玻璃破损，请求更换。',
    ],
    action: '督促物业公司完成维修',
    explain: '该维修需启用专项维修资金，已指导业委会按程序申请，并告知预计维修时间',
    unresolved: '维修资金业主表决未通过，暂无法实施维修',
  },
  街面秩序: {
    units: [['CGZD', 60], ['CYZX', 15], ['JW', 15], ['LHS', 10]],
    hard: 1,
    street: true,
    complaint: [
      '{road}路口有流动摊贩占道经营，影响行人通行。',
      '{road}沿街商铺跨门经营，货物堆放在人行道上。',
      '{road}地铁站出口处有无证摊点，早晚高峰影响通行。',
      '{road}夜间有烧烤摊占道经营，油烟和垃圾影响环境。',
    ],
    photo: ['{road}人行道被商铺占用堆物，拍照上报。', '{road}流动摊贩占道经营，拍照上报。'],
    action: '依法取缔占道经营并加强巡查',
    explain: '已对占道经营行为进行劝离，并纳入日常巡查重点点位',
    unresolved: '摊贩流动性强，执法人员离开后反复出现',
  },
  垃圾清运: {
    units: [['LHS', 60], ['JW', 25], ['GLB', 15]],
    hard: 0.8,
    complaint: [
      '{addr}小区垃圾箱房垃圾满溢，未及时清运，气味难闻。',
      '{addr}楼下建筑垃圾堆放多日无人清运。',
      '{addr}小区大件垃圾堆放点长期未清理。',
    ],
    help: ['{addr}家中有大件家具需要清运，请求帮助联系清运。', '{road}沿街垃圾桶破损，垃圾散落路面，请求处理。'],
    consult: ['咨询大件垃圾预约清运方式及收费标准。', '咨询垃圾分类投放时间及湿垃圾投放点位置。'],
    photo: ['{road}路边垃圾堆放未清运，拍照上报。'],
    action: '安排清运车辆完成清运并加强日常保洁',
    explain: '装修垃圾需由产生者预约清运，已告知预约方式',
    unresolved: '垃圾为外来人员偷倒，暂未查明责任人',
  },
  道路积水: {
    units: [['CYZX', 40], ['GLB', 30], ['LHS', 15], ['JW', 15]],
    hard: 0.9,
    help: [
      '{road}与{road2}路口暴雨后严重积水，车辆行人无法通行，请求排水。',
      '{addr}小区内道路积水倒灌，地下车库有进水风险，请求排水。',
      '{road}人行道积水较深，雨停后仍未排出。',
      '{addr}楼道口积水，老人出行困难，请求帮助排水。',
    ],
    complaint: ['{road}每逢下雨必积水，多次反映未解决。', '{road}雨水口被垃圾堵塞，造成路面积水。'],
    action: '协调排水部门开泵排水并清掏雨水口',
    explain: '积水系短时强降雨超过排水能力所致，雨停后已排除，已纳入易积水点改造计划',
    unresolved: '该点位排水管网标准偏低，需待管网改造后根本解决',
  },
  雨污水工程: {
    units: [['GLB', 70], ['CYZX', 25], ['JW', 5]],
    hard: 2,
    street: true,
    complaint: [
      '{road}雨污水管道改造工程夜间施工噪声大，影响休息。',
      '{road}道路开挖后围挡占用人行道，居民出行不便。',
      '{road}雨污水工程施工扬尘大，未采取降尘措施。',
      '{addr}门口因管道施工被挖断，小区车辆无法进出。',
    ],
    help: ['{road}管道施工后路面坑洼，老人行走困难，请求尽快修复。'],
    consult: ['咨询{road}雨污水工程何时完工、道路何时恢复。'],
    action: '协调建设单位调整作业时间、修复路面并落实降尘措施',
    explain: '该工程为区重点雨污水改造工程，已要求施工单位合理安排工序、设置临时通道并做好解释公示',
    unresolved: '工程总体工期未到，影响在工期内暂无法消除',
  },
  餐饮油烟: {
    units: [['SJS', 45], ['CGZD', 40], ['JW', 5], ['LHS', 10]],
    hard: 1.6,
    street: true,
    complaint: [
      '{road}烧烤店油烟直排，傍晚起烟雾弥漫，居民无法开窗。',
      '{addr}底商餐饮店油烟净化设施未开启，油烟扰民。',
      '{road}饭店后厨排风机噪声和油烟影响楼上住户。',
    ],
    photo: ['{road}餐饮店门口占道烧烤，拍照上报。'],
    action: '督促店家清洗并规范使用油烟净化设施，经复查已达标',
    explain: '经检测该店油烟排放达标，已要求店家加高排烟管道、错峰经营',
    unresolved: '店家整改不到位，已立案调查，处理需要一定周期',
  },
  违法搭建: {
    units: [['CGZD', 45], ['FGB', 20], ['JW', 25], ['PAB', 10]],
    hard: 1.8,
    complaint: [
      '{addr}一楼住户在绿地上违法搭建阳光房。',
      '{addr}顶楼住户违法加盖房屋，存在安全隐患。',
      '{addr}疑似群租，一套房内住了十余人，进出人员复杂。',
      '{addr}住户私自拆改承重墙。',
    ],
    action: '责令当事人限期自行拆除，已拆除到位',
    explain: '该搭建为历史遗留问题，已纳入违法建筑分类处置计划',
    unresolved: '当事人拒不配合，已进入行政处罚程序，尚未执行完毕',
  },
  菜场: {
    units: [['SJS', 55], ['FWB', 25], ['GLB', 20]],
    hard: 2,
    street: true,
    complaint: [
      '{road}临时菜场摊位占道，早市时段交通拥堵。',
      '菜场改造施工噪声大，早上六点就开始作业。',
      '{road}菜场周边卫生差，垃圾未及时清理。',
      '菜场关闭改造期间买菜不便，附近没有替代菜场。',
    ],
    help: ['南泉路菜场关闭改造期间，周边居民买菜不便，希望设置临时售卖点。'],
    consult: ['咨询菜场改造何时完工、何时重新开业。'],
    suggestion: ['建议菜场改造期间开通社区团购或流动售菜车。'],
    action: '协调设置临时售卖点并加强周边秩序管理',
    explain: '菜场改造为标准化菜场提升工程，已公示工期并设置临时售卖点，做好解释',
    unresolved: '临时售卖点选址受场地限制，暂无法满足就近需求',
  },
  绿化: {
    units: [['LHS', 75], ['JW', 15], ['WYZX', 10]],
    hard: 0.9,
    complaint: ['{addr}小区绿地被居民私自种菜，要求恢复绿化。', '{road}绿化带杂草丛生，蚊虫多。'],
    help: ['{addr}小区树木过高遮挡阳光，请求修剪。', '{road}行道树枝条倒伏，影响行人通行，请求处理。'],
    suggestion: ['建议{addr}小区增加绿化养护频次。', '建议{road}补种行道树。'],
    photo: ['{road}行道树树枝折断悬挂，拍照上报。'],
    action: '完成树木修剪和绿地整治',
    explain: '该树木修剪需办理审批手续，已告知办理流程和预计时间',
    unresolved: '涉及高压线附近树木，需电力部门配合，暂未完成',
  },
  停车: {
    units: [['GLB', 25], ['PCS', 30], ['JW', 30], ['ZZB', 15]],
    hard: 1.4,
    complaint: [
      '{addr}小区内车辆乱停放，堵塞消防通道。',
      '{road}非机动车乱停放占用盲道。',
      '{road}路边僵尸车长期停放无人处理。',
    ],
    help: ['{addr}小区停车位紧张，希望增设停车位或错峰停车。'],
    consult: ['咨询{addr}小区停车收费标准。'],
    suggestion: ['建议在{road}增设非机动车停放点。', '建议周边单位开放错峰共享停车。'],
    photo: ['{road}机动车违停占用人行道，拍照上报。'],
    action: '清理违停车辆并加强巡查',
    explain: '小区停车资源有限，已推动错峰停车项目，告知市民相关安排',
    unresolved: '停车位供需矛盾突出，短期内无法增设车位',
  },
  市容环境: {
    units: [['LHS', 50], ['CGZD', 30], ['JW', 20]],
    hard: 0.9,
    street: true,
    complaint: ['{road}沿街店招破损，存在坠落风险。', '{road}人行道上有乱张贴小广告。', '{addr}楼道内堆物严重，存在消防隐患。'],
    suggestion: ['建议加强{road}沿街市容整治。'],
    photo: ['{road}墙面乱涂写，拍照上报。', '{road}店招破损，拍照上报。'],
    action: '清除小广告并督促整改店招',
    explain: '已纳入市容专项整治计划',
    unresolved: '当事人不配合整改，已移交执法',
  },
  道路设施: {
    units: [['CYZX', 40], ['GLB', 40], ['LHS', 20]],
    hard: 1,
    street: true,
    complaint: ['{road}人行道地砖破损松动，行人容易绊倒。', '{road}路灯不亮，夜间行走不安全。'],
    help: ['{road}窨井盖缺失，存在安全隐患，请求处理。', '{road}交通信号灯故障，请求维修。'],
    suggestion: ['建议在{road}路口增设人行横道信号灯。', '建议{road}沿线增设休息座椅。'],
    photo: ['{road}窨井盖破损，拍照上报。', '{road}人行道护栏损坏，拍照上报。'],
    action: '协调养护单位完成修复',
    explain: '该设施属区管道路，已转告养护单位排期维修',
    unresolved: '涉及产权单位不明，正在协调确认',
  },
  加装电梯: {
    units: [['ZZB', 30], ['FGB', 40], ['JW', 30]],
    hard: 1.5,
    complaint: ['{addr}加装电梯施工影响一楼住户采光，要求协调。', '{addr}加装电梯后工地未清理。'],
    help: ['{addr}加装电梯意见征询进展缓慢，请求协调。'],
    consult: ['咨询{addr}加装电梯办理流程和补贴政策。'],
    suggestion: ['建议简化老旧小区加装电梯审批流程。'],
    action: '组织居民协商并督促施工单位整改',
    explain: '加装电梯需本幢业主充分协商一致，已告知政策和流程',
    unresolved: '业主意见分歧较大，协商未达成一致',
  },
  政策咨询: {
    units: [['SLZX', 60], ['FWB', 25], ['DQZX', 10], ['DZB', 5]],
    hard: 0.3,
    consult: [
      '咨询居住证办理所需材料和办理地点。',
      '咨询高龄老人津贴申领条件。',
      '咨询医保卡、社保卡办理流程。',
      '咨询残疾人证办理手续。',
      '咨询新生儿落户办理流程。',
      '咨询长护险申请流程。',
      '咨询老年综合津贴发放时间。',
    ],
    complaint: ['社区事务受理中心窗口排队时间过长，工作人员态度不好。'],
    action: '详细解答政策并告知办理流程',
    explain: '已电话告知相关政策和办理材料',
    unresolved: '市民诉求不符合政策规定，无法办理',
  },
  社区服务: {
    units: [['FWB', 40], ['DQZX', 25], ['SLZX', 20], ['JW', 15]],
    hard: 0.5,
    help: [
      '家中独居老人需要助餐服务，请求帮助登记社区长者食堂。',
      '家中老人行动不便，需要上门助浴服务。',
      '家中老人失能，请求帮助申请长护险评估。',
    ],
    complaint: ['社区长者食堂饭菜质量下降，价格上涨。'],
    consult: ['咨询社区长者食堂用餐登记方式。', '咨询社区老年大学报名时间。'],
    suggestion: ['建议社区增加老年人智能手机使用培训。', '希望社区延长老年活动室开放时间。'],
    action: '上门走访并落实相关服务',
    explain: '已告知服务项目和申请方式',
    unresolved: '服务资源暂时不足，已列入排队',
  },
  宠物管理: {
    units: [['PCS', 40], ['JW', 50], ['LHS', 10]],
    hard: 1,
    complaint: ['{addr}小区有人遛狗不牵绳，吓到小孩。', '{addr}邻居家犬只夜间吠叫不止。'],
    help: ['{addr}楼下流浪猫聚集，夜间叫声扰民，请求处理。'],
    action: '上门宣传文明养犬规定并督促整改',
    explain: '已对养犬人进行教育，并加强小区巡查',
    unresolved: '养犬人拒不配合，取证困难',
  },
  邻里纠纷: {
    units: [['JW', 60], ['PAB', 25], ['ZZB', 15]],
    hard: 1.3,
    help: [
      '{addr}楼上住户漏水至楼下，协商未果，请求调解。',
      '{addr}邻居在楼道堆放杂物，多次沟通无果，请求协调。',
      '{addr}邻居空调冷凝水滴落至本户窗台，请求协调。',
    ],
    complaint: ['{addr}邻居长期在公共区域晾晒衣物，影响通行。'],
    action: '组织双方调解并达成一致',
    explain: '属民事纠纷，已组织调解并告知可通过司法途径解决',
    unresolved: '双方分歧较大，调解未成功',
  },
  治安秩序: {
    units: [['PCS', 60], ['PAB', 30], ['JW', 10]],
    hard: 1.1,
    complaint: ['{road}夜间有人聚集喧哗饮酒。', '{addr}小区多次发生电瓶车被盗。'],
    help: ['{addr}楼道内有陌生人长期逗留，请求处理。'],
    action: '加强巡逻并落实防范措施',
    explain: '已增加该区域巡逻频次，并提醒居民做好防范',
    unresolved: '案件正在侦办中',
  },
  消防安全: {
    units: [['PAB', 55], ['PCS', 15], ['JW', 20], ['WYZX', 10]],
    hard: 1,
    complaint: ['{addr}楼道内有人为电瓶车飞线充电，存在火灾隐患。', '{addr}小区消防通道被占用。'],
    help: ['{addr}楼道内消防栓无水，灭火器过期，请求处理。'],
    action: '督促整改消除隐患',
    explain: '已开展消防安全宣传并纳入巡查',
    unresolved: '当事人反复违规，已移交消防部门',
  },
  共享单车: {
    units: [['CYZX', 30], ['GLB', 40], ['LHS', 30]],
    hard: 0.7,
    street: true,
    complaint: ['{road}地铁站口共享单车堆积，占用人行道。', '{addr}小区门口共享单车乱停放。'],
    photo: ['{road}共享单车堆积，拍照上报。'],
    action: '通知运营企业完成清运调度',
    explain: '已通知运营企业加强调度',
    unresolved: '早晚高峰潮汐停放，难以根治',
  },
  其他: {
    units: [['DZB', 30], ['CYZX', 40], ['DJB', 10], ['JW', 20]],
    hard: 0.8,
    complaint: ['反映{road}公交站候车亭破损。', '反映热线工单回复内容与实际情况不符。'],
    help: ['{addr}家中老人走失，请求社区协助寻找。'],
    consult: ['咨询街道办事处对外办公时间。'],
    suggestion: ['建议加强社区公告栏信息更新。'],
    action: '协调相关部门处理',
    explain: '已向市民做好解释',
    unresolved: '不属街道职权范围，已告知相关渠道',
  },
};

/** Base topic weights per category. */
export const CATEGORY_TOPICS: Record<Category, [string, number][]> = {
  COMPLAINT: [
    ['噪声', 18], ['餐饮油烟', 7], ['街面秩序', 10], ['违法搭建', 6], ['物业维修', 11], ['垃圾清运', 6], ['停车', 7],
    ['雨污水工程', 2], ['菜场', 1], ['绿化', 4], ['市容环境', 5], ['道路设施', 4], ['宠物管理', 2], ['邻里纠纷', 2],
    ['治安秩序', 2], ['消防安全', 3], ['共享单车', 2], ['加装电梯', 1.5], ['道路积水', 1.5], ['政策咨询', 0.5],
    ['社区服务', 0.5], ['其他', 2],
  ],
  HELP: [
    ['物业维修', 30], ['道路积水', 5], ['垃圾清运', 8], ['绿化', 8], ['道路设施', 8], ['社区服务', 10], ['加装电梯', 4],
    ['停车', 4], ['宠物管理', 3], ['邻里纠纷', 6], ['消防安全', 3], ['治安秩序', 2], ['噪声', 2], ['雨污水工程', 1],
    ['其他', 3],
  ],
  CONSULT: [['政策咨询', 50], ['社区服务', 20], ['加装电梯', 8], ['垃圾清运', 7], ['停车', 5], ['雨污水工程', 1], ['菜场', 1], ['其他', 6]],
  SUGGESTION: [['停车', 15], ['绿化', 15], ['道路设施', 15], ['社区服务', 15], ['市容环境', 10], ['加装电梯', 10], ['菜场', 2], ['其他', 10]],
  OTHER: [['其他', 1]],
  PHOTO_REPORT: [['街面秩序', 30], ['市容环境', 20], ['道路设施', 15], ['共享单车', 15], ['绿化', 10], ['停车', 10], ['垃圾清运', 5], ['餐饮油烟', 3]],
};

/** Storm days of 2023 in the demo (梅雨 and typhoon fringes): 道路积水 multiplies. */
export const STORM_DAYS = ['2023-06-19', '2023-06-30', '2023-07-28', '2023-08-25', '2023-09-14'];

export const CALLERS = ['市热线回访', '城运中心回访'];

export const RETURN_REASONS = [
  '该诉求涉及小区内部管理，属物业及居委职责，非本单位职能范围，申请退单。',
  '诉求地址不在本单位管辖范围，申请退回重新派单。',
  '该问题属区级职能部门职责，本单位无执法权，申请退单。',
  '市民反映的工地属市政工程，由区建设管理部门负责，申请退单。',
  '该诉求涉及民事纠纷，建议由居委调解，申请改派。',
];

export const AUDIT_CHECKS = [
  '先行联系情况描述填写正确',
  '事实认定合理，依据充足',
  '诉求认定说明完整',
  '现场查看真实，填写正确',
  '处理结果与其他选项不矛盾',
  '市民满意度填写标准',
  '回复内容全面反映办理情况',
  '答复要求规范，符合办理要求',
];

export const AUDIT_FAIL_NOTES = [
  '先行联系时间与通话记录不符',
  '事实认定依据不足，未附现场照片',
  '诉求认定说明不完整，遗漏市民第二项诉求',
  '现场查看记录缺少时间和地点',
  '办结结果选择“实际解决”，但回复内容为“待协调”',
  '满意度填写不规范',
  '回复内容过于简单，未说明具体处置措施',
  '答复未按“属实—措施—结果”格式填写',
];

export const INTERVIEW_REASONS = ['长期绩效不理想', '不作为慢作为', '回复简单敷衍', '多次随意退单', '帮扶无起色', '提升无效果'] as const;
