/** `woocommerce-api` ships no types; the tests use its callback API. */
declare module 'woocommerce-api' {
  export default class WooCommerceAPI {
    constructor(options: { url: string; consumerKey: string; consumerSecret: string; version?: string; [option: string]: unknown });
  }
}
