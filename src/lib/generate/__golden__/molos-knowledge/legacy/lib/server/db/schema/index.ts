export * from "./tables";
