export * from "./catalog";
export * from "./identity";
export * from "./profiles";
