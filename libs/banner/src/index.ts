export * from './render-embed';
export * from './banner.service';
