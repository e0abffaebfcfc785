/**
 * Small helpers shared by the delivery tests: a workspace with one webhook, publishing, and reading a
 * webhook's deliveries and attempts back through the native API (never through the store directly).
 */
import { expect } from 'vitest';
import { createWorkspace, eventually, type ApiClient } from '../../helpers/hookd.ts';

export type Workspace = Awaited<ReturnType<typeof createWorkspace>>;

/** A fresh workspace (events published here reach only this workspace's webhooks) with one webhook. */
export async function workspaceWithWebhook(api: ApiClient, name: string, url: string, fields: Record<string, unknown> = { active: true }) {
  const ws = await createWorkspace(api, name);
  const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name, url, events: ['order.created'], ...fields });
  expect(created.status, created.text).toBe(201);
  return { ws, webhook: created.body.data as { id: string; status: string; active: boolean; failureCount: number } };
}

export async function publish(ws: Workspace, data: Record<string, unknown> = {}, type = 'order.created') {
  const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type, data });
  expect(published.status, published.text).toBe(202);
  return published.body.data as { id: string; deliveryCount: number; createdAt: string };
}

export async function getWebhook(ws: Workspace, webhookId: string) {
  const response = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}`);
  expect(response.status, response.text).toBe(200);
  return response.body.data;
}

export async function listDeliveries(ws: Workspace, webhookId: string): Promise<any[]> {
  const response = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}/deliveries?limit=250`);
  expect(response.status, response.text).toBe(200);
  return response.body.data;
}

/** The delivery with its attempts (oldest attempt first). */
export async function deliveryDetail(ws: Workspace, webhookId: string, deliveryId: string) {
  const response = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}/deliveries/${deliveryId}`);
  expect(response.status, response.text).toBe(200);
  return response.body.data;
}

/** Waits until the webhook's only (or newest) delivery of `eventId` reaches `status`, and returns it with its attempts. */
export async function deliveryOf(ws: Workspace, webhookId: string, eventId: string, status: string, timeoutMs = 10_000) {
  const delivery = await eventually(async () => {
    const found = (await listDeliveries(ws, webhookId)).find((d) => d.eventId === eventId);
    return found?.status === status ? found : null;
  }, timeoutMs);
  return deliveryDetail(ws, webhookId, delivery.id);
}
