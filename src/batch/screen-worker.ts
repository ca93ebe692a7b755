/**
 * A worker thread of batch screening (`dixian screen --workers N`, and `dixian serve` for large
 * batches; N − 1 of them beside the main thread): compiles the rule set the main thread sent, then
 * screens chunks of input and returns each chunk's entries, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { errorMessage, prepareScreening, screenChunk, type ChunkRequest } from "./chunk.js";
import type { WorkerData } from "./workers.js";

const { config, ruleSet } = workerData as WorkerData;
const prepared = prepareScreening(config, ruleSet);
let queue = Promise.resolve();

parentPort!.on("message", (request: ChunkRequest) => {
  queue = queue
    .then(async () => {
      parentPort!.postMessage({ seq: request.seq, output: await screenChunk(prepared, request) });
    })
    .catch((error: unknown) => {
      parentPort!.postMessage({ seq: request.seq, error: errorMessage(error) });
    });
});
