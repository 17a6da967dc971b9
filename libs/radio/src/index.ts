export * from './write-script';
export * from './station-feed.service';
