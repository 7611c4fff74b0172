// Type declarations for wsrfc scripts: the `sap` module and the globals.
// Point your editor at this file (`wsrfc init` writes a jsconfig.json or tsconfig.json that does) to get
// completion and checks.

/** A value of an ABAP data type, as wsrfc maps it (API.md, "Types, both ways"). */
type AbapValue =
  | string // CHAR, NUMC, DATS 'YYYYMMDD', TIMS 'HHMMSS', STRING; DEC/CURR/QUAN/DECFLOAT as exact decimal text; UTCLONG 'YYYY-MM-DDThh:mm:ss.fffffff' (UTC)
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
  /** Throw a sap.BapiError when the result's BAPI return holds an E, A or X message (default: rfc.throwOnError). */
  throwOnError?: boolean;
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
  kind: 'CHAR' | 'NUMC' | 'DATS' | 'TIMS' | 'STRING' | 'INT1' | 'INT2' | 'INT4' | 'INT8' | 'FLTP' | 'DEC' | 'DF16' | 'DF34' | 'RAW' | 'XSTRING' | 'UTCLONG' | 'STRUCT' | 'TABLE';
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
  /** Session-wide default of the throwOnError call option (false). */
  throwOnError: boolean;
}

/** A BAPI return message (BAPIRET2, BAPIRET1, BAPIRETURN, BAPIRETURN1), normalised. */
interface BapiMessage {
  type: string; id: string; number: string; message: string;
  v1: string; v2: string; v3: string; v4: string;
  parameter: string; row: number; field: string;
}

/** What a sap.transaction callback gets: the session's helpers, and the BAPI messages seen so far. */
interface Transaction {
  readonly rfc: Rfc;
  readonly table: (name: string) => Table;
  request(domain: string, action: string, params?: object, options?: CallOptions): any;
  requestAsync(domain: string, action: string, params?: object, options?: CallOptions): Promise<any>;
  readonly messages: Array<BapiMessage & { function: string }>;
}

interface TableReadOptions {
  /** Field names (default: every field RFC_READ_TABLE can return). */
  fields?: string[];
  /** A WHERE clause of any length, clause parts joined by blanks, or { FIELD: value | values } joined by AND. */
  where?: string | string[] | { [field: string]: string | number | Array<string | number> };
  /** Convert literals compared with ALPHA fields to the internal format (default true). */
  alpha?: boolean;
  /** Rows at most (read; 0 or absent: all). */
  max?: number;
  /** Rows to skip (read). */
  skip?: number;
  /** Rows per RFC_READ_TABLE call (read: one call when absent; rows: 1000). */
  batch?: number;
}

interface TableField {
  name: string; key: boolean; type: string; abapType: string; length: number; decimals: number;
  convexit: string; text: string;
}

/** Rows of a table page by page: for await (...of rows), forEach(), next() or a synchronous for...of. */
interface TableRows extends AsyncIterableIterator<AbapStructure>, Iterable<AbapStructure> {
  /** Calls fn for each row (awaiting what it returns); resolves to the number of rows. */
  forEach(fn: (row: AbapStructure, index: number) => unknown): Promise<number>;
}

interface Table {
  readonly name: string;
  /** The DDIC fields (DDIF_FIELDINFO_GET), cached per session. */
  fields(): TableField[];
  read(options?: TableReadOptions): AbapStructure[];
  readAsync(options?: TableReadOptions): Promise<AbapStructure[]>;
  rows(options?: Omit<TableReadOptions, 'max' | 'skip'>): TableRows;
}

type EachOutcome<T> = { destination: string; value: T } | { destination: string; error: any };

interface CallStats {
  calls: number;
  requests: number;
  bytesSent: number;
  bytesReceived: number;
  byFunction: { [fm: string]: { calls: number; ms: number; avgMs: number; maxMs: number } };
  slowest: Array<{ function: string; ms: number; at: string }>;
}

/** Any method x(params) sends sap.request(domain, 'x', params). */
type Domain = { readonly name: string; [action: string]: any };

/**
 * The debug domain (docs/debugging.md). An action the server does not announce in its welcome
 * (feature `debug.<action>`, see session.features) throws UNSUPPORTED_BY_SERVER before sending.
 */
interface Debugger extends Domain {
  setBreakpoint(params: { kind?: 'line' | 'statement' | 'exception'; program?: string; include?: string; uri?: string; line?: number; statement?: string; exception?: string; condition?: string }): { breakpointId: string; [k: string]: any };
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
  /**
   * Opens (or reopens) the session: sap.connect() with the command line's destination, a session of
   * sap.open() with its own; or with the options or destination name given. A session that ended is
   * never replaced silently, since its LUW and memory are gone: this is how to go on.
   */
  connect(options?: ConnectOptions | string): SessionInfo;
  /** Runs fn as one LUW: BAPI_TRANSACTION_COMMIT (no WAIT) when it returns and no E/A/X message was seen, else rollback and rethrow. */
  transaction<T>(fn: (tx: Transaction) => T | Promise<T>): Promise<T>;
  /** A table read through RFC_READ_TABLE with DDIC field information. */
  table(name: string): Table;
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
declare class ConnectionError extends SapError {
  status?: number; closeCode?: number;
  /** Set by sap.transaction: the session ended during the LUW, whose outcome is unknown. */
  sessionLost?: boolean; outcome?: 'unknown';
}
declare class BapiError extends SapError {
  messages: BapiMessage[];
  /** Set by sap.transaction when it rolled the LUW back. */
  rolledBack?: boolean;
}
declare class TimeoutError extends SapError { timeout: number }

interface Sap extends SapClient {
  open(options?: ConnectOptions | string): SapClient;
  SapError: typeof SapError;
  ConnectionError: typeof ConnectionError;
  TimeoutError: typeof TimeoutError;
  BapiError: typeof BapiError;
  /** The BAPI return messages of a result (or of a RETURN structure or table). */
  messages(result: CallResult | AbapStructure | AbapTable): BapiMessage[];
  /** Conversion exits computed locally. */
  convert: { alpha: { input(value: string | number, length: number): string; output(value: string): string } };
  /** One session per destination, fn for each; outcomes in the given order. A table of them goes to stderr (report: false to keep quiet) and failures set process.exitCode to 1. */
  each<T>(destinations: string[], fn: (session: SapClient, destination: string) => T | Promise<T>,
    options?: { concurrency?: number; report?: boolean }): Promise<Array<EachOutcome<T>>>;
  /** Calls, bytes and time per function module of every session of this script. */
  stats(): CallStats;
  /** Present only on the built-in simulator. */
  sim?: { load(file: string): void };
}

declare const sap: Sap;
declare function require(id: 'sap'): Sap;
declare function require(id: 'fs' | 'node:fs'): typeof import('fs');
declare function require(id: 'fs/promises' | 'node:fs/promises'): typeof import('fs/promises');
declare function require(id: 'path' | 'node:path'): typeof import('path');
declare function require(id: 'os' | 'node:os'): typeof import('os');
declare function require(id: string): any;
declare const module: { exports: any; id: string; filename: string };
declare const exports: any;
declare const __filename: string;
declare const __dirname: string;

declare const process: {
  argv: string[];
  env: { [name: string]: string | undefined };
  exit(code?: number): never;
  exitCode: number | undefined;
  platform: string;
  cwd(): string;
  stdout: { write(s: string | Uint8Array): boolean; isTTY: boolean };
  stderr: { write(s: string | Uint8Array): boolean; isTTY: boolean };
  /** Standard input as an async iterable of text chunks: `for await (const chunk of process.stdin)`. */
  stdin: AsyncIterable<string> & { fd: 0; isTTY: boolean };
};

// Test runner (wsrfc test): jest's names and semantics.
/** A test body: synchronous, async (a returned promise is awaited), or taking a done callback. */
type TestFn = (() => void | Promise<unknown>) | ((done: (error?: unknown) => void) => void);
/** A timeout in milliseconds (default 5000, or --timeout-test), or { timeout }. */
type TestTimeout = number | { timeout: number };
interface Describe {
  (name: string, fn: () => void): void;
  /** Reports the tests inside as skipped; their hooks do not run. */
  skip(name: string, fn: () => void): void;
  /** In this file, runs only the tests inside .only blocks and .only tests. */
  only(name: string, fn: () => void): void;
}
interface It {
  (name: string, fn: TestFn, timeout?: TestTimeout): void;
  skip(name: string, fn?: TestFn, timeout?: TestTimeout): void;
  only(name: string, fn: TestFn, timeout?: TestTimeout): void;
  /** A test still to write: reported as todo, counted as skipped. */
  todo(name: string): void;
}
declare const describe: Describe;
declare const it: It;
declare const test: It;
declare const xdescribe: Describe['skip'];
declare const fdescribe: Describe['only'];
declare const xit: It['skip'];
declare const xtest: It['skip'];
declare const fit: It['only'];
/** Hooks run in jest's order: beforeAll once per describe, beforeEach outermost first, afterEach innermost first. */
declare function beforeAll(fn: TestFn, timeout?: TestTimeout): void;
declare function afterAll(fn: TestFn, timeout?: TestTimeout): void;
declare function beforeEach(fn: TestFn, timeout?: TestTimeout): void;
declare function afterEach(fn: TestFn, timeout?: TestTimeout): void;

/** Matchers; R is void, or Promise<void> after .resolves / .rejects (await it). */
interface Matchers<R> {
  not: Matchers<R>;
  resolves: Matchers<Promise<void>>;
  rejects: Matchers<Promise<void>>;
  /** Object.is equality. */
  toBe(expected: any): R;
  /** Deep equality; BigInt and Uint8Array aware; properties that are undefined are ignored. */
  toEqual(expected: any): R;
  /** Deep equality that also compares types, undefined properties and array holes. */
  toStrictEqual(expected: any): R;
  toBeTruthy(): R;
  toBeFalsy(): R;
  toBeNull(): R;
  toBeUndefined(): R;
  toBeDefined(): R;
  toBeNaN(): R;
  /** A substring of a string, or an item (===) of an array or iterable. */
  toContain(item: any): R;
  /** An item of an array or iterable, by deep equality. */
  toContainEqual(item: any): R;
  toMatch(pattern: RegExp | string): R;
  toHaveLength(n: number): R;
  /** A property path ('a.b[0].c' or ['a', 'b']), with a value compared like toEqual. */
  toHaveProperty(path: string | Array<string | number>, value?: any): R;
  toBeGreaterThan(n: number | bigint): R;
  toBeGreaterThanOrEqual(n: number | bigint): R;
  toBeLessThan(n: number | bigint): R;
  toBeLessThanOrEqual(n: number | bigint): R;
  /** |received - expected| < 10^-digits / 2 (digits default 2). */
  toBeCloseTo(n: number, digits?: number): R;
  /** The function throws (or, after .rejects, the promise rejects) with a matching message, class or error. */
  toThrow(expected?: string | RegExp | Function | Error): R;
  toThrowError(expected?: string | RegExp | Function | Error): R;
  toBeInstanceOf(cls: Function): R;
  /** Custom matchers added with expect.extend. */
  [custom: string]: any;
}
/** Stands for any value that passes its own check, inside toEqual, toHaveProperty and the like. */
interface AsymmetricMatcher { readonly __asymmetric: true }
interface Expect {
  <T = any>(actual: T): Matchers<void>;
  /** Adds matchers: each returns { pass, message: () => string }. */
  extend(matchers: { [name: string]: (this: { isNot: boolean; equals(a: any, b: any): boolean }, received: any, ...args: any[]) => { pass: boolean; message: () => string } }): void;
  anything(): AsymmetricMatcher;
  any(cls: Function): AsymmetricMatcher;
  objectContaining(o: object): AsymmetricMatcher;
  arrayContaining(a: any[]): AsymmetricMatcher;
  stringContaining(s: string): AsymmetricMatcher;
  stringMatching(re: RegExp | string): AsymmetricMatcher;
  not: {
    objectContaining(o: object): AsymmetricMatcher;
    arrayContaining(a: any[]): AsymmetricMatcher;
    stringContaining(s: string): AsymmetricMatcher;
    stringMatching(re: RegExp | string): AsymmetricMatcher;
  };
  /** The test fails unless exactly n assertions ran in it. */
  assertions(n: number): void;
  /** The test fails unless at least one assertion ran in it. */
  hasAssertions(): void;
}
declare const expect: Expect;

// ---------------------------------------------------------------------------------------------
// Function modules for the simulator: files loaded with --define FILE.js or sap.sim.load(FILE).
// Such a file runs in a VM of its own, where define, abap and console are the only globals (they do
// not exist in scripts). docs/simulator.md has the format and worked examples.

/** A scalar ABAP type; the one-letter forms ('C(10)', 'N(5)', 'D', 'T', 'I', 'F', 'P(15,2)', 'X(16)') work too. */
type AbapScalarType =
  | 'STRING' | 'XSTRING' | 'DATS' | 'TIMS' | 'INT1' | 'INT2' | 'INT4' | 'INT8' | 'FLTP' | 'DF16' | 'DF34'
  | `CHAR(${number})` | `NUMC(${number})` | `RAW(${number})`
  | `DEC(${number},${number})` | `CURR(${number},${number})` | `QUAN(${number},${number})`
  | (string & {});
/** A scalar, a structure (fields in the order written) or a table ([lineType]). */
type AbapType = AbapScalarType | { [field: string]: AbapType } | [AbapType];
/** A parameter with options; IMPORTING parameters are required unless optional or given a default. */
interface AbapParameter {
  type: AbapType;
  optional?: boolean;
  default?: string | number;
  description?: string;
}
type AbapParameters = { [name: string]: AbapType | AbapParameter };
/** What abap.exception and abap.message return, to be thrown. */
interface AbapFailure { readonly message: string }
interface FunctionModuleDefinition {
  /** The function module's name (upper-cased). */
  name: string;
  description?: string;
  /** The function group; ZJS when not given. */
  group?: string;
  importing?: AbapParameters;
  exporting?: AbapParameters;
  changing?: AbapParameters;
  tables?: AbapParameters;
  /** The classic exceptions the module may raise with abap.exception. */
  exceptions?: string[];
  /**
   * Called for each call with the IMPORTING, CHANGING and TABLES parameters; returns the EXPORTING,
   * CHANGING and TABLES parameters to set (or nothing). May be async; a throw that is not an
   * abap.exception or abap.message is a runtime error that ends the caller's session.
   */
  handler(params: Record<string, any>): Record<string, any> | void | Promise<Record<string, any> | void>;
}
/** Registers a function module with the simulator (in --define files only). */
declare function define(definition: FunctionModuleDefinition): void;
/** ABAP's ways to fail, for handlers of define() (in --define files only). */
declare const abap: {
  /** RAISE key: the caller gets a SapError with code ABAP_EXCEPTION and this key. */
  exception(key: string, text?: string): AbapFailure;
  /** MESSAGE TYPE type without RAISING: code ABAP_MESSAGE, msgType type. */
  message(type: 'E' | 'A' | 'X', text: string): AbapFailure;
};

// ES modules: import sap, { rfc } from 'sap'.
declare module 'sap' {
  const sap: Sap;
  export default sap;
  export const rfc: Sap['rfc'];
  export const SapError: Sap['SapError'];
  export const ConnectionError: Sap['ConnectionError'];
  export const TimeoutError: Sap['TimeoutError'];
}

// Node built-ins (node-compatible subset; also as node:fs etc.).
type PathLike = string | URL;
type FileData = string | Uint8Array;
type Encoding = 'utf8' | 'utf-8' | 'hex' | 'base64' | 'base64url' | 'latin1' | 'ascii';
/** Errors of fs calls carry node's code: ENOENT, EACCES, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY... */
interface FsError extends Error { code: string; errno?: number; syscall: string; path?: string }
interface Stats {
  size: number; mode: number; mtime: Date; mtimeMs: number;
  isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean;
}
interface Dirent { name: string; parentPath: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }
interface RmOptions { recursive?: boolean; force?: boolean }
declare module 'fs' {
  /** A path, or 0 for standard input. */
  function readFileSync(path: PathLike | 0, options: Encoding | { encoding: Encoding }): string;
  function readFileSync(path: PathLike | 0, options?: {}): Buffer;
  function writeFileSync(path: PathLike, data: FileData, options?: Encoding | { encoding?: Encoding }): void;
  function appendFileSync(path: PathLike, data: FileData, options?: Encoding | { encoding?: Encoding }): void;
  function existsSync(path: PathLike): boolean;
  function readdirSync(path: PathLike, options?: { withFileTypes?: false }): string[];
  function readdirSync(path: PathLike, options: { withFileTypes: true }): Dirent[];
  function mkdirSync(path: PathLike, options?: { recursive?: boolean }): void;
  function statSync(path: PathLike): Stats;
  function rmSync(path: PathLike, options?: RmOptions): void;
  function unlinkSync(path: PathLike): void;
  function renameSync(from: PathLike, to: PathLike): void;
  function copyFileSync(from: PathLike, to: PathLike): void;
  const promises: typeof import('fs/promises');
}
declare module 'node:fs' { export * from 'fs'; }
declare module 'fs/promises' {
  function readFile(path: PathLike | 0, options: Encoding | { encoding: Encoding }): Promise<string>;
  function readFile(path: PathLike | 0, options?: {}): Promise<Buffer>;
  function writeFile(path: PathLike, data: FileData, options?: Encoding | { encoding?: Encoding }): Promise<void>;
  function appendFile(path: PathLike, data: FileData, options?: Encoding | { encoding?: Encoding }): Promise<void>;
  function readdir(path: PathLike, options?: { withFileTypes?: false }): Promise<string[]>;
  function readdir(path: PathLike, options: { withFileTypes: true }): Promise<Dirent[]>;
  function mkdir(path: PathLike, options?: { recursive?: boolean }): Promise<void>;
  function stat(path: PathLike): Promise<Stats>;
  function rm(path: PathLike, options?: RmOptions): Promise<void>;
  function unlink(path: PathLike): Promise<void>;
  function rename(from: PathLike, to: PathLike): Promise<void>;
  function copyFile(from: PathLike, to: PathLike): Promise<void>;
}
declare module 'node:fs/promises' { export * from 'fs/promises'; }
declare module 'path' {
  interface ParsedPath { root: string; dir: string; base: string; ext: string; name: string }
  const sep: string;
  const delimiter: string;
  function join(...parts: string[]): string;
  function resolve(...parts: string[]): string;
  function normalize(path: string): string;
  function isAbsolute(path: string): boolean;
  function dirname(path: string): string;
  function basename(path: string, ext?: string): string;
  function extname(path: string): string;
  function relative(from: string, to: string): string;
  function parse(path: string): ParsedPath;
  function format(parts: Partial<ParsedPath>): string;
}
declare module 'node:path' { export * from 'path'; }
declare module 'os' {
  const EOL: string;
  function homedir(): string;
  function tmpdir(): string;
  function hostname(): string;
  function platform(): string;
  function type(): string;
  function arch(): string;
  function availableParallelism(): number;
}
declare module 'node:os' { export * from 'os'; }
declare module 'readline' {
  interface Interface extends AsyncIterable<string> {
    on(event: 'line', fn: (line: string) => void): Interface;
    on(event: 'close', fn: () => void): Interface;
    close(): void;
  }
  /** Lines of an async iterable of text, e.g. { input: process.stdin }. */
  function createInterface(options: { input: AsyncIterable<string> }): Interface;
}
declare module 'node:readline' { export * from 'readline'; }

interface ImportMeta { url: string; dirname: string; filename: string }

// Globals shared with node and browsers.
declare const console: {
  log(...data: any[]): void; info(...data: any[]): void; warn(...data: any[]): void; error(...data: any[]): void;
  debug(...data: any[]): void; table(data: any, columns?: string[]): void;
  time(label?: string): void; timeEnd(label?: string): void; timeLog(label?: string, ...data: any[]): void;
  dir(item: any, options?: any): void; assert(condition?: boolean, ...data: any[]): void;
  count(label?: string): void; group(...label: any[]): void; groupEnd(): void; trace(...data: any[]): void;
};
declare function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(fn: () => void): void;
type BufferEncoding = Encoding;
interface Buffer extends Uint8Array {
  toString(encoding?: BufferEncoding, start?: number, end?: number): string;
  equals(other: Uint8Array): boolean;
}
declare const Buffer: {
  from(data: string, encoding?: BufferEncoding): Buffer;
  from(data: ArrayBuffer | Uint8Array | number[]): Buffer;
  alloc(size: number, fill?: string | number): Buffer;
  concat(list: Uint8Array[], totalLength?: number): Buffer;
  isBuffer(value: unknown): value is Buffer;
  byteLength(value: string | Uint8Array, encoding?: BufferEncoding): number;
  prototype: Buffer;
};
declare class TextEncoder { readonly encoding: 'utf-8'; encode(input?: string): Uint8Array }
declare class TextDecoder {
  constructor(label?: 'utf-8' | 'utf8', options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: 'utf-8';
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}
declare class URLSearchParams implements Iterable<[string, string]> {
  constructor(init?: string | Record<string, string> | [string, string][]);
  append(name: string, value: string): void;
  delete(name: string): void;
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  set(name: string, value: string): void;
  sort(): void;
  toString(): string;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}
/** Throws a TypeError with code ERR_INVALID_URL for a malformed URL. */
declare class URL {
  constructor(url: string, base?: string | URL);
  href: string; origin: string; protocol: string; username: string; password: string; host: string;
  hostname: string; port: string; pathname: string; search: string; hash: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
  toJSON(): string;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
declare function structuredClone<T>(value: T): T;
declare const performance: { now(): number; timeOrigin: number };

type HeadersInit = Headers | Record<string, string> | [string, string][];
type BodyInit = string | URLSearchParams | ArrayBuffer | ArrayBufferView;
declare class Headers implements Iterable<[string, string]> {
  constructor(init?: HeadersInit);
  append(name: string, value: string): void;
  delete(name: string): void;
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
  forEach(fn: (value: string, name: string, headers: Headers) => void): void;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}
interface Body {
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
  json(): Promise<any>;
}
interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: AbortSignal | null;
  redirect?: 'follow' | 'manual';
  /** wsrfc: milliseconds until the request fails with a TimeoutError (like AbortSignal.timeout). */
  timeout?: number;
}
declare class Request implements Body {
  constructor(input: string | URL | Request, init?: RequestInit);
  readonly url: string; readonly method: string; readonly headers: Headers; readonly signal: AbortSignal | null;
  readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>; bytes(): Promise<Uint8Array>; text(): Promise<string>; json(): Promise<any>;
}
declare class Response implements Body {
  constructor(body?: BodyInit | null, init?: { status?: number; statusText?: string; headers?: HeadersInit });
  static json(data: unknown, init?: { status?: number; headers?: HeadersInit }): Response;
  static error(): Response;
  readonly ok: boolean; readonly status: number; readonly statusText: string; readonly headers: Headers;
  readonly url: string; readonly redirected: boolean; readonly bodyUsed: boolean;
  arrayBuffer(): Promise<ArrayBuffer>; bytes(): Promise<Uint8Array>; text(): Promise<string>; json(): Promise<any>;
}
declare class AbortSignal {
  readonly aborted: boolean;
  readonly reason: any;
  onabort: ((event: { type: 'abort' }) => void) | null;
  throwIfAborted(): void;
  addEventListener(type: 'abort', fn: (event: { type: 'abort' }) => void): void;
  removeEventListener(type: 'abort', fn: (event: { type: 'abort' }) => void): void;
  static abort(reason?: any): AbortSignal;
  /** A signal that makes fetch fail with a TimeoutError after ms; it keeps no timer of its own. */
  static timeout(ms: number): AbortSignal;
}
declare class AbortController { readonly signal: AbortSignal; abort(reason?: any): void }
/** Rejects with TypeError "fetch failed: ..." (cause.code ECONNREFUSED, ENOTFOUND, CERT_INVALID...), or an AbortError / TimeoutError. TLS certificates are verified. */
declare function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
