package webtalk.chat;

/** A piece of a search result's excerpt ({@link SearchExcerpt}); {@code marked} for a word that matched a term. */
public record ExcerptPart(String text, boolean marked) {
}
