import argon2 from 'argon2';
import crypto from 'node:crypto';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = async (hash: string, password: string) => {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
};
export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const randomSecret = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
export const randomPassword = () => crypto.randomBytes(12).toString('base64url');

export function checkPasswordStrength(password: string): string | undefined {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 200) return '密码过长';
  return undefined;
}
