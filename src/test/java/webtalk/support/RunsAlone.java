package webtalk.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test that must not share the machine with another: it measures time, heap or
 * the JIT, floods a server, or kills and restarts processes on deadlines. The other integration
 * tests run in two JVMs at once (failsafe's {@code together} execution in pom.xml); these run
 * afterwards, one at a time ({@code alone}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {

    String TAG = "alone";
}
