/**
 * The native API's paths, parameters, bodies and answers as TypeScript types, generated from hookd's
 * OpenAPI document by openapi-typescript. Do not edit: run `npm run generate:client`.
 */
export interface paths {
    "/ui-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in to the dashboard with the admin token or an API key: sets the session cookie */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ui-sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session of this cookie, and its CSRF token */
        get: operations["getUiSession"];
        put?: never;
        post?: never;
        /** Sign out: ends the session of this cookie */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ui-sessions/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade a portal link's one-time token for a portal session cookie */
        post: operations["openPortal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wc-api/v2/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks (filter[limit], filter[offset], page, status, filter[created_at_min|max], fields); paging in X-WC-Total, X-WC-TotalPages and Link */
        get: operations["wcListWebhooks"];
        put?: never;
        /** Create a webhook (hookd pings its URL, as WooCommerce does) */
        post: operations["wcCreateWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wc-api/v2/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook (also /webhook/{id}) */
        get: operations["wcGetWebhook"];
        /** Edit a webhook (POST and PATCH do the same; ?_method= or X-HTTP-Method-Override may set the method) */
        put: operations["wcEditWebhook"];
        post?: never;
        /** Delete a webhook */
        delete: operations["wcDeleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wc-api/v2/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook's deliveries (hookd's attempts), newest first */
        get: operations["wcListDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wc-api/v2/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery */
        get: operations["wcGetDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wc-api/v2/webhooks/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count webhooks (status, filter[created_at_min|max]) */
        get: operations["wcCountWebhooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event catalog of a workspace (UP42's GET /webhooks/events) */
        get: operations["listCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every workspace, newest first (admin) */
        get: operations["listWorkspaces"];
        put?: never;
        /** Create a workspace (admin) */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        /** Delete a workspace and everything in it (admin) */
        delete: operations["deleteWorkspace"];
        options?: never;
        head?: never;
        /** Rename a workspace */
        patch: operations["renameWorkspace"];
        trace?: never;
    };
    "/workspaces/{ws}/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Ed25519 public keys the workspace's webhooks sign with, as a JWKS (no authentication) */
        get: operations["getWorkspaceJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's API keys, without their secrets (admin) */
        get: operations["listApiKeys"];
        put?: never;
        /** Issue an API key (admin): the key is shown in this answer only */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (admin) */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every attempt of the workspace: newest first, or after an attempt id to follow the log */
        get: operations["listAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every delivery of the workspace, newest first, filtered */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's event catalog: built-in types and its own */
        get: operations["listEventTypes"];
        put?: never;
        /** Add an event type of the workspace's own */
        post: operations["createEventType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/event-types/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one of the workspace's own event types (409 while webhooks subscribe to it) */
        delete: operations["deleteEventType"];
        options?: never;
        head?: never;
        /** Change (or deprecate) one of the workspace's own event types */
        patch: operations["updateEventType"];
        trace?: never;
    };
    "/workspaces/{ws}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event log, newest first, with deliveries counted by outcome */
        get: operations["listEvents"];
        put?: never;
        /** Publish an event to every subscribed webhook */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event and its deliveries */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each webhook's deliveries, success rate, p95 duration and last failure, and attempts over time */
        get: operations["getWebhookHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/listen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a `hookd listen` session: a temporary webhook whose deliveries come down its stream */
        post: operations["openListenSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/listen/{session}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a `hookd listen` session: its temporary webhook is deleted */
        delete: operations["closeListenSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/listen/{session}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What the local endpoint answered to one delivery of the stream */
        post: operations["answerListenDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/portal-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time link to the workspace's customer portal */
        post: operations["createPortalSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/portal-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer portal's branding and which sites may frame it */
        get: operations["getPortalSettings"];
        /** Set the customer portal's branding and the origins that may frame it */
        put: operations["setPortalSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's webhooks, newest first, filtered */
        get: operations["listWebhooks"];
        put?: never;
        /** Create a webhook (a generated secret is shown in this answer only) */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook */
        get: operations["getWebhook"];
        /** Replace a webhook: fields left out return to their defaults */
        put: operations["replaceWebhook"];
        post?: never;
        /** Delete a webhook with its deliveries and attempts */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change the fields given (active: false pauses, true resumes) */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every attempt to the webhook, tests included, newest first */
        get: operations["listWebhookAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook's deliveries, newest first, filtered */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivery with its attempts (its latest 100, oldest first) */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One more attempt of a delivery, now */
        post: operations["resendDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/filter/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether a sample event would pass the webhook's payload filter */
        post: operations["checkWebhookFilter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-send every failed delivery of the webhook since a time */
        post: operations["recoverFailedDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret (or Ed25519 key pair); the old one keeps signing for the grace period */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook's signing secret (or an ed25519 webhook's public key), and the previous one during its grace period */
        get: operations["getWebhookSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The same as …/tests (UP42's singular spelling) */
        post: operations["runWebhookTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/tests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test of each subscribed event type, now, and report */
        post: operations["runWebhookTests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/{id}/transform/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The request the webhook's transform (or one given to try) makes of a sample event */
        post: operations["checkWebhookTransform"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{ws}/webhooks/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many webhooks match the list's filters */
        get: operations["countWebhooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Coupon
         * @description The data of coupon.created events: Sent when a coupon is created
         * @example {
         *       "id": 11,
         *       "code": "summer10",
         *       "amount": "10.00",
         *       "discount_type": "percent",
         *       "event": "created"
         *     }
         */
        "event.coupon.created": {
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            amount?: string | number;
            code?: string;
            discount_type?: string;
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Coupon
         * @description The data of coupon.deleted events: Sent when a coupon is deleted
         * @example {
         *       "id": 11,
         *       "code": "summer10",
         *       "amount": "10.00",
         *       "discount_type": "percent",
         *       "event": "deleted"
         *     }
         */
        "event.coupon.deleted": {
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            amount?: string | number;
            code?: string;
            discount_type?: string;
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Coupon
         * @description The data of coupon.restored events: Sent when a coupon is restored
         * @example {
         *       "id": 11,
         *       "code": "summer10",
         *       "amount": "10.00",
         *       "discount_type": "percent",
         *       "event": "restored"
         *     }
         */
        "event.coupon.restored": {
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            amount?: string | number;
            code?: string;
            discount_type?: string;
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Coupon
         * @description The data of coupon.updated events: Sent when a coupon is updated
         * @example {
         *       "id": 11,
         *       "code": "summer10",
         *       "amount": "10.00",
         *       "discount_type": "percent",
         *       "event": "updated"
         *     }
         */
        "event.coupon.updated": {
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            amount?: string | number;
            code?: string;
            discount_type?: string;
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Customer
         * @description The data of customer.created events: Sent when a customer is created
         * @example {
         *       "id": 7,
         *       "email": "jane@example.com",
         *       "first_name": "Jane",
         *       "last_name": "Doe",
         *       "event": "created"
         *     }
         */
        "event.customer.created": {
            email?: string;
            event?: string;
            first_name?: string;
            id: number | string;
            last_name?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Customer
         * @description The data of customer.deleted events: Sent when a customer is deleted
         * @example {
         *       "id": 7,
         *       "email": "jane@example.com",
         *       "first_name": "Jane",
         *       "last_name": "Doe",
         *       "event": "deleted"
         *     }
         */
        "event.customer.deleted": {
            email?: string;
            event?: string;
            first_name?: string;
            id: number | string;
            last_name?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Customer
         * @description The data of customer.updated events: Sent when a customer is updated
         * @example {
         *       "id": 7,
         *       "email": "jane@example.com",
         *       "first_name": "Jane",
         *       "last_name": "Doe",
         *       "event": "updated"
         *     }
         */
        "event.customer.updated": {
            email?: string;
            event?: string;
            first_name?: string;
            id: number | string;
            last_name?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery Label
         * @description The data of delivery_label.created events: Sent when a delivery label is created
         * @example {
         *       "id": 1,
         *       "event": "created"
         *     }
         */
        "event.delivery_label.created": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery Label
         * @description The data of delivery_label.voided events: Sent when a delivery label is voided
         * @example {
         *       "id": 1,
         *       "event": "voided"
         *     }
         */
        "event.delivery_label.voided": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.accepted events: Sent when a delivery is accepted
         * @example {
         *       "id": 1,
         *       "event": "accepted"
         *     }
         */
        "event.delivery.accepted": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.canceled events: Sent when a delivery is canceled
         * @example {
         *       "id": 1,
         *       "event": "canceled"
         *     }
         */
        "event.delivery.canceled": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.committed events: Sent when a delivery is committed
         * @example {
         *       "id": 1,
         *       "event": "committed"
         *     }
         */
        "event.delivery.committed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.created events: Sent when a delivery is created
         * @example {
         *       "id": 1,
         *       "event": "created"
         *     }
         */
        "event.delivery.created": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.exception events: Sent when a delivery is exception
         * @example {
         *       "id": 1,
         *       "event": "exception"
         *     }
         */
        "event.delivery.exception": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.processed events: Sent when a delivery is processed
         * @example {
         *       "id": 1,
         *       "event": "processed"
         *     }
         */
        "event.delivery.processed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.putaway events: Sent when a delivery is putaway
         * @example {
         *       "id": 1,
         *       "event": "putaway"
         *     }
         */
        "event.delivery.putaway": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery
         * @description The data of delivery.status_changed events: Sent when a delivery is status changed
         * @example {
         *       "id": 1
         *     }
         */
        "event.delivery.status_changed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Delivery Exhausted
         * @description The data of hookd.delivery.exhausted events: Sent by hookd when it gives a delivery up after its last scheduled attempt
         * @example {
         *       "workspaceId": "0190a5a2-7c1e-7a3b-9f00-3c2d1e0f4a5b",
         *       "webhook": {
         *         "id": "0190a5a2-9d4f-7c21-8e11-5a6b7c8d9e0f",
         *         "name": "orders to my shop",
         *         "url": "https://shop.example.com/hooks"
         *       },
         *       "delivery": {
         *         "id": "0190a5a3-1111-7222-8333-444455556666",
         *         "eventId": "0190a5a3-0000-7111-8222-333344445555",
         *         "eventType": "order.created",
         *         "attempts": 8
         *       },
         *       "lastAttempt": {
         *         "at": "2025-01-15T08:00:00.000Z",
         *         "eventType": "order.created",
         *         "responseCode": 503,
         *         "error": null,
         *         "durationMs": 120
         *       }
         *     }
         */
        "event.hookd.delivery.exhausted": {
            /** Delivery */
            delivery: {
                attempts: number;
                /** Format: uuid */
                eventId: string;
                eventType: string;
                /** Format: uuid */
                id: string;
            } & {
                [key: string]: unknown;
            };
            /** Attempt */
            lastAttempt: {
                /** Format: date-time */
                at: string;
                durationMs: number;
                /** @description string, or null */
                error: unknown;
                eventType: string;
                /** @description integer, or null */
                responseCode: unknown;
            } & {
                [key: string]: unknown;
            };
            /** Webhook */
            webhook: {
                /** Format: uuid */
                id: string;
                name: string;
                url: string;
            } & {
                [key: string]: unknown;
            };
            /** Format: uuid */
            workspaceId: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Webhook Disabled
         * @description The data of hookd.webhook.disabled events: Sent by hookd when it disables a webhook (its endpoint answered 410 Gone, or it kept failing): the reason and its last attempts
         * @example {
         *       "workspaceId": "0190a5a2-7c1e-7a3b-9f00-3c2d1e0f4a5b",
         *       "webhook": {
         *         "id": "0190a5a2-9d4f-7c21-8e11-5a6b7c8d9e0f",
         *         "name": "orders to my shop",
         *         "url": "https://shop.example.com/hooks"
         *       },
         *       "reason": "disabled after 5 or more consecutive failed attempts and no success for 432000s",
         *       "disabledAt": "2025-01-15T08:00:00.000Z",
         *       "failureCount": 5,
         *       "failingSince": "2025-01-10T08:00:00.000Z",
         *       "lastSuccessAt": "2025-01-10T07:58:00.000Z",
         *       "lastAttempts": [
         *         {
         *           "at": "2025-01-15T08:00:00.000Z",
         *           "eventType": "order.created",
         *           "responseCode": 503,
         *           "error": null,
         *           "durationMs": 120
         *         }
         *       ]
         *     }
         */
        "event.hookd.webhook.disabled": {
            /** Format: date-time */
            disabledAt: string;
            /** @description date-time, or null */
            failingSince: unknown;
            failureCount: number;
            lastAttempts: ({
                /** Format: date-time */
                at: string;
                durationMs: number;
                /** @description string, or null */
                error: unknown;
                eventType: string;
                /** @description integer, or null */
                responseCode: unknown;
            } & {
                [key: string]: unknown;
            })[];
            /** @description date-time, or null */
            lastSuccessAt: unknown;
            reason: string;
            /** Webhook */
            webhook: {
                /** Format: uuid */
                id: string;
                name: string;
                url: string;
            } & {
                [key: string]: unknown;
            };
            /** Format: uuid */
            workspaceId: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Webhook Failing
         * @description The data of hookd.webhook.failing events: Sent by hookd when a webhook fails after a success, or when half or more of its attempts over 15 minutes failed; at most once per webhook per 15 minutes
         * @example {
         *       "workspaceId": "0190a5a2-7c1e-7a3b-9f00-3c2d1e0f4a5b",
         *       "webhook": {
         *         "id": "0190a5a2-9d4f-7c21-8e11-5a6b7c8d9e0f",
         *         "name": "orders to my shop",
         *         "url": "https://shop.example.com/hooks"
         *       },
         *       "trigger": "first_failure",
         *       "failureCount": 1,
         *       "failingSince": "2025-01-15T08:00:00.000Z",
         *       "lastSuccessAt": "2025-01-10T07:58:00.000Z",
         *       "window": null,
         *       "lastAttempt": {
         *         "at": "2025-01-15T08:00:00.000Z",
         *         "eventType": "order.created",
         *         "responseCode": 503,
         *         "error": null,
         *         "durationMs": 120
         *       }
         *     }
         */
        "event.hookd.webhook.failing": {
            /** @description date-time, or null */
            failingSince: unknown;
            failureCount: number;
            /** Attempt */
            lastAttempt: {
                /** Format: date-time */
                at: string;
                durationMs: number;
                /** @description string, or null */
                error: unknown;
                eventType: string;
                /** @description integer, or null */
                responseCode: unknown;
            } & {
                [key: string]: unknown;
            };
            /** @description date-time, or null */
            lastSuccessAt: unknown;
            /** @enum {string} */
            trigger: "first_failure" | "failure_rate";
            /** Webhook */
            webhook: {
                /** Format: uuid */
                id: string;
                name: string;
                url: string;
            } & {
                [key: string]: unknown;
            };
            /** @description object, or null */
            window: unknown;
            /** Format: uuid */
            workspaceId: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Webhook Recovered
         * @description The data of hookd.webhook.recovered events: Sent by hookd at the first success of a webhook it reported failing
         * @example {
         *       "workspaceId": "0190a5a2-7c1e-7a3b-9f00-3c2d1e0f4a5b",
         *       "webhook": {
         *         "id": "0190a5a2-9d4f-7c21-8e11-5a6b7c8d9e0f",
         *         "name": "orders to my shop",
         *         "url": "https://shop.example.com/hooks"
         *       },
         *       "failingSince": "2025-01-15T08:00:00.000Z",
         *       "recoveredAt": "2025-01-15T08:20:00.000Z"
         *     }
         */
        "event.hookd.webhook.recovered": {
            /** Format: date-time */
            failingSince: string;
            /** Format: date-time */
            recoveredAt: string;
            /** Webhook */
            webhook: {
                /** Format: uuid */
                id: string;
                name: string;
                url: string;
            } & {
                [key: string]: unknown;
            };
            /** Format: uuid */
            workspaceId: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Import
         * @description The data of import.completed events: Sent when a import is completed
         * @example {
         *       "id": 1,
         *       "event": "completed"
         *     }
         */
        "event.import.completed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Import
         * @description The data of import.created events: Sent when a import is created
         * @example {
         *       "id": 1,
         *       "event": "created"
         *     }
         */
        "event.import.created": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Inventory
         * @description The data of inventory.adjusted events: Sent when a inventory is adjusted
         * @example {
         *       "id": 1,
         *       "event": "adjusted"
         *     }
         */
        "event.inventory.adjusted": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Job
         * @description The data of job.status events: Sent when job/task status is updated
         * @example {
         *       "jobId": "0d1f6b3c-4c1e-4f7a-9a3f-2b1a3e4d5c6b",
         *       "status": "SUCCEEDED",
         *       "workspaceId": "e0f6a1d2-0000-4000-8000-000000000000"
         *     }
         */
        "event.job.status": {
            /** Format: uuid */
            jobId: string;
            status: string;
            /** Format: uuid */
            workspaceId?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Manifest
         * @description The data of manifest.loaded events: Sent when a manifest is loaded
         * @example {
         *       "id": 1,
         *       "event": "loaded"
         *     }
         */
        "event.manifest.loaded": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Manifest
         * @description The data of manifest.sealed events: Sent when a manifest is sealed
         * @example {
         *       "id": 1,
         *       "event": "sealed"
         *     }
         */
        "event.manifest.sealed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.address_changed events: Sent when a order is address changed
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "address_changed"
         *     }
         */
        "event.order.address_changed": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.address_validation_failed events: Sent when a order is address validation_failed
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "address_validation_failed"
         *     }
         */
        "event.order.address_validation_failed": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.canceled events: Sent when a order is canceled
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "canceled"
         *     }
         */
        "event.order.canceled": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.completed events: Sent when a order is completed
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "completed"
         *     }
         */
        "event.order.completed": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.created events: Sent when a order is created
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "created"
         *     }
         */
        "event.order.created": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.deleted events: Sent when a order is deleted
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "deleted"
         *     }
         */
        "event.order.deleted": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.delivered events: Sent when a order is delivered
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "delivered"
         *     }
         */
        "event.order.delivered": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.holded events: Sent when a order is holded
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "holded"
         *     }
         */
        "event.order.holded": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.items_updated events: Sent when a order is items updated
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "items_updated"
         *     }
         */
        "event.order.items_updated": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.restored events: Sent when a order is restored
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "restored"
         *     }
         */
        "event.order.restored": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.shipments_updated events: Sent when a order is shipments updated
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "shipments_updated"
         *     }
         */
        "event.order.shipments_updated": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.shipped events: Sent when a order is shipped
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "shipped"
         *     }
         */
        "event.order.shipped": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.shipping_options_changed events: Sent when a order is shipping options_changed
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "shipping_options_changed"
         *     }
         */
        "event.order.shipping_options_changed": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.status events: Sent when an order status is updated (CREATED, BEING_PLACED, PLACED, BEING_FULFILLED, FULFILLED, FAILED_PERMANENTLY, CANCELED, PLACEMENT_FAILED)
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ]
         *     }
         */
        "event.order.status": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.status_changed events: Sent when a order is status changed
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ]
         *     }
         */
        "event.order.status_changed": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Order
         * @description The data of order.updated events: Sent when a order is updated
         * @example {
         *       "id": 42,
         *       "status": "processing",
         *       "currency": "USD",
         *       "total": "21.50",
         *       "customer_id": 7,
         *       "line_items": [
         *         {
         *           "sku": "TSHIRT-M",
         *           "quantity": 1
         *         }
         *       ],
         *       "event": "updated"
         *     }
         */
        "event.order.updated": {
            currency?: string;
            customer_id?: number | string;
            /** @description what happened to the order (created, updated, …) */
            event?: string;
            id: number | string;
            line_items?: ({
                quantity?: number;
                sku?: string;
            } & {
                [key: string]: unknown;
            })[];
            status?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            total?: string | number;
        } & {
            [key: string]: unknown;
        };
        /**
         * Package
         * @description The data of package.delivered events: Sent when a package is delivered
         * @example {
         *       "id": 1,
         *       "event": "delivered"
         *     }
         */
        "event.package.delivered": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Package
         * @description The data of package.manifested events: Sent when a package is manifested
         * @example {
         *       "id": 1,
         *       "event": "manifested"
         *     }
         */
        "event.package.manifested": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Package
         * @description The data of package.packed events: Sent when a package is packed
         * @example {
         *       "id": 1,
         *       "event": "packed"
         *     }
         */
        "event.package.packed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Package
         * @description The data of package.shipped events: Sent when a package is shipped
         * @example {
         *       "id": 1,
         *       "event": "shipped"
         *     }
         */
        "event.package.shipped": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product Media
         * @description The data of product_media.created events: Sent when a product media is created
         * @example {
         *       "id": 1,
         *       "event": "created"
         *     }
         */
        "event.product_media.created": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product Media
         * @description The data of product_media.deleted events: Sent when a product media is deleted
         * @example {
         *       "id": 1,
         *       "event": "deleted"
         *     }
         */
        "event.product_media.deleted": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product Media
         * @description The data of product_media.updated events: Sent when a product media is updated
         * @example {
         *       "id": 1,
         *       "event": "updated"
         *     }
         */
        "event.product_media.updated": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product
         * @description The data of product.created events: Sent when a product is created
         * @example {
         *       "id": 99,
         *       "sku": "TSHIRT-M",
         *       "name": "T-shirt, medium",
         *       "price": "19.00",
         *       "event": "created"
         *     }
         */
        "event.product.created": {
            event?: string;
            id: number | string;
            name?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            price?: string | number;
            sku?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product
         * @description The data of product.deleted events: Sent when a product is deleted
         * @example {
         *       "id": 99,
         *       "sku": "TSHIRT-M",
         *       "name": "T-shirt, medium",
         *       "price": "19.00",
         *       "event": "deleted"
         *     }
         */
        "event.product.deleted": {
            event?: string;
            id: number | string;
            name?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            price?: string | number;
            sku?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product
         * @description The data of product.restored events: Sent when a product is restored
         * @example {
         *       "id": 99,
         *       "sku": "TSHIRT-M",
         *       "name": "T-shirt, medium",
         *       "price": "19.00",
         *       "event": "restored"
         *     }
         */
        "event.product.restored": {
            event?: string;
            id: number | string;
            name?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            price?: string | number;
            sku?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product
         * @description The data of product.sku_changed events: Sent when a product is sku changed
         * @example {
         *       "id": 99,
         *       "sku": "TSHIRT-M",
         *       "name": "T-shirt, medium",
         *       "price": "19.00",
         *       "event": "sku_changed"
         *     }
         */
        "event.product.sku_changed": {
            event?: string;
            id: number | string;
            name?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            price?: string | number;
            sku?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Product
         * @description The data of product.updated events: Sent when a product is updated
         * @example {
         *       "id": 99,
         *       "sku": "TSHIRT-M",
         *       "name": "T-shirt, medium",
         *       "price": "19.00",
         *       "event": "updated"
         *     }
         */
        "event.product.updated": {
            event?: string;
            id: number | string;
            name?: string;
            /** @description an amount, as WooCommerce sends it (a decimal string) or a number */
            price?: string | number;
            sku?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Serial Number
         * @description The data of serial_number.checkin events: Sent when a serial number is checkin
         * @example {
         *       "id": 1,
         *       "event": "checkin"
         *     }
         */
        "event.serial_number.checkin": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Serial Number
         * @description The data of serial_number.checkout events: Sent when a serial number is checkout
         * @example {
         *       "id": 1,
         *       "event": "checkout"
         *     }
         */
        "event.serial_number.checkout": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Serial Number
         * @description The data of serial_number.created events: Sent when a serial number is created
         * @example {
         *       "id": 1,
         *       "event": "created"
         *     }
         */
        "event.serial_number.created": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Serial Number
         * @description The data of serial_number.updated events: Sent when a serial number is updated
         * @example {
         *       "id": 1,
         *       "event": "updated"
         *     }
         */
        "event.serial_number.updated": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Shipment
         * @description The data of shipment.delivered events: Sent when a shipment is delivered
         * @example {
         *       "id": 1,
         *       "event": "delivered"
         *     }
         */
        "event.shipment.delivered": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Shipment
         * @description The data of shipment.labels_voided events: Sent when a shipment is labels voided
         * @example {
         *       "id": 1,
         *       "event": "labels_voided"
         *     }
         */
        "event.shipment.labels_voided": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Shipment
         * @description The data of shipment.packed events: Sent when a shipment is packed
         * @example {
         *       "id": 1,
         *       "event": "packed"
         *     }
         */
        "event.shipment.packed": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Shipment
         * @description The data of shipment.reverted events: Sent when a shipment is reverted
         * @example {
         *       "id": 1,
         *       "event": "reverted"
         *     }
         */
        "event.shipment.reverted": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Shipment
         * @description The data of shipment.shipped events: Sent when a shipment is shipped
         * @example {
         *       "id": 1,
         *       "event": "shipped"
         *     }
         */
        "event.shipment.shipped": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Tracker
         * @description The data of tracker.delivered events: Sent when a tracker is delivered
         * @example {
         *       "id": 1,
         *       "event": "delivered"
         *     }
         */
        "event.tracker.delivered": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Tracker
         * @description The data of tracker.exception events: Sent when a tracker is exception
         * @example {
         *       "id": 1,
         *       "event": "exception"
         *     }
         */
        "event.tracker.exception": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
        /**
         * Tracker
         * @description The data of tracker.updated events: Sent when a tracker is updated
         * @example {
         *       "id": 1,
         *       "event": "updated"
         *     }
         */
        "event.tracker.updated": {
            event?: string;
            id: number | string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the admin token or a workspace API key */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * UiSession
                         * @example {
                         *       "kind": "portal",
                         *       "workspace": {
                         *         "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                         *         "name": "my shop",
                         *         "createdAt": "2024-05-01T12:00:00.000Z"
                         *       },
                         *       "readOnly": false,
                         *       "expiresAt": "2024-05-01T13:00:00.000Z",
                         *       "csrfToken": "3f1e…",
                         *       "portal": {
                         *         "displayName": "Acme Shop",
                         *         "logoUrl": "https://acme.example/logo.png",
                         *         "accentColor": "#0b5cad",
                         *         "frameAncestors": [
                         *           "https://app.acme.example"
                         *         ]
                         *       }
                         *     }
                         */
                        data: {
                            /** @description send it back in X-CSRF-Token with every change made with this session */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            kind: "admin" | "workspace" | "portal";
                            /**
                             * PortalSettings
                             * @description the branding of a portal session's workspace
                             * @example {
                             *       "displayName": "Acme Shop",
                             *       "logoUrl": "https://acme.example/logo.png",
                             *       "accentColor": "#0b5cad",
                             *       "frameAncestors": [
                             *         "https://app.acme.example"
                             *       ]
                             *     }
                             */
                            portal: {
                                accentColor: string | null;
                                displayName: string | null;
                                frameAncestors: string[];
                                logoUrl: string | null;
                            } | null;
                            readOnly: boolean;
                            /**
                             * Workspace
                             * @example {
                             *       "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                             *       "name": "my shop",
                             *       "createdAt": "2024-05-01T12:00:00.000Z"
                             *     }
                             */
                            workspace: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                name: string;
                            } | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getUiSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * UiSession
                         * @example {
                         *       "kind": "portal",
                         *       "workspace": {
                         *         "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                         *         "name": "my shop",
                         *         "createdAt": "2024-05-01T12:00:00.000Z"
                         *       },
                         *       "readOnly": false,
                         *       "expiresAt": "2024-05-01T13:00:00.000Z",
                         *       "csrfToken": "3f1e…",
                         *       "portal": {
                         *         "displayName": "Acme Shop",
                         *         "logoUrl": "https://acme.example/logo.png",
                         *         "accentColor": "#0b5cad",
                         *         "frameAncestors": [
                         *           "https://app.acme.example"
                         *         ]
                         *       }
                         *     }
                         */
                        data: {
                            /** @description send it back in X-CSRF-Token with every change made with this session */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            kind: "admin" | "workspace" | "portal";
                            /**
                             * PortalSettings
                             * @description the branding of a portal session's workspace
                             * @example {
                             *       "displayName": "Acme Shop",
                             *       "logoUrl": "https://acme.example/logo.png",
                             *       "accentColor": "#0b5cad",
                             *       "frameAncestors": [
                             *         "https://app.acme.example"
                             *       ]
                             *     }
                             */
                            portal: {
                                accentColor: string | null;
                                displayName: string | null;
                                frameAncestors: string[];
                                logoUrl: string | null;
                            } | null;
                            readOnly: boolean;
                            /**
                             * Workspace
                             * @example {
                             *       "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                             *       "name": "my shop",
                             *       "createdAt": "2024-05-01T12:00:00.000Z"
                             *     }
                             */
                            workspace: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                name: string;
                            } | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    openPortal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token of a portal link (after #token= in its URL) */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * UiSession
                         * @example {
                         *       "kind": "portal",
                         *       "workspace": {
                         *         "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                         *         "name": "my shop",
                         *         "createdAt": "2024-05-01T12:00:00.000Z"
                         *       },
                         *       "readOnly": false,
                         *       "expiresAt": "2024-05-01T13:00:00.000Z",
                         *       "csrfToken": "3f1e…",
                         *       "portal": {
                         *         "displayName": "Acme Shop",
                         *         "logoUrl": "https://acme.example/logo.png",
                         *         "accentColor": "#0b5cad",
                         *         "frameAncestors": [
                         *           "https://app.acme.example"
                         *         ]
                         *       }
                         *     }
                         */
                        data: {
                            /** @description send it back in X-CSRF-Token with every change made with this session */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                            kind: "admin" | "workspace" | "portal";
                            /**
                             * PortalSettings
                             * @description the branding of a portal session's workspace
                             * @example {
                             *       "displayName": "Acme Shop",
                             *       "logoUrl": "https://acme.example/logo.png",
                             *       "accentColor": "#0b5cad",
                             *       "frameAncestors": [
                             *         "https://app.acme.example"
                             *       ]
                             *     }
                             */
                            portal: {
                                accentColor: string | null;
                                displayName: string | null;
                                frameAncestors: string[];
                                logoUrl: string | null;
                            } | null;
                            readOnly: boolean;
                            /**
                             * Workspace
                             * @example {
                             *       "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                             *       "name": "my shop",
                             *       "createdAt": "2024-05-01T12:00:00.000Z"
                             *     }
                             */
                            workspace: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                name: string;
                            } | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    wcListWebhooks: {
        parameters: {
            query?: {
                fields?: string;
                "filter[created_at_max]"?: string;
                "filter[created_at_min]"?: string;
                "filter[limit]"?: string;
                "filter[offset]"?: string;
                "filter[order]"?: string;
                "filter[orderby]"?: string;
                page?: string;
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: {
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            created_at?: string;
                            delivery_url?: string;
                            event?: string;
                            hooks?: string[];
                            id?: number;
                            name?: string;
                            resource?: string;
                            /** @enum {unknown} */
                            status?: "active" | "paused" | "disabled";
                            /** @description resource.event, e.g. order.created, or action.<hook> */
                            topic?: string;
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            updated_at?: string;
                        }[];
                    };
                };
            };
        };
    };
    wcCreateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    webhook: {
                        delivery_url?: string;
                        name?: string;
                        /** @description write-only */
                        secret?: string;
                        /** @enum {unknown} */
                        status?: "active" | "paused" | "disabled";
                        topic?: string;
                    };
                };
            };
        };
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description every field, or those `fields=` names
                         * @example {
                         *       "id": 3,
                         *       "name": "orders",
                         *       "status": "active",
                         *       "topic": "order.created",
                         *       "resource": "order",
                         *       "event": "created",
                         *       "hooks": [
                         *         "woocommerce_process_shop_order_meta",
                         *         "woocommerce_api_create_order",
                         *         "woocommerce_new_order"
                         *       ],
                         *       "delivery_url": "https://shop.example.com/hooks",
                         *       "created_at": "2015-01-21T13:19:58Z",
                         *       "updated_at": "2015-01-21T13:19:58Z"
                         *     }
                         */
                        webhook: {
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            created_at?: string;
                            delivery_url?: string;
                            event?: string;
                            hooks?: string[];
                            id?: number;
                            name?: string;
                            resource?: string;
                            /** @enum {unknown} */
                            status?: "active" | "paused" | "disabled";
                            /** @description resource.event, e.g. order.created, or action.<hook> */
                            topic?: string;
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            updated_at?: string;
                        };
                    };
                };
            };
        };
    };
    wcGetWebhook: {
        parameters: {
            query?: {
                fields?: string;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description every field, or those `fields=` names
                         * @example {
                         *       "id": 3,
                         *       "name": "orders",
                         *       "status": "active",
                         *       "topic": "order.created",
                         *       "resource": "order",
                         *       "event": "created",
                         *       "hooks": [
                         *         "woocommerce_process_shop_order_meta",
                         *         "woocommerce_api_create_order",
                         *         "woocommerce_new_order"
                         *       ],
                         *       "delivery_url": "https://shop.example.com/hooks",
                         *       "created_at": "2015-01-21T13:19:58Z",
                         *       "updated_at": "2015-01-21T13:19:58Z"
                         *     }
                         */
                        webhook: {
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            created_at?: string;
                            delivery_url?: string;
                            event?: string;
                            hooks?: string[];
                            id?: number;
                            name?: string;
                            resource?: string;
                            /** @enum {unknown} */
                            status?: "active" | "paused" | "disabled";
                            /** @description resource.event, e.g. order.created, or action.<hook> */
                            topic?: string;
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            updated_at?: string;
                        };
                    };
                };
            };
        };
    };
    wcEditWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    webhook: {
                        delivery_url?: string;
                        name?: string;
                        /** @description write-only */
                        secret?: string;
                        /** @enum {unknown} */
                        status?: "active" | "paused" | "disabled";
                        topic?: string;
                    };
                };
            };
        };
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description every field, or those `fields=` names
                         * @example {
                         *       "id": 3,
                         *       "name": "orders",
                         *       "status": "active",
                         *       "topic": "order.created",
                         *       "resource": "order",
                         *       "event": "created",
                         *       "hooks": [
                         *         "woocommerce_process_shop_order_meta",
                         *         "woocommerce_api_create_order",
                         *         "woocommerce_new_order"
                         *       ],
                         *       "delivery_url": "https://shop.example.com/hooks",
                         *       "created_at": "2015-01-21T13:19:58Z",
                         *       "updated_at": "2015-01-21T13:19:58Z"
                         *     }
                         */
                        webhook: {
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            created_at?: string;
                            delivery_url?: string;
                            event?: string;
                            hooks?: string[];
                            id?: number;
                            name?: string;
                            resource?: string;
                            /** @enum {unknown} */
                            status?: "active" | "paused" | "disabled";
                            /** @description resource.event, e.g. order.created, or action.<hook> */
                            topic?: string;
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            updated_at?: string;
                        };
                    };
                };
            };
        };
    };
    wcDeleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
    wcListDeliveries: {
        parameters: {
            query?: {
                fields?: string;
                "filter[created_at_max]"?: string;
                "filter[created_at_min]"?: string;
                "filter[limit]"?: string;
                "filter[offset]"?: string;
                "filter[order]"?: string;
                "filter[orderby]"?: string;
                page?: string;
                status?: string;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook_deliveries: {
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            created_at?: string;
                            /** @description seconds, five decimals */
                            duration?: string;
                            id?: number;
                            request_body?: string | null;
                            request_headers?: {
                                [key: string]: string | number;
                            };
                            /** @enum {unknown} */
                            request_method?: "POST";
                            request_url?: string;
                            response_body?: string;
                            /** @description the HTTP status, or http_request_failed */
                            response_code?: string;
                            response_headers?: {
                                [key: string]: string;
                            };
                            response_message?: string;
                            summary?: string;
                        }[];
                    };
                };
            };
        };
    };
    wcGetDelivery: {
        parameters: {
            query?: {
                fields?: string;
            };
            header?: never;
            path: {
                deliveryId: number;
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description every field, or those `fields=` names
                         * @example {
                         *       "id": 7,
                         *       "duration": "0.01240",
                         *       "summary": "HTTP 200 OK: ok",
                         *       "request_method": "POST",
                         *       "request_url": "https://shop.example.com/hooks",
                         *       "request_headers": {
                         *         "X-WC-Webhook-Topic": "order.created",
                         *         "X-WC-Webhook-ID": 3
                         *       },
                         *       "request_body": "{\"order\":{\"id\":42}}",
                         *       "response_code": "200",
                         *       "response_message": "OK",
                         *       "response_headers": {
                         *         "content-type": "text/plain"
                         *       },
                         *       "response_body": "ok",
                         *       "created_at": "2015-01-21T13:19:58Z"
                         *     }
                         */
                        webhook_delivery: {
                            /** @description UTC, seconds: 2015-01-21T13:19:58Z */
                            created_at?: string;
                            /** @description seconds, five decimals */
                            duration?: string;
                            id?: number;
                            request_body?: string | null;
                            request_headers?: {
                                [key: string]: string | number;
                            };
                            /** @enum {unknown} */
                            request_method?: "POST";
                            request_url?: string;
                            response_body?: string;
                            /** @description the HTTP status, or http_request_failed */
                            response_code?: string;
                            response_headers?: {
                                [key: string]: string;
                            };
                            response_message?: string;
                            summary?: string;
                        };
                    };
                };
            };
        };
    };
    wcCountWebhooks: {
        parameters: {
            query?: {
                fields?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description WooCommerce's error shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description WooCommerce's error shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: {
                            /** @description woocommerce_api_… */
                            code: string;
                            message: string;
                        }[];
                    };
                };
            };
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        count: number;
                    };
                };
            };
        };
    };
    listCatalog: {
        parameters: {
            query?: {
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            builtIn: boolean;
                            category: string;
                            deprecated: boolean;
                            description: string;
                            /** @enum {object|null} */
                            documentation: never | null;
                            example: {
                                [key: string]: unknown;
                            };
                            name: string;
                            schema: {
                                [key: string]: unknown;
                            } | null;
                            title: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Workspace
                         * @example {
                         *       "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                         *       "name": "my shop",
                         *       "createdAt": "2024-05-01T12:00:00.000Z"
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Workspace
                         * @example {
                         *       "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                         *       "name": "my shop",
                         *       "createdAt": "2024-05-01T12:00:00.000Z"
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    deleteWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    renameWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Workspace
                         * @example {
                         *       "id": "5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10",
                         *       "name": "my shop",
                         *       "createdAt": "2024-05-01T12:00:00.000Z"
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getWorkspaceJwks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "OKP",
                     *           "crv": "Ed25519",
                     *           "x": "irrbSfknyZdzewkbeYXCVlwsQPaUTPTTP2jJ0EW0pMA",
                     *           "kid": "LlqQFbSesboTTDFYbxTzLaxcQInpsen1D1V-qXA2y7k",
                     *           "use": "sig",
                     *           "alg": "EdDSA"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description the Ed25519 public keys the workspace's webhooks sign with now: current keys, and rotated-out keys until their grace period ends */
                        keys: {
                            /** @enum {string} */
                            alg: "EdDSA";
                            /** @enum {string} */
                            crv: "Ed25519";
                            /** @description its RFC 7638 thumbprint, as deliveries name it in webhook-key-id */
                            kid: string;
                            /** @enum {string} */
                            kty: "OKP";
                            /** @enum {string} */
                            use: "sig";
                            /** @description the public key, base64url */
                            x: string;
                        }[];
                    };
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            consumerKeyEnding: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * IssuedApiKey
                         * @example {
                         *       "id": "01a236b6-d4ab-71db-83a8-6818b9b11494",
                         *       "name": "backend",
                         *       "prefix": "hk_Utqeg4F",
                         *       "consumerKeyEnding": "218817",
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "lastUsedAt": null,
                         *       "revokedAt": null,
                         *       "key": "hk_Utqeg4FToD_gESvrGWupVMbNfo3vPOCQMtfp1Lg0",
                         *       "consumerKey": "ck_86348069a212974ccaf5c418b64979436c218817",
                         *       "consumerSecret": "cs_9be4191bc085f8e6d577950cfb70052a755b6f43"
                         *     }
                         */
                        data: {
                            /** @description the same key for the WooCommerce and JSON-RPC APIs (ck_…), shown this once */
                            consumerKey: string;
                            consumerKeyEnding: string;
                            /** @description cs_…, shown this once */
                            consumerSecret: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /** @description the bearer token of the native API (hk_…), shown this once */
                            key: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            /** Format: date-time */
                            revokedAt: string | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    listAttempts: {
        parameters: {
            query?: {
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                limit?: number;
                /** @description an attempt id: only the attempts made after it, oldest first (to follow the log; cursor is then not used, and trigger may not be given) */
                newerThan?: number;
                trigger?: "scheduled" | "manual" | "test";
                webhookId?: string;
            };
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            deliveryId: string | null;
                            durationMs: number;
                            error: string | null;
                            eventType: string;
                            id: number;
                            request: {
                                body: string | null;
                                headers: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                method: "POST";
                                url: string;
                            };
                            response: {
                                body: string | null;
                                code: number;
                                headers: {
                                    [key: string]: string;
                                };
                                message: string | null;
                            } | null;
                            success: boolean;
                            test: boolean;
                            trigger: "scheduled" | "manual" | "test";
                            webhookId: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description only those created at or after this time (RFC 3339) */
                after?: string;
                /** @description only those created at or before this time (RFC 3339) */
                before?: string;
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                /** @description the event's type (order.created), every type of a resource (order.*), or * */
                eventType?: string;
                limit?: number;
                /** @description pending: waiting for its first attempt or its next retry; sending: an attempt is under way; held: its webhook is paused or disabled, and it goes out when the webhook is active again; queued: its fifo webhook is sending an earlier one, and it goes next; succeeded; failed: every attempt failed (resend or recover to try again) */
                status?: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
                webhookId?: string;
            };
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            attemptCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            eventId: string;
                            eventType: string;
                            id: string;
                            /** Format: date-time */
                            lastAttemptAt: string | null;
                            lastDurationMs: number | null;
                            lastError: string | null;
                            lastResponseCode: number | null;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            status: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                            webhookId: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            builtIn: boolean;
                            category: string;
                            deprecated: boolean;
                            description: string;
                            /** @enum {object|null} */
                            documentation: never | null;
                            example: {
                                [key: string]: unknown;
                            };
                            name: string;
                            schema: {
                                [key: string]: unknown;
                            } | null;
                            title: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    createEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    category?: string;
                    /** @description still published and subscribed to, but on its way out */
                    deprecated?: boolean;
                    description?: string;
                    example?: {
                        [key: string]: unknown;
                    };
                    name: string;
                    /** @description a JSON Schema (draft 2020-12) the data of its events must match (a publish that does not is refused with 422); no pattern or patternProperties; null removes it */
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * EventType
                         * @example {
                         *       "name": "order.created",
                         *       "title": "Order Created",
                         *       "category": "order",
                         *       "description": "Sent when an order is created",
                         *       "documentation": null,
                         *       "builtIn": true,
                         *       "deprecated": false,
                         *       "schema": null,
                         *       "example": {
                         *         "id": 42
                         *       }
                         *     }
                         */
                        data: {
                            builtIn: boolean;
                            category: string;
                            deprecated: boolean;
                            description: string;
                            /** @enum {object|null} */
                            documentation: never | null;
                            example: {
                                [key: string]: unknown;
                            };
                            name: string;
                            schema: {
                                [key: string]: unknown;
                            } | null;
                            title: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    deleteEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    updateEventType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    category?: string;
                    deprecated?: boolean;
                    description?: string;
                    example?: {
                        [key: string]: unknown;
                    };
                    /** @description a JSON Schema (draft 2020-12) the data of its events must match (a publish that does not is refused with 422); no pattern or patternProperties; null removes it */
                    schema?: {
                        [key: string]: unknown;
                    } | null;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * EventType
                         * @example {
                         *       "name": "order.created",
                         *       "title": "Order Created",
                         *       "category": "order",
                         *       "description": "Sent when an order is created",
                         *       "documentation": null,
                         *       "builtIn": true,
                         *       "deprecated": false,
                         *       "schema": null,
                         *       "example": {
                         *         "id": 42
                         *       }
                         *     }
                         */
                        data: {
                            builtIn: boolean;
                            category: string;
                            deprecated: boolean;
                            description: string;
                            /** @enum {object|null} */
                            documentation: never | null;
                            example: {
                                [key: string]: unknown;
                            };
                            name: string;
                            schema: {
                                [key: string]: unknown;
                            } | null;
                            title: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description only those created at or after this time (RFC 3339) */
                after?: string;
                /** @description only those created at or before this time (RFC 3339) */
                before?: string;
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                limit?: number;
                /** @description an event type (order.created), every type of a resource (order.*), or * */
                type?: string;
            };
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            deliveryCount: number;
                            failed: number;
                            id: string;
                            idempotencyKey: string | null;
                            /** @description deliveries not finished: pending, sending or held */
                            pending: number;
                            succeeded: number;
                            type: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a JSON object: the event payload */
                    data: unknown;
                    idempotencyKey?: string;
                    /** @description a JSON object that payload filters may test (metadata.*); neither sent nor stored */
                    metadata?: unknown;
                    type: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * PublishedEvent
                         * @example {
                         *       "id": "e1f2…",
                         *       "type": "order.created",
                         *       "data": {
                         *         "id": 42
                         *       },
                         *       "idempotencyKey": null,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "deliveryCount": 2,
                         *       "replayed": false
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the JSON object published */
                            data: unknown;
                            deliveryCount: number;
                            id: string;
                            idempotencyKey: string | null;
                            /** @description true when an earlier publish with the same idempotency key answered instead */
                            replayed: boolean;
                            type: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * EventWithDeliveries
                         * @example {
                         *       "id": "e1f2…",
                         *       "type": "order.created",
                         *       "data": {
                         *         "id": 42
                         *       },
                         *       "idempotencyKey": null,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "deliveries": [
                         *         {
                         *           "id": "d4c3…",
                         *           "eventId": "e1f2…",
                         *           "eventType": "order.created",
                         *           "webhookId": "0b7e…",
                         *           "status": "succeeded",
                         *           "attemptCount": 1,
                         *           "nextAttemptAt": null,
                         *           "lastAttemptAt": "2024-05-01T12:00:00.050Z",
                         *           "lastResponseCode": 200,
                         *           "lastError": null,
                         *           "lastDurationMs": 12.4,
                         *           "createdAt": "2024-05-01T12:00:00.000Z",
                         *           "updatedAt": "2024-05-01T12:00:00.063Z"
                         *         }
                         *       ]
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the JSON object published */
                            data: unknown;
                            deliveries: {
                                attemptCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                eventId: string;
                                eventType: string;
                                id: string;
                                /** Format: date-time */
                                lastAttemptAt: string | null;
                                lastDurationMs: number | null;
                                lastError: string | null;
                                lastResponseCode: number | null;
                                /** Format: date-time */
                                nextAttemptAt: string | null;
                                status: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
                                /** Format: date-time */
                                updatedAt: string;
                                webhookId: string;
                            }[];
                            id: string;
                            idempotencyKey: string | null;
                            type: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getWebhookHealth: {
        parameters: {
            query?: {
                /** @description default 24h */
                window?: "24h" | "7d";
            };
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * WorkspaceHealth
                         * @example {
                         *       "window": "24h",
                         *       "since": "2024-05-01T00:00:00.000Z",
                         *       "bucketSeconds": 3600,
                         *       "webhooks": [
                         *         {
                         *           "webhookId": "0c1d…",
                         *           "deliveries": {
                         *             "succeeded": 120,
                         *             "failed": 2,
                         *             "pending": 1
                         *           },
                         *           "attempts": 130,
                         *           "succeededAttempts": 120,
                         *           "successRate": 0.923,
                         *           "p95DurationMs": 180,
                         *           "lastFailure": {
                         *             "at": "2024-05-01T10:12:00.000Z",
                         *             "responseCode": 503,
                         *             "error": null
                         *           }
                         *         }
                         *       ],
                         *       "series": [
                         *         {
                         *           "at": "2024-05-01T00:00:00.000Z",
                         *           "succeeded": 10,
                         *           "failed": 1
                         *         }
                         *       ]
                         *     }
                         */
                        data: {
                            bucketSeconds: number;
                            series: {
                                /** Format: date-time */
                                at: string;
                                failed: number;
                                succeeded: number;
                            }[];
                            /** Format: date-time */
                            since: string;
                            webhooks: {
                                attempts: number;
                                deliveries: {
                                    failed: number;
                                    pending: number;
                                    succeeded: number;
                                };
                                lastFailure: {
                                    /** Format: date-time */
                                    at: string;
                                    error: string | null;
                                    responseCode: number | null;
                                } | null;
                                p95DurationMs: number | null;
                                succeededAttempts: number;
                                successRate: number | null;
                                webhookId: string;
                            }[];
                            window: "24h" | "7d";
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    openListenSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description what to forward (default: every event) */
                    events?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * ListenSession
                         * @example {
                         *       "sessionId": "nZkTXYuSE7Ewndmj1_wjTtBDiATruyCi",
                         *       "webhookId": "01a236c1-ff20-7101-94fd-4e52c24fcdd1",
                         *       "events": [
                         *         "order.*"
                         *       ],
                         *       "secret": "whsec_5ElO2EHeKB1aNfIUcetdwFViYi+5zC9QxkPxdGAXnBA=",
                         *       "expiresAfterMs": 60000
                         *     }
                         */
                        data: {
                            events: string[];
                            /** @description how long the session lives without its stream connected */
                            expiresAfterMs: number;
                            /** @description the temporary webhook's signing secret: your local endpoint verifies with it */
                            secret: string;
                            sessionId: string;
                            webhookId: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    closeListenSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    answerListenDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body?: string;
                    /** @description why the local endpoint could not be reached */
                    error?: string;
                    headers?: {
                        [key: string]: string;
                    };
                    requestId: number;
                    /** @description the local endpoint's status (an interim 1xx is not an answer) */
                    status?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    createPortalSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description seconds the link, and the portal session it opens, last (default 3600) */
                    expiresIn?: number;
                    /** @description the portal may look but not change anything */
                    readOnly?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * PortalLink
                         * @example {
                         *       "url": "https://hookd.example/ui/portal/5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10#token=9c2f…",
                         *       "expiresAt": "2024-05-01T13:00:00.000Z"
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description open it once: it signs its visitor in to this workspace's portal */
                            url: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getPortalSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * PortalSettings
                         * @example {
                         *       "displayName": "Acme Shop",
                         *       "logoUrl": "https://acme.example/logo.png",
                         *       "accentColor": "#0b5cad",
                         *       "frameAncestors": [
                         *         "https://app.acme.example"
                         *       ]
                         *     }
                         */
                        data: {
                            accentColor: string | null;
                            displayName: string | null;
                            frameAncestors: string[];
                            logoUrl: string | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    setPortalSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description #rrggbb */
                    accentColor?: string | null;
                    displayName?: string | null;
                    /** @description origins allowed to embed the portal in a frame, e.g. https://app.example.com */
                    frameAncestors?: string[];
                    /** @description an https:// image URL */
                    logoUrl?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * PortalSettings
                         * @example {
                         *       "displayName": "Acme Shop",
                         *       "logoUrl": "https://acme.example/logo.png",
                         *       "accentColor": "#0b5cad",
                         *       "frameAncestors": [
                         *         "https://app.acme.example"
                         *       ]
                         *     }
                         */
                        data: {
                            accentColor: string | null;
                            displayName: string | null;
                            frameAncestors: string[];
                            logoUrl: string | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description only those created at or after this time (RFC 3339) */
                after?: string;
                /** @description only those created at or before this time (RFC 3339) */
                before?: string;
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                /** @description only webhooks an event of this type would reach (subscribed to it, to its resource.* or to *) */
                event?: string;
                limit?: number;
                /** @description only webhooks whose name contains this text (any case) */
                name?: string;
                /** @description active: receives deliveries; paused: by its owner (queued or dropped, see pausedBehavior); disabled: after failing too long, or by its owner */
                status?: "active" | "paused" | "disabled";
                /** @description only webhooks whose URL contains this text (any case) */
                url?: string;
            };
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            events: string[];
                            failureCount: number;
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            format: "standard" | "woocommerce" | "shipstream";
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            /** @description its id: the kid in the workspace's JWKS and in each delivery's webhook-key-id */
                            keyId: string | null;
                            name: string;
                            ordering: "none" | "fifo";
                            pausedBehavior: "queue" | "drop";
                            /** @description the Ed25519 public key deliveries are signed with (whpk_…) */
                            publicKey: string | null;
                            rateLimit: {
                                perSecond: number;
                            } | null;
                            retrySchedule: string | null;
                            signing: "hmac" | "ed25519";
                            status: "active" | "paused" | "disabled";
                            transform: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true: it receives deliveries; false: paused (the default on create) */
                    active?: boolean;
                    description?: string;
                    /** @description event names from the catalog, "resource.*" or "*" */
                    events: string[];
                    /** @description payload filter: rules on type, data.* and metadata.* with $eq $neq $gt $gte $lt $lte $in $nin $exists $startsWith $endsWith $contains, $and $or $not, e.g. {"data.total": {"$gte": 100}}; null: every subscribed event */
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description extra request headers sent with every delivery; every value is stored encrypted, and values of sensitive names (Authorization, Cookie, names with token, key, secret, password, signature or hmac) are shown as "********" (sent back unchanged, the stored value stays) */
                    headers?: {
                        [key: string]: string;
                    };
                    name: string;
                    /**
                     * @description none: deliveries go out in parallel; fifo: one at a time in publish order, a failing one holding back those behind it until it succeeds or is given up
                     * @enum {unknown}
                     */
                    ordering?: "none" | "fifo";
                    /**
                     * @description events published while paused: kept for later (queue) or not (drop)
                     * @enum {unknown}
                     */
                    pausedBehavior?: "queue" | "drop";
                    /** @description at most this many requests to the endpoint per second, across every hookd process; deliveries beyond it wait; null: no limit */
                    rateLimit?: {
                        perSecond: number;
                    } | null;
                    /** @description its own delays after the first attempt, as HOOKD_RETRY_SCHEDULE writes them ("30s,5m,1h"): 1 to 20, each 100ms to 7d, 30d in all; null: the global schedule */
                    retrySchedule?: string | null;
                    /** @description signing secret; leave it out and hookd generates one, shown once in this answer. Read it later with GET …/webhooks/{id}/secret */
                    secret?: string;
                    /**
                     * @description how deliveries are signed: hmac (v1, with the secret; the default) or ed25519 (v1a, with a key pair hookd generates and keeps; its public key is in the webhook and in the workspace's JWKS). Changing it rotates: the old secret or key keeps signing for the grace period. Left out of a PUT, it stays
                     * @enum {unknown}
                     */
                    signing?: "hmac" | "ed25519";
                    /** @description a JSONata expression over the event {id, type, timestamp, data} that makes the request sent: {"body": …, "method": "POST"|"PUT", "headers": {…}, "path": "/suffix?query"}, or any other result as the body; null: the event as its format shapes it */
                    transform?: string | null;
                    /** @description http:// or https:// URL, without credentials */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * WebhookWithGeneratedSecret
                         * @example {
                         *       "id": "0b7e9c1a-3f5d-4e2b-8a6c-9d1e2f3a4b5c",
                         *       "name": "orders to my shop",
                         *       "url": "https://shop.example.com/hooks",
                         *       "events": [
                         *         "order.created"
                         *       ],
                         *       "active": true,
                         *       "status": "active",
                         *       "disabledReason": null,
                         *       "failureCount": 0,
                         *       "headers": {
                         *         "Authorization": "********"
                         *       },
                         *       "description": "",
                         *       "pausedBehavior": "queue",
                         *       "format": "standard",
                         *       "filter": {
                         *         "data.total": {
                         *           "$gte": 100
                         *         }
                         *       },
                         *       "retrySchedule": null,
                         *       "transform": null,
                         *       "ordering": "none",
                         *       "rateLimit": null,
                         *       "signing": "hmac",
                         *       "publicKey": null,
                         *       "keyId": null,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.000Z",
                         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                         *     }
                         */
                        data: {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            events: string[];
                            failureCount: number;
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            format: "standard" | "woocommerce" | "shipstream";
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            /** @description its id: the kid in the workspace's JWKS and in each delivery's webhook-key-id */
                            keyId: string | null;
                            name: string;
                            ordering: "none" | "fifo";
                            pausedBehavior: "queue" | "drop";
                            /** @description the Ed25519 public key deliveries are signed with (whpk_…) */
                            publicKey: string | null;
                            rateLimit: {
                                perSecond: number;
                            } | null;
                            retrySchedule: string | null;
                            /** @description the signing secret hookd generated: only in the answer that generated it */
                            secret?: string;
                            signing: "hmac" | "ed25519";
                            status: "active" | "paused" | "disabled";
                            transform: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Webhook
                         * @example {
                         *       "id": "0b7e9c1a-3f5d-4e2b-8a6c-9d1e2f3a4b5c",
                         *       "name": "orders to my shop",
                         *       "url": "https://shop.example.com/hooks",
                         *       "events": [
                         *         "order.created"
                         *       ],
                         *       "active": true,
                         *       "status": "active",
                         *       "disabledReason": null,
                         *       "failureCount": 0,
                         *       "headers": {
                         *         "Authorization": "********"
                         *       },
                         *       "description": "",
                         *       "pausedBehavior": "queue",
                         *       "format": "standard",
                         *       "filter": {
                         *         "data.total": {
                         *           "$gte": 100
                         *         }
                         *       },
                         *       "retrySchedule": null,
                         *       "transform": null,
                         *       "ordering": "none",
                         *       "rateLimit": null,
                         *       "signing": "ed25519",
                         *       "publicKey": "whpk_irrbSfknyZdzewkbeYXCVlwsQPaUTPTTP2jJ0EW0pMA=",
                         *       "keyId": "LlqQFbSesboTTDFYbxTzLaxcQInpsen1D1V-qXA2y7k",
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.000Z"
                         *     }
                         */
                        data: {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            events: string[];
                            failureCount: number;
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            format: "standard" | "woocommerce" | "shipstream";
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            /** @description its id: the kid in the workspace's JWKS and in each delivery's webhook-key-id */
                            keyId: string | null;
                            name: string;
                            ordering: "none" | "fifo";
                            pausedBehavior: "queue" | "drop";
                            /** @description the Ed25519 public key deliveries are signed with (whpk_…) */
                            publicKey: string | null;
                            rateLimit: {
                                perSecond: number;
                            } | null;
                            retrySchedule: string | null;
                            signing: "hmac" | "ed25519";
                            status: "active" | "paused" | "disabled";
                            transform: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    replaceWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true: it receives deliveries; false: paused (the default on create) */
                    active?: boolean;
                    description?: string;
                    /** @description event names from the catalog, "resource.*" or "*" */
                    events: string[];
                    /** @description payload filter: rules on type, data.* and metadata.* with $eq $neq $gt $gte $lt $lte $in $nin $exists $startsWith $endsWith $contains, $and $or $not, e.g. {"data.total": {"$gte": 100}}; null: every subscribed event */
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description extra request headers sent with every delivery; every value is stored encrypted, and values of sensitive names (Authorization, Cookie, names with token, key, secret, password, signature or hmac) are shown as "********" (sent back unchanged, the stored value stays) */
                    headers?: {
                        [key: string]: string;
                    };
                    name: string;
                    /**
                     * @description none: deliveries go out in parallel; fifo: one at a time in publish order, a failing one holding back those behind it until it succeeds or is given up
                     * @enum {unknown}
                     */
                    ordering?: "none" | "fifo";
                    /**
                     * @description events published while paused: kept for later (queue) or not (drop)
                     * @enum {unknown}
                     */
                    pausedBehavior?: "queue" | "drop";
                    /** @description at most this many requests to the endpoint per second, across every hookd process; deliveries beyond it wait; null: no limit */
                    rateLimit?: {
                        perSecond: number;
                    } | null;
                    /** @description its own delays after the first attempt, as HOOKD_RETRY_SCHEDULE writes them ("30s,5m,1h"): 1 to 20, each 100ms to 7d, 30d in all; null: the global schedule */
                    retrySchedule?: string | null;
                    /** @description signing secret; leave it out and hookd generates one, shown once in this answer. Read it later with GET …/webhooks/{id}/secret */
                    secret?: string;
                    /**
                     * @description how deliveries are signed: hmac (v1, with the secret; the default) or ed25519 (v1a, with a key pair hookd generates and keeps; its public key is in the webhook and in the workspace's JWKS). Changing it rotates: the old secret or key keeps signing for the grace period. Left out of a PUT, it stays
                     * @enum {unknown}
                     */
                    signing?: "hmac" | "ed25519";
                    /** @description a JSONata expression over the event {id, type, timestamp, data} that makes the request sent: {"body": …, "method": "POST"|"PUT", "headers": {…}, "path": "/suffix?query"}, or any other result as the body; null: the event as its format shapes it */
                    transform?: string | null;
                    /** @description http:// or https:// URL, without credentials */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * WebhookWithGeneratedSecret
                         * @example {
                         *       "id": "0b7e9c1a-3f5d-4e2b-8a6c-9d1e2f3a4b5c",
                         *       "name": "orders to my shop",
                         *       "url": "https://shop.example.com/hooks",
                         *       "events": [
                         *         "order.created"
                         *       ],
                         *       "active": true,
                         *       "status": "active",
                         *       "disabledReason": null,
                         *       "failureCount": 0,
                         *       "headers": {
                         *         "Authorization": "********"
                         *       },
                         *       "description": "",
                         *       "pausedBehavior": "queue",
                         *       "format": "standard",
                         *       "filter": {
                         *         "data.total": {
                         *           "$gte": 100
                         *         }
                         *       },
                         *       "retrySchedule": null,
                         *       "transform": null,
                         *       "ordering": "none",
                         *       "rateLimit": null,
                         *       "signing": "hmac",
                         *       "publicKey": null,
                         *       "keyId": null,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.000Z",
                         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                         *     }
                         */
                        data: {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            events: string[];
                            failureCount: number;
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            format: "standard" | "woocommerce" | "shipstream";
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            /** @description its id: the kid in the workspace's JWKS and in each delivery's webhook-key-id */
                            keyId: string | null;
                            name: string;
                            ordering: "none" | "fifo";
                            pausedBehavior: "queue" | "drop";
                            /** @description the Ed25519 public key deliveries are signed with (whpk_…) */
                            publicKey: string | null;
                            rateLimit: {
                                perSecond: number;
                            } | null;
                            retrySchedule: string | null;
                            /** @description the signing secret hookd generated: only in the answer that generated it */
                            secret?: string;
                            signing: "hmac" | "ed25519";
                            status: "active" | "paused" | "disabled";
                            transform: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description true: it receives deliveries; false: paused (the default on create) */
                    active?: boolean;
                    description?: string;
                    /** @description event names from the catalog, "resource.*" or "*" */
                    events?: string[];
                    /** @description payload filter: rules on type, data.* and metadata.* with $eq $neq $gt $gte $lt $lte $in $nin $exists $startsWith $endsWith $contains, $and $or $not, e.g. {"data.total": {"$gte": 100}}; null: every subscribed event */
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description extra request headers sent with every delivery; every value is stored encrypted, and values of sensitive names (Authorization, Cookie, names with token, key, secret, password, signature or hmac) are shown as "********" (sent back unchanged, the stored value stays) */
                    headers?: {
                        [key: string]: string;
                    };
                    name?: string;
                    /**
                     * @description none: deliveries go out in parallel; fifo: one at a time in publish order, a failing one holding back those behind it until it succeeds or is given up
                     * @enum {unknown}
                     */
                    ordering?: "none" | "fifo";
                    /**
                     * @description events published while paused: kept for later (queue) or not (drop)
                     * @enum {unknown}
                     */
                    pausedBehavior?: "queue" | "drop";
                    /** @description at most this many requests to the endpoint per second, across every hookd process; deliveries beyond it wait; null: no limit */
                    rateLimit?: {
                        perSecond: number;
                    } | null;
                    /** @description its own delays after the first attempt, as HOOKD_RETRY_SCHEDULE writes them ("30s,5m,1h"): 1 to 20, each 100ms to 7d, 30d in all; null: the global schedule */
                    retrySchedule?: string | null;
                    /** @description signing secret; leave it out and hookd generates one, shown once in this answer. Read it later with GET …/webhooks/{id}/secret */
                    secret?: string;
                    /**
                     * @description how deliveries are signed: hmac (v1, with the secret; the default) or ed25519 (v1a, with a key pair hookd generates and keeps; its public key is in the webhook and in the workspace's JWKS). Changing it rotates: the old secret or key keeps signing for the grace period. Left out of a PUT, it stays
                     * @enum {unknown}
                     */
                    signing?: "hmac" | "ed25519";
                    /** @description a JSONata expression over the event {id, type, timestamp, data} that makes the request sent: {"body": …, "method": "POST"|"PUT", "headers": {…}, "path": "/suffix?query"}, or any other result as the body; null: the event as its format shapes it */
                    transform?: string | null;
                    /** @description http:// or https:// URL, without credentials */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * WebhookWithGeneratedSecret
                         * @example {
                         *       "id": "0b7e9c1a-3f5d-4e2b-8a6c-9d1e2f3a4b5c",
                         *       "name": "orders to my shop",
                         *       "url": "https://shop.example.com/hooks",
                         *       "events": [
                         *         "order.created"
                         *       ],
                         *       "active": true,
                         *       "status": "active",
                         *       "disabledReason": null,
                         *       "failureCount": 0,
                         *       "headers": {
                         *         "Authorization": "********"
                         *       },
                         *       "description": "",
                         *       "pausedBehavior": "queue",
                         *       "format": "standard",
                         *       "filter": {
                         *         "data.total": {
                         *           "$gte": 100
                         *         }
                         *       },
                         *       "retrySchedule": null,
                         *       "transform": null,
                         *       "ordering": "none",
                         *       "rateLimit": null,
                         *       "signing": "hmac",
                         *       "publicKey": null,
                         *       "keyId": null,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.000Z",
                         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                         *     }
                         */
                        data: {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            events: string[];
                            failureCount: number;
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            format: "standard" | "woocommerce" | "shipstream";
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            /** @description its id: the kid in the workspace's JWKS and in each delivery's webhook-key-id */
                            keyId: string | null;
                            name: string;
                            ordering: "none" | "fifo";
                            pausedBehavior: "queue" | "drop";
                            /** @description the Ed25519 public key deliveries are signed with (whpk_…) */
                            publicKey: string | null;
                            rateLimit: {
                                perSecond: number;
                            } | null;
                            retrySchedule: string | null;
                            /** @description the signing secret hookd generated: only in the answer that generated it */
                            secret?: string;
                            signing: "hmac" | "ed25519";
                            status: "active" | "paused" | "disabled";
                            transform: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    listWebhookAttempts: {
        parameters: {
            query?: {
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                limit?: number;
                /** @description scheduled: a delivery and its retries; manual: a resend or recover; test: a test send */
                trigger?: "scheduled" | "manual" | "test";
            };
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** Format: date-time */
                            createdAt: string;
                            deliveryId: string | null;
                            durationMs: number;
                            error: string | null;
                            eventType: string;
                            id: number;
                            request: {
                                body: string | null;
                                headers: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                method: "POST";
                                url: string;
                            };
                            response: {
                                body: string | null;
                                code: number;
                                headers: {
                                    [key: string]: string;
                                };
                                message: string | null;
                            } | null;
                            success: boolean;
                            test: boolean;
                            trigger: "scheduled" | "manual" | "test";
                            webhookId: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description only those created at or after this time (RFC 3339) */
                after?: string;
                /** @description only those created at or before this time (RFC 3339) */
                before?: string;
                /** @description the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor) */
                cursor?: string;
                /** @description the event's type (order.created), every type of a resource (order.*), or * */
                eventType?: string;
                limit?: number;
                /** @description pending: waiting for its first attempt or its next retry; sending: an attempt is under way; held: its webhook is paused or disabled, and it goes out when the webhook is active again; queued: its fifo webhook is sending an earlier one, and it goes next; succeeded; failed: every attempt failed (resend or recover to try again) */
                status?: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
            };
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            attemptCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            eventId: string;
                            eventType: string;
                            id: string;
                            /** Format: date-time */
                            lastAttemptAt: string | null;
                            lastDurationMs: number | null;
                            lastError: string | null;
                            lastResponseCode: number | null;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            status: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                            webhookId: string;
                        }[];
                        /** @enum {object|null} */
                        error: never | null;
                        page: {
                            limit: number;
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * DeliveryWithAttempts
                         * @example {
                         *       "id": "d4c3…",
                         *       "eventId": "e1f2…",
                         *       "eventType": "order.created",
                         *       "webhookId": "0b7e…",
                         *       "status": "succeeded",
                         *       "attemptCount": 1,
                         *       "nextAttemptAt": null,
                         *       "lastAttemptAt": "2024-05-01T12:00:00.050Z",
                         *       "lastResponseCode": 200,
                         *       "lastError": null,
                         *       "lastDurationMs": 12.4,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.063Z",
                         *       "attempts": [
                         *         {
                         *           "id": 7,
                         *           "deliveryId": "d4c3…",
                         *           "webhookId": "0b7e…",
                         *           "eventType": "order.created",
                         *           "trigger": "scheduled",
                         *           "test": false,
                         *           "success": true,
                         *           "request": {
                         *             "url": "https://shop.example.com/hooks",
                         *             "method": "POST",
                         *             "headers": {
                         *               "content-type": "application/json",
                         *               "webhook-signature": "********"
                         *             },
                         *             "body": "{\"type\":\"order.created\",\"data\":{\"id\":42}}"
                         *           },
                         *           "response": {
                         *             "code": 200,
                         *             "message": "OK",
                         *             "headers": {
                         *               "content-type": "text/plain"
                         *             },
                         *             "body": "ok"
                         *           },
                         *           "durationMs": 12.4,
                         *           "error": null,
                         *           "createdAt": "2024-05-01T12:00:00.050Z"
                         *         }
                         *       ]
                         *     }
                         */
                        data: {
                            attemptCount: number;
                            attempts: {
                                /** Format: date-time */
                                createdAt: string;
                                deliveryId: string | null;
                                durationMs: number;
                                error: string | null;
                                eventType: string;
                                id: number;
                                request: {
                                    body: string | null;
                                    headers: {
                                        [key: string]: string;
                                    };
                                    /** @enum {string} */
                                    method: "POST";
                                    url: string;
                                };
                                response: {
                                    body: string | null;
                                    code: number;
                                    headers: {
                                        [key: string]: string;
                                    };
                                    message: string | null;
                                } | null;
                                success: boolean;
                                test: boolean;
                                trigger: "scheduled" | "manual" | "test";
                                webhookId: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            eventId: string;
                            eventType: string;
                            id: string;
                            /** Format: date-time */
                            lastAttemptAt: string | null;
                            lastDurationMs: number | null;
                            lastError: string | null;
                            lastResponseCode: number | null;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            status: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                            webhookId: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    resendDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Delivery
                         * @example {
                         *       "id": "d4c3…",
                         *       "eventId": "e1f2…",
                         *       "eventType": "order.created",
                         *       "webhookId": "0b7e…",
                         *       "status": "succeeded",
                         *       "attemptCount": 1,
                         *       "nextAttemptAt": null,
                         *       "lastAttemptAt": "2024-05-01T12:00:00.050Z",
                         *       "lastResponseCode": 200,
                         *       "lastError": null,
                         *       "lastDurationMs": 12.4,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.063Z"
                         *     }
                         */
                        data: {
                            attemptCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            eventId: string;
                            eventType: string;
                            id: string;
                            /** Format: date-time */
                            lastAttemptAt: string | null;
                            lastDurationMs: number | null;
                            lastError: string | null;
                            lastResponseCode: number | null;
                            /** Format: date-time */
                            nextAttemptAt: string | null;
                            status: "pending" | "sending" | "held" | "queued" | "succeeded" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                            webhookId: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    checkWebhookFilter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    event: {
                        /** @description a JSON object */
                        data: unknown;
                        /** @description a JSON object */
                        metadata?: unknown;
                        type: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * FilterCheck
                         * @example {
                         *       "matches": true
                         *     }
                         */
                        data: {
                            matches: boolean;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    recoverFailedDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description only deliveries created at or after this time
                     */
                    since?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Resent
                         * @example {
                         *       "resent": 12,
                         *       "more": false
                         *     }
                         */
                        data: {
                            /** @description true: a big recovery goes on in the background, a chunk at a time */
                            more: boolean;
                            /** @description failed deliveries due again when this answered */
                            resent: number;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description signing secret; leave it out and hookd generates one, shown once in this answer. Read it later with GET …/webhooks/{id}/secret */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * WebhookWithGeneratedSecret
                         * @example {
                         *       "id": "0b7e9c1a-3f5d-4e2b-8a6c-9d1e2f3a4b5c",
                         *       "name": "orders to my shop",
                         *       "url": "https://shop.example.com/hooks",
                         *       "events": [
                         *         "order.created"
                         *       ],
                         *       "active": true,
                         *       "status": "active",
                         *       "disabledReason": null,
                         *       "failureCount": 0,
                         *       "headers": {
                         *         "Authorization": "********"
                         *       },
                         *       "description": "",
                         *       "pausedBehavior": "queue",
                         *       "format": "standard",
                         *       "filter": {
                         *         "data.total": {
                         *           "$gte": 100
                         *         }
                         *       },
                         *       "retrySchedule": null,
                         *       "transform": null,
                         *       "ordering": "none",
                         *       "rateLimit": null,
                         *       "signing": "hmac",
                         *       "publicKey": null,
                         *       "keyId": null,
                         *       "createdAt": "2024-05-01T12:00:00.000Z",
                         *       "updatedAt": "2024-05-01T12:00:00.000Z",
                         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                         *     }
                         */
                        data: {
                            active: boolean;
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            events: string[];
                            failureCount: number;
                            filter: {
                                [key: string]: unknown;
                            } | null;
                            format: "standard" | "woocommerce" | "shipstream";
                            headers: {
                                [key: string]: string;
                            };
                            id: string;
                            /** @description its id: the kid in the workspace's JWKS and in each delivery's webhook-key-id */
                            keyId: string | null;
                            name: string;
                            ordering: "none" | "fifo";
                            pausedBehavior: "queue" | "drop";
                            /** @description the Ed25519 public key deliveries are signed with (whpk_…) */
                            publicKey: string | null;
                            rateLimit: {
                                perSecond: number;
                            } | null;
                            retrySchedule: string | null;
                            /** @description the signing secret hookd generated: only in the answer that generated it */
                            secret?: string;
                            signing: "hmac" | "ed25519";
                            status: "active" | "paused" | "disabled";
                            transform: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            url: string;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    getWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * SigningSecret
                         * @example {
                         *       "signing": "hmac",
                         *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                         *       "publicKey": null,
                         *       "keyId": null,
                         *       "previousSecret": null,
                         *       "previousPublicKey": null,
                         *       "previousKeyId": null,
                         *       "previousSecretExpiresAt": null
                         *     }
                         */
                        data: {
                            keyId: string | null;
                            previousKeyId: string | null;
                            /** @description during a grace period, the Ed25519 public key that still signs too */
                            previousPublicKey: string | null;
                            /** @description during a grace period, the HMAC secret that still signs too */
                            previousSecret: string | null;
                            /**
                             * Format: date-time
                             * @description when the grace period of the previous secret or key ends
                             */
                            previousSecretExpiresAt: string | null;
                            /** @description an ed25519 webhook's public key (whpk_…) */
                            publicKey: string | null;
                            /** @description the HMAC secret; null for an ed25519 webhook, whose private key is never shown */
                            secret: string | null;
                            signing: "hmac" | "ed25519";
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    runWebhookTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    event?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * TestReport
                         * @example {
                         *       "startedAt": "2024-05-01T12:00:00.000Z",
                         *       "testsRun": 1,
                         *       "testsSucceeded": 1,
                         *       "testsFailed": 0,
                         *       "tests": [
                         *         {
                         *           "event": "order.created",
                         *           "url": "https://shop.example.com/hooks",
                         *           "success": true,
                         *           "responseCode": 200,
                         *           "durationMs": 12.4,
                         *           "error": null
                         *         }
                         *       ]
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            startedAt: string;
                            tests: {
                                durationMs: number;
                                error: string | null;
                                event: string;
                                responseCode: number | null;
                                success: boolean;
                                url: string;
                            }[];
                            testsFailed: number;
                            testsRun: number;
                            testsSucceeded: number;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    runWebhookTests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    event?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * TestReport
                         * @example {
                         *       "startedAt": "2024-05-01T12:00:00.000Z",
                         *       "testsRun": 1,
                         *       "testsSucceeded": 1,
                         *       "testsFailed": 0,
                         *       "tests": [
                         *         {
                         *           "event": "order.created",
                         *           "url": "https://shop.example.com/hooks",
                         *           "success": true,
                         *           "responseCode": 200,
                         *           "durationMs": 12.4,
                         *           "error": null
                         *         }
                         *       ]
                         *     }
                         */
                        data: {
                            /** Format: date-time */
                            startedAt: string;
                            tests: {
                                durationMs: number;
                                error: string | null;
                                event: string;
                                responseCode: number | null;
                                success: boolean;
                                url: string;
                            }[];
                            testsFailed: number;
                            testsRun: number;
                            testsSucceeded: number;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    checkWebhookTransform: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                ws: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    event: {
                        /** @description a JSON object */
                        data: unknown;
                        /** @description default: msg_sample */
                        id?: string;
                        /** @description RFC 3339; default: now */
                        timestamp?: string;
                        type: string;
                    };
                    /** @description an expression to try instead of the saved one */
                    transform?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * TransformCheck
                         * @example {
                         *       "request": {
                         *         "method": "PUT",
                         *         "url": "https://shop.example.com/hooks/orders/42",
                         *         "headers": {
                         *           "X-Event": "order.created"
                         *         },
                         *         "body": "{\"order\":42}"
                         *       },
                         *       "error": null
                         *     }
                         */
                        data: {
                            /** @description why the transform made no request: what stopped it, or what is wrong with its result */
                            error: string | null;
                            request: {
                                /** @description the body as it would be sent and signed */
                                body: string;
                                /** @description the transform's extra headers (sensitive values masked) */
                                headers: {
                                    [key: string]: string;
                                };
                                method: "POST" | "PUT";
                                url: string;
                            } | null;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
    countWebhooks: {
        parameters: {
            query?: {
                /** @description only those created at or after this time (RFC 3339) */
                after?: string;
                /** @description only those created at or before this time (RFC 3339) */
                before?: string;
                /** @description only webhooks an event of this type would reach (subscribed to it, to its resource.* or to *) */
                event?: string;
                /** @description only webhooks whose name contains this text (any case) */
                name?: string;
                status?: "active" | "paused" | "disabled";
                /** @description only webhooks whose URL contains this text (any case) */
                url?: string;
            };
            header?: never;
            path: {
                ws: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": null,
                     *       "error": {
                     *         "code": "VALIDATION_ERROR",
                     *         "message": "url: must be an http:// or https:// URL",
                     *         "details": {
                     *           "field": "url"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @enum {object|null} */
                        data: never | null;
                        error: {
                            /** @description VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, … */
                            code: string;
                            details: {
                                field: string;
                            } | null;
                            message: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Count
                         * @example {
                         *       "count": 3
                         *     }
                         */
                        data: {
                            count: number;
                        };
                        /** @enum {object|null} */
                        error: never | null;
                    };
                };
            };
        };
    };
}
