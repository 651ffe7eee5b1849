#!/usr/bin/env node
// `tandem`: the command line of a Tandem node. Each command group registers itself here.
import { Command } from 'commander';
import { registerNodeCommands } from './node-command.js';
import { registerIngestCommand } from './ingest-command.js';
import { registerAccessCommands } from './access-command.js';
import { registerDemoCommands } from './demo-command.js';
import { registerModelCommand } from './model-command.js';
import { registerProfilesCommand } from './profiles-command.js';
import { registerScreenCommand } from './screen-command.js';
import { registerQueueCommand } from './queue-command.js';
import { registerAssessCommand } from './assess-command.js';
import { registerDemoPairCommand, registerExchangeCommand } from './exchange-command.js';
import { registerPartnerCommand } from './partner-command.js';

const program = new Command();
program.name('tandem').description('Tandem: joint customs risk analysis, targeting and intelligence exchange').version('0.1.0');

registerNodeCommands(program);
registerIngestCommand(program);
registerAccessCommands(program);
registerDemoCommands(program);
registerModelCommand(program);
registerProfilesCommand(program);
registerScreenCommand(program);
registerQueueCommand(program);
registerAssessCommand(program);
registerExchangeCommand(program);
registerDemoPairCommand(program);
registerPartnerCommand(program);

await program.parseAsync(process.argv);
