package webtalk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FieldsTest {

    @Test
    void wholeNumberAcceptsOneToEighteenAsciiDigits() {
        assertEquals(0L, Fields.wholeNumber("0"));
        assertEquals(42L, Fields.wholeNumber("042"));
        assertEquals(999_999_999_999_999_999L, Fields.wholeNumber("999999999999999999"));
    }

    @Test
    void wholeNumberRefusesAnythingElse() {
        for (String text : new String[] {null, "", "-1", "+1", "1.0", " 1", "1e3", "1234567890123456789", "١٢"}) {
            assertNull(Fields.wholeNumber(text), text);
        }
    }
}
