/**
 * The HTTP edge on Javalin: the room API, the admin API, pages and static files, security
 * headers and CORS. Handlers read the request (through {@code webtalk.contract.Fields}), call the
 * domain and answer; failures are {@code ChatException}s that {@code ErrorMapping}
 * turns into {@code {erro, codigo}} with the status of {@code HttpStatuses}, the one
 * table from the domain's errors to HTTP. Only what {@code app} installs is public
 * ({@link webtalk.web.WebApi}, {@link webtalk.web.OriginPolicy}, {@link webtalk.web.SlowRequests}).
 */
package webtalk.web;
