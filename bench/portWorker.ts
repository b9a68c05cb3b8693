// Worker entry for the raw data-plane benchmark: one end of a port channel, no component loop.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PortLike } from '../src/host/PortLike.ts';
import { createPortReceiver, createPortSender } from '../src/host/portChannel.ts';
import { CLOSED } from '../src/runtime/channel.ts';

const api = {
  async produce(port: PortLike, n: number, capacity: number): Promise<void> {
    const tx = createPortSender(port, { capacity });
    for (let i = 0; i < n; i++) {
      const wait = tx.send(i);
      if (wait) await wait;
    }
    tx.close();
  },
  async consume(port: PortLike, capacity: number): Promise<number> {
    const rx = createPortReceiver(port, { capacity });
    let count = 0;
    for (;;) {
      let v = rx.tryRecv();
      if (v === CLOSED) return count;
      if (typeof v === 'symbol') v = await rx.recv();
      if (v === CLOSED) return count;
      count++;
    }
  },
};
export type PortWorkerApi = typeof api;
Comlink.expose(api, nodeEndpoint(parentPort!));
