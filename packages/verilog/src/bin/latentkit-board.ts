#!/usr/bin/env node
/** `latentkit-board`: the host command of the Nexys4 DDR tops (see `runBoardCli`). */
import { runBoardCli } from '../node/board-cli.js';

void runBoardCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
