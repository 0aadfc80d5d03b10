// `npm run user:create`: make an administrator for a real deployment, asking for the password
// (typed twice, never echoed). Uses DATABASE_URL, or the embedded database when it is unset.
import "dotenv/config";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { hashPassword } from "@workplan/auth/password";
import { createUser } from "@workplan/core/operations/create-user";
import { DomainError } from "@workplan/core/operations/errors";
import { PASSWORD_MESSAGES, checkNewPassword } from "@workplan/core/rules/password-policy";
import { disconnectPrisma } from "@workplan/db";
import { resolveDatabase } from "./lib/database";

let muted = false;
const output = new Writable({
  write(chunk, _encoding, callback) {
    if (!muted) process.stdout.write(chunk);
    callback();
  },
});
const rl = createInterface({ input: process.stdin, output, terminal: true });

function ask(question: string, secret = false): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    muted = secret;
    rl.question("", (answer) => {
      muted = false;
      if (secret) process.stdout.write("\n");
      resolve(answer.trim());
    });
  });
}

const db = await resolveDatabase(() => {});
process.env.DATABASE_URL = db.url;
let code = 0;
try {
  const email = await ask("E-mail: ");
  const name = await ask("Name: ");
  const password = await ask("Password (at least 12 characters): ", true);
  const again = await ask("Password again: ", true);
  const problem = checkNewPassword(password, { email, name });
  if (problem) throw new DomainError("invalid", PASSWORD_MESSAGES[problem] ?? problem);
  if (password !== again) throw new DomainError("invalid", "the two passwords differ");
  const result = await createUser(null, { email, name, role: "ADMIN", passwordHash: await hashPassword(password) });
  console.log(`Administrator ${email} created (${result.id}).`);
} catch (error) {
  code = 1;
  if (error instanceof DomainError) {
    const fields = error.fields ? ` (${Object.entries(error.fields).map(([k, v]) => `${k}: ${v}`).join(", ")})` : "";
    console.error(`Not created: ${error.message}${fields}`);
  } else {
    console.error(`Not created: ${error instanceof Error ? error.message : String(error)}`);
  }
} finally {
  rl.close();
  await disconnectPrisma();
  await db.stop();
}
process.exit(code);
