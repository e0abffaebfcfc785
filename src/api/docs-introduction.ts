/**
 * The opening text of the API reference at /docs (Markdown, rendered by Swagger UI above the native
 * routes): how to authenticate, the README's first steps as curl, and the other two APIs hookd speaks.
 * The full guides are docs/*.md in the repository.
 */
export const DOCS_INTRODUCTION = `
hookd delivers the events your application publishes to every subscribed webhook, signed (Standard
Webhooks), with retries, and logs every attempt. One engine, three APIs: this **native API** (UP42's
workspace webhooks, extended: the routes below), **WooCommerce's legacy REST v2** webhooks under
\`/wc-api/v2\`, and **ShipStream's JSON-RPC 2.0** at \`/api/jsonrpc\`. A webhook made through one is the
same webhook in the others.

### Authentication

Send \`Authorization: Bearer <token>\`: the admin token (printed at the first start; \`hookd admin-token\`
makes a new one) or a workspace API key (\`hk_…\`). Answers are \`{"data": …, "error": null}\`; errors
are \`{"data": null, "error": {"code", "message", "details"}}\`.

### First steps

\`\`\`sh
export ADMIN=…   # the admin token
curl -s -X POST localhost:8080/workspaces -H "Authorization: Bearer $ADMIN" \\
  -H 'Content-Type: application/json' -d '{"name": "my shop"}'
export WS=…      # data.id
curl -s -X POST localhost:8080/workspaces/$WS/api-keys -H "Authorization: Bearer $ADMIN" \\
  -H 'Content-Type: application/json' -d '{"name": "backend"}'
export KEY=hk_…  # data.key
curl -s -X POST localhost:8080/workspaces/$WS/webhooks -H "Authorization: Bearer $KEY" \\
  -H 'Content-Type: application/json' -d '{
    "name": "orders to my shop", "url": "http://127.0.0.1:9000/hooks",
    "events": ["order.created"], "active": true}'
export HOOK=…    # data.id (data.secret: the signing secret, shown this once)
curl -s -X POST localhost:8080/workspaces/$WS/events -H "Authorization: Bearer $KEY" \\
  -H 'Content-Type: application/json' -d '{"type": "order.created", "data": {"id": 42, "total": "9.50"}}'
curl -s "localhost:8080/workspaces/$WS/events?type=order.*" -H "Authorization: Bearer $KEY"
curl -s localhost:8080/workspaces/$WS/webhooks/$HOOK/deliveries -H "Authorization: Bearer $KEY"
curl -s localhost:8080/workspaces/$WS/webhooks/$HOOK/secret -H "Authorization: Bearer $KEY"
\`\`\`

### WooCommerce legacy REST v2 (\`/wc-api/v2\`)

Authenticate with a workspace key's \`consumerKey\` and \`consumerSecret\` (HTTP Basic, query parameters,
or one-legged OAuth 1.0a). Routes: \`GET|POST /wc-api/v2/webhooks\`, \`GET /wc-api/v2/webhooks/count\`,
\`GET|PUT|DELETE /wc-api/v2/webhooks/<id>\`, \`GET /wc-api/v2/webhooks/<id>/deliveries[/<id>]\`. Errors are
\`{"errors": [{"code": "woocommerce_api_…", "message"}]}\`.

\`\`\`sh
curl -s -u "$CONSUMER_KEY:$CONSUMER_SECRET" -X POST localhost:8080/wc-api/v2/webhooks \\
  -H 'Content-Type: application/json' \\
  -d '{"webhook": {"name": "orders", "topic": "order.created", "delivery_url": "http://127.0.0.1:9000/wc"}}'
\`\`\`

### ShipStream JSON-RPC 2.0 (\`POST /api/jsonrpc\`)

\`login\` with \`[consumerKey, consumerSecret]\` returns a session; \`call\` takes
\`[session, "webhook.<method>", [args…]]\` with the methods \`webhook.list\`, \`webhook.info\`,
\`webhook.create\`, \`webhook.update\`, \`webhook.update_status\` and \`webhook.delete\`; \`endSession\` ends it.
Its OpenRPC document is at [/openrpc.json](/openrpc.json).

\`\`\`sh
curl -s localhost:8080/api/jsonrpc -H 'Content-Type: application/json' \\
  -d '{"jsonrpc": "2.0", "id": 1, "method": "login", "params": ["'$CONSUMER_KEY'", "'$CONSUMER_SECRET'"]}'
curl -s localhost:8080/api/jsonrpc -H 'Content-Type: application/json' \\
  -d '{"jsonrpc": "2.0", "id": 2, "method": "call", "params": ["<session>", "webhook.list", []]}'
\`\`\`
`;
