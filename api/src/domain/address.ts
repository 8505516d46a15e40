// The road (or village, or estate) an address names, for hotspot warnings by (topic, road) (domain.md §5).
// Pure: the road is where the matter is, not who the citizen is — house numbers never leave this module.

/** Shanghai's 16 districts, stripped when an address starts with one. */
const DISTRICT = /^(?:浦东新区|黄浦区|徐汇区|长宁区|静安区|普陀区|虹口区|杨浦区|闵行区|宝山区|嘉定区|金山区|松江区|青浦区|奉贤区|崇明区)/u;
/** A 街道 or 镇 prefix (塘桥街道, 金桥镇, 川沙新镇) — unless the 镇 is the start of a road name (镇宁路). */
const STREET_PREFIX = /^[\u4e00-\u9fa5]{2,4}?(?:街道|镇)(?!路|公路|大道|大街|街|巷)/u;
/**
 * A road: the shortest run of Chinese characters ending in 公路/大道/大街/路/街/巷. 街 followed by 道, 坊 or 路
 * does not end a road (街道, 街坊, 老街路); the name needs at least one character before its suffix.
 */
const ROAD = /^([\u4e00-\u9fa5]+?(?:公路|大道|大街|路|巷|街(?![道坊路])))/u;
/** A village (…村, …村3组) or a 新村 estate. */
const VILLAGE = /^([\u4e00-\u9fa5]+?村)(?:[0-9０-９一二三四五六七八九十]+组|[0-9０-９]|$|[^\u4e00-\u9fa5])/u;
/** An estate named without a road: XX小区, XX花园, XX家园, XX公寓, XX苑, XX大厦, XX广场. */
const ESTATE = /^([\u4e00-\u9fa5]+?(?:小区|花园|家园|公寓|苑|大厦|广场))/u;

const ESTATE_WORD = /小区|花园|家园|公寓|大厦/u;
const FULL_WIDTH_DIGIT = /[０-９]/gu;

/** 「东方路1500弄3号」→ 东方路, 「金桥镇某某村3组」→ 某某村, 「XX小区12号楼」→ XX小区; null when it names none. */
export function roadOf(address: string | null | undefined): string | null {
  if (address == null) return null;
  let s = address
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/gu, '')
    .replace(/^上海市?/u, '');
  s = s.replace(DISTRICT, '');
  const prefix = STREET_PREFIX.exec(s);
  if (prefix && prefix[0].length < s.length) s = s.slice(prefix[0].length);
  const road = ROAD.exec(s);
  if (road && road[1]!.length >= 2) {
    // 「XX小区东方路100号」: the estate comes first, the road after it.
    const estateEnd = ESTATE_WORD.exec(road[1]!.slice(0, -1));
    if (!estateEnd) return road[1]!;
    const after = roadOf(s.slice(estateEnd.index + estateEnd[0].length));
    if (after) return after;
  }
  const village = VILLAGE.exec(s);
  if (village && village[1]!.length >= 2) return village[1]!;
  const estate = ESTATE.exec(s);
  if (estate && estate[1]!.length >= 3) return estate[1]!;
  return null;
}
