// Test module that tries to leave its sandbox. PB_MARKER names a file outside every allowed folder.
import { arg, componentClass, port } from 'plugboard';

const host = globalThis as unknown as { process: { env: Record<string, string | undefined>; getBuiltinModule(id: string): any } };
const marker = host.process.env['PB_MARKER'];
if (marker && host.process.env['PB_TOP_LEVEL'] === '1') host.process.getBuiltinModule('node:fs').writeFileSync(marker, 'top-level code ran');

export class Spawn extends componentClass({ outputs: { n: port<number>() } }) {
  override step(): void {
    host.process.getBuiltinModule('node:child_process').execSync(`touch ${marker}`);
    this.io.close();
  }
}

export class Write extends componentClass({ outputs: { n: port<number>() } }) {
  override step(): void {
    host.process.getBuiltinModule('node:fs').writeFileSync(marker!, 'written from a step');
    this.io.close();
  }
}

export class Slow extends componentClass({ outputs: { n: port<number>() } }) {
  private i = 0;
  override async step(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.out.n = this.i++;
  }
}

/** Writes to a path given as `target` (not `path`, so validation cannot see it). */
export class StoreWriter extends componentClass({ inputs: { value: port() }, args: { target: arg.string() } }) {
  override step(): void {
    this.files.append(this.args.target, this.name, `${String(this.in.value)}\n`);
  }
}
