/**
 * A webhook's signing material: an HMAC secret (given, or generated and shown once) or an Ed25519 key pair
 * (always generated: its private key never leaves hookd). Creating a webhook, switching its `signing` and
 * rotating all take new material here; switching and rotating keep the old material signing alongside the
 * new for the grace period, so that receivers can move over without missing a delivery.
 */
import type { SecretBox } from './crypto.ts';
import { generateWebhookSecret } from './crypto.ts';
import { Invalid } from './errors.ts';
import type { DeliveryFormat, Webhook } from './model.ts';
import type { WebhookChanges, WebhookSecrets } from './ports/store.ts';
import { generateSigningKeyPair, type SigningScheme } from './signing-keys.ts';
import { validateSecret } from './validation.ts';

export interface SigningMaterial {
  signing: SigningScheme;
  /** The HMAC secret or the `whsk_` private key, to be sealed. */
  plain: string;
  /** The Ed25519 public key; null for HMAC. */
  publicKey: string | null;
  /** An HMAC secret hookd generated, to show in this one answer; null otherwise. */
  generatedSecret: string | null;
}

export function newSigningMaterial(signing: SigningScheme, format: DeliveryFormat, secret: string | undefined): SigningMaterial {
  if (signing === 'ed25519') {
    // WooCommerce's and ShipStream's body HMACs need a shared secret: their formats keep HMAC.
    if (format !== 'standard') throw new Invalid('signing', `a webhook of the ${format} format signs with an HMAC of the body: only standard webhooks may use ed25519`);
    if (secret !== undefined) throw new Invalid('secret', 'an ed25519 webhook signs with a key pair hookd generates: leave secret out');
    const pair = generateSigningKeyPair();
    return { signing, plain: pair.privateKey, publicKey: pair.publicKey, generatedSecret: null };
  }
  const generatedSecret = secret === undefined ? generateWebhookSecret() : null;
  return { signing, plain: generatedSecret ?? validateSecret(secret as string, 'secret', format), publicKey: null, generatedSecret };
}

/** The changes that make `next` the webhook's signing material while its current one keeps signing until `graceEndsAt`. */
export function rotation(box: SecretBox, webhook: Pick<Webhook, 'publicKey'>, current: WebhookSecrets, next: SigningMaterial, graceEndsAt: number): WebhookChanges {
  return {
    signing: next.signing,
    secretEnc: box.encrypt(next.plain),
    publicKey: next.publicKey,
    previousSecretEnc: current.secretEnc,
    previousPublicKey: webhook.publicKey,
    previousSecretExpiresAt: graceEndsAt,
  };
}
