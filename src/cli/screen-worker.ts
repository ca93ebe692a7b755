/**
 * A worker thread of `dixian screen --workers N`: loads the rule set once, then screens chunks of
 * input and returns each household's output text (or rejection) in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { screenChunk, type ChunkRequest, type WorkerConfig } from "./screen-chunk.js";
import { prepareScreening } from "./screen-chunk.js";

const config = workerData as WorkerConfig;
const prepared = prepareScreening(config);
let queue = Promise.resolve();

parentPort!.on("message", (request: ChunkRequest) => {
  queue = queue.then(async () => {
    parentPort!.postMessage({ seq: request.seq, outputs: await screenChunk(prepared, request) });
  }).catch((error: unknown) => {
    parentPort!.postMessage({ seq: request.seq, error: (error as Error)?.message ?? String(error) });
  });
});
