import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * SNS signs each HTTP/S and Lambda message (SHA1withRSA for SignatureVersion 1, SHA256withRSA for 2) over
 * the "canonical string" its documentation defines. The local cloud signs with its own key, made once per
 * process; its SigningCertURL is not served, and the signature does not verify against AWS's certificates.
 */
let privateKey: KeyObject | undefined;

function key(): KeyObject {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return privateKey;
}

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const CONFIRMATION_FIELDS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];

export function canonicalString(message: Record<string, unknown>): string {
  const fields = message.Type === 'Notification' ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
  return fields
    .filter((f) => message[f] !== undefined && message[f] !== null)
    .map((f) => `${f}\n${String(message[f])}\n`)
    .join('');
}

export function sign(message: Record<string, unknown>, signatureVersion: string): string {
  const signer = createSign(signatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  signer.update(canonicalString(message));
  return signer.sign(key(), 'base64');
}
