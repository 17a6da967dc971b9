export * from './vietnamese-numbers';
export * from './spell';
export * from './abbreviations';
export * from './speech-text';
export * from './write-script';
