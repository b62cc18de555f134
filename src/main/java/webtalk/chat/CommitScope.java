package webtalk.chat;

/**
 * Where a message log runs the after-commit steps of one committed batch. Guarantee asked of the
 * implementation: it runs {@code completions} exactly once, on the calling thread, before it
 * returns. Why it exists: what those steps send (the broadcast of each message, the senders' acks)
 * can then be collected for the whole batch, and the frames bound for one connection sent in one
 * write instead of one write per frame. The transport provides it; app wires it in.
 */
@FunctionalInterface
public interface CommitScope {

    /** Runs on the calling thread and returns: no batching at all. */
    CommitScope DIRECT = Runnable::run;

    void run(Runnable completions);
}
