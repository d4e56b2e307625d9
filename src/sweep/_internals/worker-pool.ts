/**
 * A small pool of worker threads evaluating sweep points. Workers start from an inline bootstrap (no file of
 * their own) that dynamically imports the task module, so the pool runs wherever that module is plain
 * JavaScript: the compiled `dist/` tree, or a `.mjs` fixture under vitest (vitest's TypeScript transform does
 * not reach worker threads, so TypeScript task modules only run in-process there).
 *
 * @packageDocumentation
 */
import { Worker } from "node:worker_threads";

/** A module exporting `evaluate(params) → result | Promise<result>` (or another export name). */
export interface TaskModuleSpec {
  /** `file:` URL (or absolute path) of an ES module or CommonJS file loadable by plain Node. */
  readonly module: string;
  /** Export to call. @defaultValue "evaluate" */
  readonly exportName?: string;
}

/** The outcome of one evaluation in a worker. */
export interface WorkerOutcome {
  readonly result?: unknown;
  readonly error?: string;
  readonly ms: number;
}

const BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
import(workerData.module).then((mod) => {
  const fn = mod[workerData.exportName] ?? (mod.default && mod.default[workerData.exportName]);
  if (typeof fn !== "function") {
    parentPort.postMessage({ fatal: "export " + workerData.exportName + " of " + workerData.module + " is not a function" });
    return;
  }
  parentPort.on("message", async (msg) => {
    const t0 = performance.now();
    try {
      const result = await fn(msg.params);
      parentPort.postMessage({ id: msg.id, result, ms: performance.now() - t0 });
    } catch (e) {
      parentPort.postMessage({ id: msg.id, error: String((e && e.message) || e), ms: performance.now() - t0 });
    }
  });
  parentPort.postMessage({ ready: true });
}, (e) => parentPort.postMessage({ fatal: String((e && e.stack) || e) }));
`;

interface Slot {
  worker: Worker;
  pending: { id: number; resolve: (o: WorkerOutcome) => void } | undefined;
}

/** A fixed-size pool; {@link WorkerPool.run} resolves with each point's outcome (errors become outcomes). */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 0;
  private closed = false;

  private constructor(private readonly spec: Required<TaskModuleSpec>) {}

  /** Starts `size` workers and waits until each has loaded the task module. */
  static async create(spec: TaskModuleSpec, size: number): Promise<WorkerPool> {
    const module = spec.module.startsWith("file:") ? spec.module : `file://${spec.module}`;
    const pool = new WorkerPool({ module, exportName: spec.exportName ?? "evaluate" });
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (e) {
      await pool.terminate();
      throw e;
    }
    return pool;
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(BOOTSTRAP, { eval: true, workerData: this.spec });
      const slot: Slot = { worker, pending: undefined };
      let ready = false;
      worker.on(
        "message",
        (msg: { ready?: boolean; fatal?: string; id?: number; result?: unknown; error?: string; ms?: number }) => {
          if (msg.ready) {
            ready = true;
            this.slots.push(slot);
            this.release(slot);
            resolve();
          } else if (msg.fatal !== undefined) {
            reject(new Error(`sweep worker could not load its task: ${msg.fatal}`));
          } else if (slot.pending !== undefined && msg.id === slot.pending.id) {
            const p = slot.pending;
            slot.pending = undefined;
            p.resolve({ result: msg.result, error: msg.error, ms: msg.ms ?? 0 });
            this.release(slot);
          }
        },
      );
      worker.on("error", (e) => {
        if (!ready) reject(e);
        else if (slot.pending !== undefined) {
          // The worker died mid-point: report the point as failed and replace the worker.
          const p = slot.pending;
          slot.pending = undefined;
          p.resolve({ error: `worker crashed: ${e.message}`, ms: 0 });
          this.slots.splice(this.slots.indexOf(slot), 1);
          if (!this.closed) void this.spawn().catch(() => {});
        }
      });
    });
  }

  private release(slot: Slot): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(slot);
    else this.idle.push(slot);
  }

  private acquire(): Promise<Slot> {
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Evaluates one point on the next free worker. */
  async run(params: unknown): Promise<WorkerOutcome> {
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve) => {
      slot.pending = { id, resolve };
      slot.worker.postMessage({ id, params });
    });
  }

  /** Stops every worker (in-flight points are abandoned). */
  async terminate(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
