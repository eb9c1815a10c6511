export * from './datatransfer/index';
export * from './errors/index';
export * from './identcode/index';
export * from './labels/index';
export * from './ports/index';
export * from './post/index';
export * from './schemas/index';
export * from './variants/index';
