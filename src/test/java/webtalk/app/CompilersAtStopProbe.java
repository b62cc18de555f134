package webtalk.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a JVM of its own by {@link CompilersAtStopIT}: yields the core, then prints each compiler thread's nice value. */
public final class CompilersAtStopProbe {

    private CompilersAtStopProbe() {
    }

    public static void main(String[] args) throws Exception {
        CompilersAtStop.yieldTheCore();
        for (String id : CompilersAtStop.compilerThreads()) {
            String stat = Files.readString(Path.of("/proc/self/task", id, "stat"));
            // Fields after the parenthesised name: state is the 3rd field, nice the 19th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            System.out.println("compiler " + id + " nice " + fields[16]);
        }
    }
}
