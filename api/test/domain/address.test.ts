// roadOf (domain/address.ts): the road, village or estate an address names, for (topic, road) 苗头 pairs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roadOf } from '../../src/domain/address';

describe('roadOf', () => {
  it.each([
    // …路…号, …路…弄…号 (with 室)
    ['东方路1500弄3号', '东方路'],
    ['浦东南路1088号', '浦东南路'],
    ['蓝村路575弄2号302室', '蓝村路'],
    ['博山东路735弄16号', '博山东路'],
    ['塘桥新路80号', '塘桥新路'],
    // 公路, 大道, 街, 巷
    ['川沙公路1234号', '川沙公路'],
    ['浦东新区川沙新镇沪南公路9号', '沪南公路'],
    ['浦东大道100弄19号104室', '浦东大道'],
    ['世纪大道', '世纪大道'],
    ['香花桥街12号', '香花桥街'],
    ['老街路5号', '老街路'],
    // a road and what stands on it; crossings name the first road
    ['南泉路菜场', '南泉路'],
    ['东方路与浦电路交叉口', '东方路'],
    ['南泉路浦建路路口东北角', '南泉路'],
    // city, district and 街道 prefixes; full-width digits and spaces
    ['上海市浦东新区塘桥街道蓝村路575弄2号302室', '蓝村路'],
    ['浦东新区 塘桥街道 浦建路１２５弄３号', '浦建路'],
    ['镇宁路100号', '镇宁路'],
    // 村 (…村…组), 新村 estates, 小区 names when no road
    ['金桥镇某某村3组', '某某村'],
    ['微山新村12号', '微山新村'],
    ['阳光小区12号楼', '阳光小区'],
    ['阳光小区东方路100号', '东方路'],
    ['锦绣花园3期5号楼', '锦绣花园'],
    // nothing to name
    ['小区路灯不亮', null],
    ['张家宅', null],
    ['', null],
    [null, null],
  ])('%s → %s', (address, road) => expect(roadOf(address)).toBe(road));

  it('never returns a house number: no digit survives', () => {
    const roads = ['东方路', '浦建路', '川沙公路', '浦东大道', '某某村', '阳光小区'];
    fc.assert(
      fc.property(fc.constantFrom(...roads), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 101, max: 2804 }), (road, lane, no, room) => {
        const out = roadOf(`${road}${lane}弄${no}号${room}室`);
        expect(out).toBe(road);
        expect(out).not.toMatch(/\d/);
      }),
    );
  });
});
