// The part of the WebAssembly JS API that quiet-lines-wasm.ts uses: Node has it, but TypeScript's
// ES libraries leave it to the DOM library, which this project does not load.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Global {
    value: unknown;
  }
}

type BufferSource = ArrayBufferView | ArrayBuffer;
