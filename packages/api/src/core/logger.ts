/** Where the api writes its logs; the hosting server passes its own (pino), tests a silent one. */
export interface Logger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}
