// Minimal typings for the parts of pngjs (a pureimage dependency, shipped without types)
// that the chart renderer and its tests use.
declare module 'pngjs' {
  export interface PNGOptions {
    width?: number;
    height?: number;
  }
  export interface PNGWriteOptions {
    colorType?: 0 | 2 | 4 | 6;
    inputHasAlpha?: boolean;
    deflateLevel?: number;
  }
  export class PNG {
    constructor(options?: PNGOptions);
    width: number;
    height: number;
    data: Buffer;
    static sync: {
      read(buffer: Buffer): PNG;
      write(png: PNG, options?: PNGWriteOptions): Buffer;
    };
  }
}
