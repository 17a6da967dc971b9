export { ConfigError, loadConfig } from './env';
export type {
  AcknowledgementConfig,
  AppConfig,
  AudienceConfig,
  AuthConfig,
  BannerConfig,
  DatabaseConfig,
  DeliveryConfig,
  HttpConfig,
  LogConfig,
  MetricsConfig,
  OcrConfig,
  RadioConfig,
  RateLimitConfig,
  RedisConfig,
  SmsConfig,
  SmtpConfig,
} from './env';
export { APP_CONFIG, ConfigModule } from './config.module';
export { assetsDir, configDir, readConfigJson } from './config-files';
export { envSecret } from './secrets';
