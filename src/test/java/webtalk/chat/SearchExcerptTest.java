package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a query becomes terms and a found message becomes an excerpt with its matched words marked. */
class SearchExcerptTest {

    @Test
    void aQueryIsItsFoldedWordsWithoutRepeatsOrSyntax() {
        assertEquals(List.of("aviao", "ceu"), SearchQuery.parse("  \"AVIÃO\" céu* aviao ").terms());
        assertEquals(List.of("near", "a", "b", "or"), SearchQuery.parse("NEAR(a b) OR").terms());
        assertEquals(List.of("provas", "finais"), SearchQuery.parse("provas-finais").terms());
    }

    @Test
    void aQueryWithoutWordsTooLongOrWithTooManyWordsIsRefused() {
        for (String bad : new String[]{null, "", "  ", "?!*\"", "x".repeat(101), "a b c d e f g h i"}) {
            ChatException e = assertThrows(ChatException.class, () -> SearchQuery.parse(bad));
            assertEquals(ChatError.INVALID_SEARCH, e.error());
        }
        assertEquals(8, SearchQuery.parse("a b c d e f g h").terms().size());
    }

    @Test
    void theWordsBeginningWithATermAreMarked() {
        assertEquals(List.of(new ExcerptPart("O ", false), new ExcerptPart("Avião", true), new ExcerptPart(" e o ", false),
                        new ExcerptPart("AVIÕES", true), new ExcerptPart(", não o navio", false)),
                SearchExcerpt.of("O Avião e o AVIÕES, não o navio", List.of("aviao", "avio")));
    }

    @Test
    void aOneCharacterTermMarksOnlyThatWord() {
        assertEquals(List.of(new ExcerptPart("plano ", false), new ExcerptPart("A", true), new ExcerptPart(" às aulas", false)),
                SearchExcerpt.of("plano A às aulas", List.of("a")));
    }

    @Test
    void aLongMessageIsCutAroundItsFirstMatchBetweenWords() {
        String text = "palavra ".repeat(40) + "achado " + "fim ".repeat(60);
        List<ExcerptPart> parts = SearchExcerpt.of(text, List.of("achado"));
        assertTrue(parts.get(0).text().startsWith("…palavra"), parts.get(0).text());
        assertEquals(new ExcerptPart("achado", true), parts.get(1));
        String last = parts.get(2).text();
        assertTrue(last.endsWith("fim …") || last.endsWith("fim…"), last);
        int shown = parts.stream().mapToInt(p -> p.text().length()).sum();
        assertTrue(shown <= SearchExcerpt.MAX_CHARS + 2, "excerpt of " + shown);
    }
}
