package webtalk.fanout.local;

import webtalk.chat.RoomEvents;
import webtalk.chat.ports.RoomEventsContract;

/** In-process room events keep the port's contract (delivered on the publishing thread). */
class LocalRoomEventsTest extends RoomEventsContract {

    @Override
    protected RoomEvents newRoomEvents(String node) {
        return new LocalRoomEvents(node);
    }
}
