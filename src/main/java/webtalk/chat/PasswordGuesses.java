package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import webtalk.security.AttemptCounters;
import webtalk.security.Attempts;

/**
 * Brakes on guessing a room's password, at three levels, so that one person's typos do not lock
 * out everyone behind the same address (a school's NAT makes a class one address):
 * <ul>
 * <li>per device at an address, for the room: {@link #PER_DEVICE} failures a minute — the device is
 *     the random {@code dispositivo} id the lobby keeps in the browser; a client without one shares
 *     the address's empty-device key, as before;</li>
 * <li>per address, for the room: {@link #PER_ADDRESS} failures in 10 minutes, whatever the devices
 *     (a class mistyping once each passes; a script inventing device ids does not);</li>
 * <li>per room, from every address: {@link #PER_ROOM} failures in 10 minutes — more than one
 *     address may spend, so no single address can lock a room for everyone.</li>
 * </ul>
 * Each level counts the attempt before the hash is checked ({@link Attempts#tryAcquire}), so
 * concurrent guesses cannot race past it; a right password gives every level its attempt back.
 */
final class PasswordGuesses {

    static final int PER_DEVICE = 5;
    static final int PER_ADDRESS = 30;
    static final int PER_ROOM = 120;

    private final Attempts perDevice;
    private final Attempts perAddress;
    private final Attempts perRoom;

    public PasswordGuesses(Clock clock) {
        this(AttemptCounters.inMemory(clock));
    }

    public PasswordGuesses(AttemptCounters counters) {
        this.perDevice = counters.counter("senha-dispositivo", PER_DEVICE, Duration.ofMinutes(1));
        this.perAddress = counters.counter("senha-endereco", PER_ADDRESS, Duration.ofMinutes(10));
        this.perRoom = counters.counter("senha-sala", PER_ROOM, Duration.ofMinutes(10));
    }

    /** One guess's keys; {@code device} is already validated (null: none given). */
    record Guess(String device, String address, String room) {
        static Guess of(String roomId, String clientAddress, String device) {
            String address = clientAddress + "|" + roomId;
            return new Guess(address + "|" + (device == null ? "" : device), address, roomId);
        }
    }

    /** Counts the guess at every level, or refuses it (TOO_MANY_ATTEMPTS) counting nothing. */
    void acquire(Guess guess) {
        if (!perDevice.tryAcquire(guess.device())) {
            throw new ChatException(ChatError.TOO_MANY_ATTEMPTS);
        }
        if (!perAddress.tryAcquire(guess.address())) {
            perDevice.forgive(guess.device());
            throw new ChatException(ChatError.TOO_MANY_ATTEMPTS);
        }
        if (!perRoom.tryAcquire(guess.room())) {
            perDevice.forgive(guess.device());
            perAddress.forgive(guess.address());
            throw new ChatException(ChatError.TOO_MANY_ATTEMPTS);
        }
    }

    /** The guess was right (or never checked): it does not count. */
    void forgive(Guess guess) {
        perDevice.forgive(guess.device());
        perAddress.forgive(guess.address());
        perRoom.forgive(guess.room());
    }

    void sweep() {
        perDevice.sweep();
        perAddress.sweep();
        perRoom.sweep();
    }
}
