/** What the baseline's publisher, worker and bench side agree on: where Redis is, and a job's data. */
import type { ConnectionOptions } from 'bullmq';

/** The local Redis. maxRetriesPerRequest null: BullMQ requires it for a Worker's blocking connection. */
export const connection: ConnectionOptions = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

/** One delivery: an event's body to one webhook URL. The body is built once per event, then copied into each job. */
export interface DeliveryJob {
  eventId: string;
  url: string;
  body: string;
}
