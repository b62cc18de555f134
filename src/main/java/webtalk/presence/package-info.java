/**
 * Implementations of {@link webtalk.chat.Presence} and {@link webtalk.chat.Leadership}, one
 * sub-package per kind ({@code local} today); they depend on {@code chat}, never the other way.
 */
package webtalk.presence;
