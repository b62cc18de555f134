package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BearerTest {

    @Test
    void credentialsAreTheTextAfterTheSchemeAsSent() {
        assertEquals("secret ", Bearer.credentials("Bearer secret "));
    }

    @Test
    void anotherSchemeOrNoHeaderHasNone() {
        assertNull(Bearer.credentials("Basic abc"));
        assertNull(Bearer.credentials(null));
    }
}
