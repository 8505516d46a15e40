// Personal data (domain.md §8): what a role without the personal-data permission may see.

/** 13812345678 → 138****5678; anything shorter keeps only its last two characters. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null || phone === '') return phone ?? null;
  const digits = phone.trim();
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
