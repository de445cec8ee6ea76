export const LAB_VERSION = "0.1.0";
