/** Where the WooCommerce face lives: WooCommerce's legacy REST API v2 path. */
export const WOO_PREFIX = '/wc-api/v2';
