// Personal data (domain.md §8): what a role without the personal-data permission may see.

/** 13812345678 → 138****5678; anything shorter keeps only its last two characters. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null || phone === '') return phone ?? null;
  const digits = phone.trim();
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

// A house number starts at the first digit (ASCII or full-width) or at a Chinese numeral naming a 号/弄/室/栋/幢/楼/单元.
const HOUSE_NUMBER = /[0-9０-９]|[一二三四五六七八九十百千零〇两]+(?:号|弄|室|栋|幢|楼|单元|支弄)/u;

/** 浦建路100弄5号 → 浦建路***: the road stays (it locates the matter), the house number goes. */
export function maskAddress(address: string | null | undefined): string | null {
  if (address == null || address === '') return address ?? null;
  const m = HOUSE_NUMBER.exec(address);
  if (!m) return address;
  return `${address.slice(0, m.index)}***`;
}

