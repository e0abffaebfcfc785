/**
 * A workspace's customer portal: how it is branded and which sites may embed it in a frame. The values go
 * into a Content-Security-Policy header and into the page, so each is checked against a strict shape here:
 * nothing a workspace saves can add a CSP directive or carry markup.
 */
import { Invalid } from './errors.ts';

export interface PortalSettings {
  /** Shown in the portal's header instead of the workspace's name. */
  displayName: string | null;
  /** An https:// image URL shown beside the name. */
  logoUrl: string | null;
  /** `#rrggbb`: buttons and links. */
  accentColor: string | null;
  /** Origins allowed to frame the portal (`https://app.example.com`, `https://*.example.com`); empty: none. */
  frameAncestors: string[];
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = { displayName: null, logoUrl: null, accentColor: null, frameAncestors: [] };

export const MAX_FRAME_ANCESTORS = 10;
const MAX_DISPLAY_NAME = 100;
const MAX_LOGO_URL = 500;
const COLOR = /^#[0-9a-f]{6}$/i;
// A CSP host-source with a scheme: http(s)://host[:port], where host may start with `*.`; nothing else.
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:[0-9]{1,5})?$/i;

export function validatePortalSettings(input: Partial<PortalSettings>): PortalSettings {
  const displayName = input.displayName?.trim() || null;
  if (displayName !== null && displayName.length > MAX_DISPLAY_NAME) throw new Invalid('displayName', `at most ${MAX_DISPLAY_NAME} characters`);
  const logoUrl = input.logoUrl || null;
  if (logoUrl !== null) checkLogoUrl(logoUrl);
  const accentColor = input.accentColor || null;
  if (accentColor !== null && !COLOR.test(accentColor)) throw new Invalid('accentColor', 'a colour as #rrggbb');
  const frameAncestors = input.frameAncestors ?? [];
  if (frameAncestors.length > MAX_FRAME_ANCESTORS) throw new Invalid('frameAncestors', `at most ${MAX_FRAME_ANCESTORS} origins`);
  frameAncestors.forEach((origin, index) => {
    if (origin.length > 200 || !ORIGIN.test(origin)) throw new Invalid(`frameAncestors/${index}`, 'an origin such as https://app.example.com or https://*.example.com');
  });
  return { displayName, logoUrl, accentColor: accentColor?.toLowerCase() ?? null, frameAncestors: [...new Set(frameAncestors.map((o) => o.toLowerCase()))] };
}

function checkLogoUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Invalid('logoUrl', 'an https:// URL');
  }
  if (text.length > MAX_LOGO_URL || url.protocol !== 'https:' || url.username || url.password) throw new Invalid('logoUrl', 'an https:// URL without credentials');
}

/** Settings as stored (JSON text, or null for the defaults), read defensively: a bad row shows the defaults. */
export function parsePortalSettings(text: string | null): PortalSettings {
  if (text === null) return DEFAULT_PORTAL_SETTINGS;
  try {
    return validatePortalSettings(JSON.parse(text) as Partial<PortalSettings>);
  } catch {
    return DEFAULT_PORTAL_SETTINGS;
  }
}
