package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A reaction is one emoji as a reader sees it, and nothing else. */
class EmojiTest {

    @Test
    void oneEmojiInAnyOfItsFormsIsAccepted() {
        for (String emoji : List.of("👍", "❤️", "❤", "👍🏽", "🇧🇷", "1️⃣", "#⃣", "👩‍💻", "👨‍👩‍👧‍👦", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏳️‍🌈", "©")) {
            assertTrue(Emoji.valid(emoji), emoji);
        }
    }

    @Test
    void textTwoEmojiAndLoosePartsAreRefused() {
        for (String bad : List.of("", "a", "ok", "👍👍", "👍 ", " 👍", "👍a", "\u200d", "👍\u200d", "\u200d👍", "🏽", "🇧", "🇧🇷🇧",
                "1", "\uFE0F", "👍".repeat(20), "<b>", "😀\u0301")) {
            assertFalse(Emoji.valid(bad), bad);
        }
        assertFalse(Emoji.valid(null));
    }
}
