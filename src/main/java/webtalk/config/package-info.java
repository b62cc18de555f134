/**
 * Process-level settings: {@link webtalk.config.Settings} (an immutable record) loaded by
 * {@link webtalk.config.SettingsLoader} from the properties file, then the environment. Every
 * setting is defined once, in {@link webtalk.config.Setting}: key, default, parser and doc line;
 * the loader, the defaults and the example file all come from that list. Depends on nothing of
 * WebTalk, so every part may read it (docs/architecture.md).
 */
package webtalk.config;
