export * from "./availability";
export * from "./booking";
export * from "./catalog";
export * from "./feedback";
export * from "./identity";
export * from "./notify";
export * from "./profiles";
export * from "./room";
