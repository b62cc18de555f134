package webtalk.soak;

import java.time.Duration;

/**
 * The soak tool, against a running WebTalk ({@code tools/soak.sh URL ADMIN_PASSWORD clients rooms minutes rate drops}).
 * Exits 0 when nothing was lost, duplicated or reordered.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: Soak URL ADMIN_PASSWORD [clients=50] [rooms=5] [minutes=1] [rate=1] [drops=2]");
            System.exit(2);
        }
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rooms = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        double minutes = args.length > 4 ? Double.parseDouble(args[4]) : 1;
        double rate = args.length > 5 ? Double.parseDouble(args[5]) : 1;
        double drops = args.length > 6 ? Double.parseDouble(args[6]) : 2;
        SoakReport report = new SoakRun(new SoakRun.Plan(args[0], args[1], clients, rooms,
                Duration.ofMillis((long) (minutes * 60_000)), rate, drops, null, null), System.out::println).run();
        System.out.println(report.summary());
        System.exit(report.clean() ? 0 : 1);
    }
}
