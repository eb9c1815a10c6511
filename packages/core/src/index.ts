export * from './errors/index';
export * from './schemas/index';
