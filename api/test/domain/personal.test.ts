// maskFreeText (domain.md §8): phone numbers and house numbers in free text, masked like citizenPhone and address.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskAddress, maskFreeText, restoreMaskedText, searchMayRevealPersonalData } from '../../src/domain/personal';

const ADDRESS = '浦建路100弄5号';

describe('maskFreeText', () => {
  it.each([
    ['浦建路100弄5号302室楼上装修噪声，联系电话13812345678', '浦建路***楼上装修噪声，联系电话138****5678'],
    ['来电人称其住东方路12号楼3单元，手机138-1234-5678，座机021-58881234', '来电人称其住东方路***，手机138****5678，座机021****1234'],
    ['已电话联系市民（+86 13912345678），答复已清运', '已电话联系市民（139****5678），答复已清运'],
    ['塘桥新路50号烧烤店油烟直排', '塘桥新路***烧烤店油烟直排'],
    ['南泉路菜场2号门旁积水', '南泉路菜场2号门旁积水'],
    ['5月3号起地铁6号线站口施工，拨打12345热线', '5月3号起地铁6号线站口施工，拨打12345热线'],
    ['两室一厅的房子漏水，楼号是七号楼', '两室一厅的房子漏水，楼号是***'],
    ['302室楼上漏水，家中电话58881234', '***楼上漏水，家中电话588****1234'],
    ['与工单2306210001重复，于2023年6月21日处理', '与工单2306210001重复，于2023年6月21日处理'],
    ['', ''],
  ])('%s → %s', (text, masked) => expect(maskFreeText(text)).toBe(masked));

  it('masks the ticket’s own house number and its parts wherever they appear', () => {
    const text = '市民反映100弄内5号门口垃圾堆放，与浦建路100弄5号相邻';
    const masked = maskFreeText(text, { address: ADDRESS })!;
    expect(masked).toBe('市民反映***内***门口垃圾堆放，与浦建路***相邻');
    // Without the address a lone 5号 could be a date or a gate: only the lane is a house number on its own.
    expect(maskFreeText(text)).toBe('市民反映***内5号门口垃圾堆放，与浦建路***相邻');
  });

  it('leaves no digit of the house number or of the phone in a realistic sentence', () => {
    const masked = maskFreeText('浦建路100弄5号302室楼上装修噪声，联系电话13812345678', { address: ADDRESS })!;
    for (const leaked of ['100', '302', '5号', '1234567', '13812345678']) expect(masked).not.toContain(leaked);
  });

  it('keeps the road, like the address field', () => {
    const address = '浦建路100弄5号';
    expect(maskFreeText(`地址：${address}`)).toBe(`地址：${maskAddress(address)}`);
  });

  it('never leaves a mobile number or a lane-and-house number, whatever surrounds them', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    fc.assert(
      fc.property(fc.string(), fc.array(digit, { minLength: 9, maxLength: 9 }), fc.integer({ min: 3, max: 9 }), fc.nat(999), fc.nat(99), fc.string(), (pre, rest, second, lane, house, post) => {
        const phone = `1${second}${rest.join('')}`;
        const text = `${pre}路${lane + 1}弄${house + 1}号，电话${phone}。${post}`;
        const masked = maskFreeText(text)!;
        return !masked.includes(phone) && !masked.includes(`${lane + 1}弄${house + 1}号`);
      }),
      { seed: 4242 },
    );
  });

  it('leaves a text without digits or Chinese numerals as it is, whatever the record\'s address', () => {
    const plain = fc.constantFrom(...'核实诉求属实已处理完毕并答复市民路弄号室栋幢楼单元座，。（）+- 浦建东方塘桥居委小区'.split(''));
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 40 }).map((c) => c.join('')), fc.constantFrom(ADDRESS, '东方路十二号楼', '南泉路', null), (text, address) =>
        maskFreeText(text, { address }) === text,
      ),
      { seed: 4243 },
    );
    // One numeral is enough to look: 十二号楼 is a house number (the address's own, and a building's).
    expect(maskFreeText('住东方路十二号楼', { address: '东方路十二号楼' })).toBe('住东方路***');
  });
});

describe('restoreMaskedText', () => {
  const stored = '浦建路100弄5号302室楼上噪声，联系电话13812345678';
  it('puts back what the masks a reader sent back stood for', () => {
    const masked = maskFreeText(stored, { address: ADDRESS })!;
    expect(restoreMaskedText(masked, stored, { address: ADDRESS })).toBe(stored);
    expect(restoreMaskedText(`${masked}。已处理`, stored, { address: ADDRESS })).toBe(`${stored}。已处理`);
  });
  it('drops a mask the reader deleted, and keeps new numbers as typed', () => {
    expect(restoreMaskedText('浦建路***楼上噪声，已回电13900001111', stored, { address: ADDRESS })).toBe('浦建路100弄5号302室楼上噪声，已回电13900001111');
  });
});

describe('searchMayRevealPersonalData', () => {
  it.each([['100弄5号', true], ['1381234', true], ['五号楼', true], ['装修噪声', false], ['浦建路', false]])('%s → %s', (term, yes) =>
    expect(searchMayRevealPersonalData(term)).toBe(yes),
  );
});
