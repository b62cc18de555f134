/**
 * Implementations of {@link webtalk.chat.RoomEvents} (and {@link webtalk.chat.SettingsChanges}),
 * one sub-package per kind ({@code local} today); they depend on {@code chat}, never the other way.
 */
package webtalk.fanout;
