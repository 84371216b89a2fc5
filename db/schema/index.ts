export * from "./availability";
export * from "./booking";
export * from "./catalog";
export * from "./identity";
export * from "./notify";
export * from "./profiles";
export * from "./room";
