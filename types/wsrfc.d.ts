// Type declarations for wsrfc scripts: the `sap` module and the globals.
// Point your editor at this file (jsconfig.json: { "compilerOptions": { "checkJs": true },
// "include": ["*.js", "path/to/wsrfc.d.ts"] }) to get completion and checks.

/** A value of an ABAP data type, as wsrfc maps it (API.md, "Types, both ways"). */
type AbapValue =
  | string // CHAR, NUMC, DATS 'YYYYMMDD', TIMS 'HHMMSS', STRING; DEC/CURR/QUAN/DECFLOAT as exact decimal text
  | number // INT1/2/4, FLTP, INT8 where safe
  | bigint // INT8 beyond 2^53
  | Uint8Array // RAW, XSTRING
  | AbapStructure
  | AbapTable;
interface AbapStructure { [field: string]: AbapValue }
type AbapTable = Array<AbapStructure | AbapValue>;

/** Parameters of a call: IMPORTING, CHANGING and TABLES parameters by name. */
interface CallParams { [parameter: string]: AbapValue | boolean | Date | null | undefined }
/** Result of a call: every EXPORTING, CHANGING and TABLES parameter by name. */
interface CallResult { [parameter: string]: any }

interface CallOptions {
  /** Milliseconds to wait for the reply (default: --timeout, else 120000). */
  timeout?: number;
}

interface ConnectOptions {
  url?: string;
  client?: string;
  user?: string;
  /** Prefer SAP_PASSWORD; never hard-code passwords in scripts. */
  password?: string;
  cookie?: string;
  language?: string;
  path?: string;
  insecure?: boolean;
  timeout?: number;
  /** Use the built-in simulator. */
  sim?: boolean;
  /** A destination from the destinations file. */
  dest?: string;
}

interface SessionInfo {
  id: string | null;
  version?: string;
  protocol?: number;
  legacy?: boolean;
  domains?: string[];
  features?: string[];
  connected: boolean;
  simulator: boolean;
  url: string;
  client: string;
  user: string;
  systemId?: string;
  release?: string;
  language?: string;
}

interface ParameterMetadata {
  name: string;
  kind: 'importing' | 'exporting' | 'changing' | 'tables';
  type: string;
  optional: boolean;
  default?: string;
  description?: string;
  dataType?: DataType;
}

interface DataType {
  kind: 'CHAR' | 'NUMC' | 'DATS' | 'TIMS' | 'STRING' | 'INT1' | 'INT2' | 'INT4' | 'INT8' | 'FLTP' | 'DEC' | 'DF16' | 'DF34' | 'RAW' | 'XSTRING' | 'STRUCT' | 'TABLE';
  name?: string;
  ddic?: string;
  length?: number;
  decimals?: number;
  fields?: Array<DataType & { name: string }>;
  line?: DataType;
}

interface FunctionMetadata {
  name: string;
  function: string;
  group?: string;
  description?: string;
  remote?: boolean;
  parameters: ParameterMetadata[];
  exceptions?: Array<{ name: string; description?: string }>;
}

interface FunctionInfo { name: string; group: string; description: string; remote: boolean }

interface Rfc {
  /** Calls a function module and waits for its result. */
  call(fm: string, params?: CallParams, options?: CallOptions): CallResult;
  /** Calls a function module; many calls may be in flight on the one session. */
  callAsync(fm: string, params?: CallParams, options?: CallOptions): Promise<CallResult>;
  /** Function modules matching a pattern (* and ? wildcards, case-insensitive). */
  search(pattern: string, options?: { max?: number }): FunctionInfo[] & { readonly truncated: boolean };
  /** A function module's interface, cached per session. */
  metadata(fm: string): FunctionMetadata;
  /** A round trip through the rfc domain. */
  ping(): true;
}

/** Any method x(params) sends sap.request(domain, 'x', params). */
type Domain = { readonly name: string } & { [action: string]: (params?: object, options?: CallOptions) => any };

interface Debugger extends Domain {
  setBreakpoint(params: { kind?: 'line' | 'statement' | 'exception'; program?: string; uri?: string; line?: number; statement?: string; exception?: string }): { breakpointId: string; [k: string]: any };
  getBreakpoints(): { breakpoints: any[] };
  deleteBreakpoint(params: { breakpointId: string }): { deleted: string };
  listen(params?: { timeout?: number; user?: string }): { status: 'caught' | 'timeout'; debuggees: any[] };
  getDebuggees(params?: { user?: string }): { debuggees: any[] };
  attach(params: { debuggeeId: string }): any;
  step(params?: { type?: 'into' | 'over' | 'return' | 'continue' }): any;
  getStack(): { stack: any[] };
  getVariables(params?: { scope?: 'system' | 'locals' | 'all' }): { variables: Array<{ name: string; value: string; [k: string]: any }> };
  detach(): any;
  getStatus(): any;
}

interface SapEvent { event: string; domain: string; data: any }

interface SapClient {
  readonly session: SessionInfo;
  readonly rfc: Rfc;
  readonly debug: Debugger;
  /** Round trip through the system domain; the latency in ms. */
  ping(): number;
  request(domain: string, action: string, params?: object, options?: CallOptions): any;
  requestAsync(domain: string, action: string, params?: object, options?: CallOptions): Promise<any>;
  domain(name: string): Domain;
  on(event: 'message' | string, fn: (e: SapEvent) => void): this;
  on(event: 'open', fn: (session: SessionInfo) => void): this;
  on(event: 'close', fn: (info: { reason: string; code?: number }) => void): this;
  off(event: string, fn: Function): this;
  close(): void;
}

declare class SapError extends Error {
  code: string;
  domain: string;
  action: string;
  key?: string;
  exceptionClass?: string;
  msgType?: string;
  msgId?: string;
  msgNo?: string;
  msgV1?: string;
  msgV2?: string;
  msgV3?: string;
  msgV4?: string;
  parameter?: string;
  function?: string;
  /** The request never left the client. */
  local?: boolean;
}
declare class ConnectionError extends SapError { status?: number; closeCode?: number }
declare class TimeoutError extends SapError { timeout: number }

interface Sap extends SapClient {
  connect(options?: ConnectOptions | string): SessionInfo;
  open(options?: ConnectOptions | string): SapClient;
  SapError: typeof SapError;
  ConnectionError: typeof ConnectionError;
  TimeoutError: typeof TimeoutError;
  /** Present only on the built-in simulator. */
  sim?: { load(file: string): void };
}

declare const sap: Sap;
declare function require(id: 'sap'): Sap;
declare function require(id: string): any;

declare const process: {
  argv: string[];
  env: { [name: string]: string | undefined };
  exit(code?: number): never;
  exitCode: number | undefined;
  platform: string;
  stdout: { write(s: string): boolean };
  stderr: { write(s: string): boolean };
};

// Test runner (wsrfc test).
declare function describe(name: string, fn: () => void): void;
declare namespace describe { function skip(name: string, fn: () => void): void; function only(name: string, fn: () => void): void }
declare function it(name: string, fn: () => void | Promise<void>, timeout?: number): void;
declare namespace it { function skip(name: string, fn: () => void | Promise<void>): void; function only(name: string, fn: () => void | Promise<void>, timeout?: number): void }
declare const test: typeof it;
declare function beforeAll(fn: () => void | Promise<void>): void;
declare function afterAll(fn: () => void | Promise<void>): void;
declare function beforeEach(fn: () => void | Promise<void>): void;
declare function afterEach(fn: () => void | Promise<void>): void;

interface Matchers<R> {
  not: Matchers<R>;
  resolves: Matchers<Promise<R>>;
  rejects: Matchers<Promise<R>>;
  toBe(expected: any): R;
  toEqual(expected: any): R;
  toStrictEqual(expected: any): R;
  toBeTruthy(): R;
  toBeFalsy(): R;
  toBeNull(): R;
  toBeUndefined(): R;
  toBeDefined(): R;
  toContain(item: any): R;
  toMatch(pattern: RegExp | string): R;
  toHaveLength(n: number): R;
  toHaveProperty(path: string | string[], value?: any): R;
  toBeGreaterThan(n: number | bigint): R;
  toBeLessThan(n: number | bigint): R;
  toBeCloseTo(n: number, digits?: number): R;
  toThrow(expected?: string | RegExp | Function | Error): R;
  toBeInstanceOf(cls: Function): R;
}
declare function expect<T = any>(actual: T): Matchers<void>;
