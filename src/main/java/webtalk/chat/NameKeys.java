package webtalk.chat;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key two names are compared by: names with the same key look the same to a reader, so a room
 * admits one of them at a time, a ban on one refuses all of them, and one room name blocks its
 * look-alikes. What the person typed is kept for display; only the key is compared.
 *
 * <p>The key is NFKC with case folding (Unicode's NFKC_Casefold, which also drops default-ignorable
 * code points such as U+034F and variation selectors), spaces collapsed, then the confusable
 * skeleton of <a href="https://www.unicode.org/reports/tr39/#Confusable_Detection">UTS #39</a>:
 * {@code ana}, {@code аna} (Cyrillic а), {@code ａｎａ}, {@code ANA}, {@code ana} decomposed and
 * {@code ana} + U+FE0F share a key. That is applied twice: a skeleton may hold capitals
 * ({@code 0} becomes {@code O}, Cherokee {@code Ꭺ} becomes {@code A}), which the second fold
 * and skeleton bring to the same key as their lower-case look-alikes ({@code tr0ll} and
 * {@code troll}); for letters, a third round changes nothing. Not caught: a capital {@code I}
 * posing as {@code l} ({@code trolI}), because the key is case-insensitive and {@code I} folds to
 * {@code i}; making {@code i} and {@code l} one would refuse many honest names.
 *
 * <p>Keys are stored ({@code rooms.name_key}): a change to this function needs a migration that
 * recomputes them, as {@code V4__room_name_keys_by_skeleton} did.
 */
public final class NameKeys {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    /**
     * Built once: building loads the confusables data. A built SpoofChecker is immutable (ICU4J
     * API docs, "SpoofChecker"), and getSkeleton only reads it, so threads share it.
     */
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    /**
     * Keys already computed, for names up to {@link #REMEMBERED_LENGTH}: a join compares its name's
     * key several times (presence, reclaim keys, bans), and each computation runs ICU's
     * normalization and skeleton twice. A pure function's memo, shared by every thread; at
     * {@link #REMEMBERED_NAMES} entries it starts over, so it stays bounded whatever names clients send.
     */
    private static final Map<String, String> REMEMBERED = new ConcurrentHashMap<>();
    private static final int REMEMBERED_NAMES = 8_192;
    private static final int REMEMBERED_LENGTH = 64;

    private NameKeys() {
    }

    /** The comparison key of a name (any string; names are validated before they get here). */
    public static String of(String name) {
        if (name.length() > REMEMBERED_LENGTH) {
            return round(round(name));
        }
        String key = REMEMBERED.get(name);
        if (key == null) {
            key = round(round(name));
            if (REMEMBERED.size() >= REMEMBERED_NAMES) {
                REMEMBERED.clear();
            }
            REMEMBERED.put(name, key);
        }
        return key;
    }

    private static String round(String text) {
        return SKELETONS.getSkeleton(collapseSpaces(NFKC_CASEFOLD.normalize(text)));
    }

    /** NFKC has already made every kind of space U+0020; runs of them read as one, edges as none. */
    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean spaceBefore = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                spaceBefore = out.length() > 0;
            } else {
                if (spaceBefore) {
                    out.append(' ');
                    spaceBefore = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
