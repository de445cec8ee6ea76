import { CsvError } from "../io/csv.js";
import type { Demographics } from "./dataset.js";
import { expectFields, integerField } from "./fields.js";
import { forEachLine, type LineSource } from "./lines.js";

/** ml-1m's users.dat: UserID::Gender::Age::Occupation::Zip-code. */
export async function parseUsers(source: LineSource, file: string): Promise<Map<number, Demographics>> {
  const users = new Map<number, Demographics>();
  await forEachLine(source, (line, n) => {
    const at = { file, line: n };
    const fields = line.split("::");
    expectFields(fields, 5, "UserID::Gender::Age::Occupation::Zip-code", at);
    const id = integerField(fields[0], "UserID", at, 1);
    const gender = fields[1].trim();
    if (gender !== "M" && gender !== "F") throw new CsvError(file, n, `Gender: '${fields[1]}' (allowed: M, F)`);
    if (users.has(id)) throw new CsvError(file, n, `UserID ${id} is listed twice`);
    users.set(id, { gender, age: integerField(fields[2], "Age", at, 0), occupation: integerField(fields[3], "Occupation", at, 0), zip: fields[4].trim() });
  });
  return users;
}
