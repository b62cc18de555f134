/**
 * The public contract's vocabulary, shared by both edges (realtime's Socket.IO events and web's
 * REST routes): event names and codes ({@link webtalk.contract.ChatEvents}), typed reads of JSON
 * fields ({@link webtalk.contract.Fields}), and every payload sent ({@link webtalk.contract.Payloads}).
 * Published names never change (docs/protocol.md). Reads the domain's records; knows no transport.
 */
package webtalk.contract;
