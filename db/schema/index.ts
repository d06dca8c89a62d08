export * from "./audit";
export * from "./identity";
export * from "./security";
export * from "./inventory";
export * from "./settings";
export * from "./activity";
export * from "./scans";
export * from "./posture";
