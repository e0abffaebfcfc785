/** The operator commands: they talk to a running hookd over its native API, through the typed client. */
import type { Command } from 'commander';
import { deliveryCommands } from './delivery.ts';
import { eventCommands } from './event.ts';
import { keyCommands } from './key.ts';
import { listenCommand } from './listen.ts';
import { tailCommand } from './tail.ts';
import { webhookCommands } from './webhook.ts';
import { workspaceCommands } from './workspace.ts';

export function operatorCommands(program: Command): void {
  workspaceCommands(program);
  keyCommands(program);
  webhookCommands(program);
  eventCommands(program);
  deliveryCommands(program);
  tailCommand(program);
  listenCommand(program);
}
