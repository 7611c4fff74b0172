// Database of the off-system run: an in-memory SQLite with the tables the
// transpiler derives from the DDIC objects, plus the rows of data/*.sql
// (the fake function directory, interfaces and texts the handler reads).
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {SQLiteDatabaseClient} from "@abaplint/database-sqlite";

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "data");

export async function setup(abap, schemas, insert) {
  const db = new SQLiteDatabaseClient();
  await db.connect();
  await db.execute(schemas.sqlite);
  await db.execute(insert);
  for (const name of fs.readdirSync(dataDir).filter((n) => n.endsWith(".sql")).sort()) {
    await db.execute(fs.readFileSync(path.join(dataDir, name), "utf8"));
  }
  abap.context.databaseConnections["DEFAULT"] = db;
}
