export * from './errors/index';
export * from './ports/index';
export * from './schemas/index';
