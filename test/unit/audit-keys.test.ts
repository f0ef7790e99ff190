import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointSignatureValid, createSigningKey, keyFingerprint, signCheckpoint, unlockSigningKey } from '../../src-main/features/audit/audit-keys';

const HASH = 'a'.repeat(64);
const AT = '2026-12-06T03:00:00.000Z';

describe('audit checkpoint keys', () => {
  const made = createSigningKey('a long passphrase');

  it('hands out the private key only encrypted with the passphrase', () => {
    expect(made.encryptedPrivateKeyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(made.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(made.fingerprint).toBe(keyFingerprint(made.publicKeyPem));
    expect(unlockSigningKey(made.encryptedPrivateKeyPem, 'a wrong passphrase')).toBeNull();
    expect(unlockSigningKey('not a key', 'a long passphrase')).toBeNull();
  });

  it('signs a checkpoint the public key verifies, and nothing else', () => {
    const key = unlockSigningKey(made.encryptedPrivateKeyPem, 'a long passphrase')!;
    const signature = signCheckpoint(key, 41, HASH, AT);
    expect(checkpointSignatureValid(made.publicKeyPem, 41, HASH, AT, signature)).toBe(true);
    expect(checkpointSignatureValid(made.publicKeyPem, 42, HASH, AT, signature)).toBe(false);
    expect(checkpointSignatureValid(made.publicKeyPem, 41, 'b'.repeat(64), AT, signature)).toBe(false);
    expect(checkpointSignatureValid(made.publicKeyPem, 41, HASH, '2026-12-06T03:00:00.001Z', signature)).toBe(false);
    expect(checkpointSignatureValid(made.publicKeyPem, 41, HASH, AT, 'garbage')).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(checkpointSignatureValid(made.publicKeyPem, 41, HASH, AT, signCheckpoint(other, 41, HASH, AT))).toBe(false);
  });

  it('refuses a key file of another kind of key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw-pw-pw-pw-pw' }).toString();
    expect(unlockSigningKey(rsa, 'pw-pw-pw-pw-pw')).toBeNull();
  });
});
