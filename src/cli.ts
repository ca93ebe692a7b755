#!/usr/bin/env node
import { runCli } from "./cli/main.js";

const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;
