export * from './build-audience';
export * from './opt-outs.service';
