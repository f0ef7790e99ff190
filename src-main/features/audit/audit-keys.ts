// Ed25519 signing of audit checkpoints: the key pair is made here, the private key leaves encrypted with the
// administrator's passphrase and is only ever unlocked for one signature; the public key checks every checkpoint.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface NewSigningKey {
  publicKeyPem: string;
  /** PKCS#8 PEM encrypted with the passphrase (PBES2, AES-256-CBC). */
  encryptedPrivateKeyPem: string;
  fingerprint: string;
}

/** SHA-256 of the public key's DER encoding, hex. */
export function keyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function createSigningKey(passphrase: string): NewSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    encryptedPrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** The private key of an encrypted key file, or null when the passphrase does not open it (or it is no Ed25519 key). */
export function unlockSigningKey(encryptedPem: string, passphrase: string): KeyObject | null {
  try {
    const key = createPrivateKey({ key: encryptedPem, format: 'pem', passphrase });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The exact bytes a checkpoint's signature covers. */
export function checkpointMessage(entryId: number, entryHash: string, signedAt: string): Buffer {
  return Buffer.from(JSON.stringify(['hospital-desk/audit-checkpoint/v1', entryId, entryHash, signedAt]), 'utf8');
}

export function signCheckpoint(privateKey: KeyObject, entryId: number, entryHash: string, signedAt: string): string {
  return sign(null, checkpointMessage(entryId, entryHash, signedAt), privateKey).toString('base64');
}

export function checkpointSignatureValid(publicKeyPem: string, entryId: number, entryHash: string, signedAt: string, signature: string): boolean {
  try {
    return verify(null, checkpointMessage(entryId, entryHash, signedAt), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
