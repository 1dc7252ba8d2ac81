// Password hashing with argon2id (OWASP's minimum parameters: 19 MiB, t=2, p=1).
import { hash, verify } from '@node-rs/argon2';

const options = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
