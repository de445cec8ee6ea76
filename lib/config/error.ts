/** A configuration value that is not allowed: the message names the field (a dotted path or a flag) and what is allowed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}
