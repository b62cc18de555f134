package webtalk.hostile;

/**
 * One hostile input: a name, the branch whose defence it needs ("main" when main must already
 * pass it), and what it sends through a real client and expects back.
 */
record Attack(String name, String dependsOn, Body body) {

    interface Body {
        void run(Arena arena) throws Exception;
    }

    static Attack of(String name, String dependsOn, Body body) {
        return new Attack(name, dependsOn, body);
    }

    String displayName() {
        return "[" + dependsOn + "] " + name;
    }
}
