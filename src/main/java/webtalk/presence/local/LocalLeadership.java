package webtalk.presence.local;

import webtalk.chat.Leadership;

/** One node: it always leads. */
public final class LocalLeadership implements Leadership {

    @Override
    public boolean leads() {
        return true;
    }
}
