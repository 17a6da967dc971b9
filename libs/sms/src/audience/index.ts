export * from './build-audience';
