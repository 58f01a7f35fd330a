import { defineConfig } from "drizzle-kit";

export default defineConfig({
  schema: "./src/server/db/schema/tables.ts",
  out: "./drizzle",
  dialect: "sqlite",
  dbCredentials: {
    url: "../.db/data.db",
  },
});
