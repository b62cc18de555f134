package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What {@link Texts#clean} keeps and removes. */
class TextsTest {

    @Test
    void cleanTextIsOnlyTrimmed() {
        assertEquals("olá, tudo bem?", Texts.clean("  olá, tudo bem?\n"));
        String clean = "já limpo";
        assertSame(clean, Texts.clean(clean), "nothing to remove, nothing copied");
        assertNull(Texts.clean(null));
    }

    @Test
    void controlCharactersGoLineBreaksAndTabsStay() {
        assertEquals("a\nb\tc", Texts.clean("a\u0000\nb\u0007\tc\u001b"));
        assertEquals("c1 gone", Texts.clean("c1\u0085 \u009fgone"));
        assertEquals("del", Texts.clean("d\u007fel"));
    }

    @Test
    void trimmingAlsoAppliesToWhatRemovingLeftAtTheEdges() {
        assertEquals("oi", Texts.clean("\u0000 oi \u0001"));
        assertEquals("", Texts.clean("\u0000\u0001 \u0002"));
    }

    @Test
    void emojiAndOtherSupplementaryCharactersStayWhole() {
        assertEquals("café ☕ 👩‍💻 𝄞", Texts.clean("café ☕\u0000 👩‍💻 𝄞"));
        assertEquals("\ud83d", Texts.clean("\ud83d\u0000"), "a lone surrogate is not a control character");
    }
}
